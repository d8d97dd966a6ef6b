"""The ``ickit`` command: each subcommand calls one library function and reports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .content import ContentError, load_content
from .content.summary import summarise
from .errors import KitInputError
from .serve import (DASHBOARD_DIR, ServeError, ServeOptions, in_use, kernel_budget, landing_url,
                    pool_sizes, preheated, serve, with_token)


def check(args: argparse.Namespace) -> int:
    content = load_content(args.data)
    for line in summarise(content):
        print(line)
    print("data/ is valid")
    return 0


def content_json(args: argparse.Namespace) -> int:
    content = load_content(args.data)
    if not args.json:
        print("use `ickit content --json` to print the validated content as JSON", file=sys.stderr)
        return 2
    json.dump(content.model_dump(mode="json"), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def serve_seminar(args: argparse.Namespace) -> int:
    content = load_content(args.data)
    options = with_token(ServeOptions(port=args.port, expect=args.expect, public=args.public,
                                      dashboards=tuple(args.dashboard or ()),
                                      open_browser=not args.no_browser, data=args.data,
                                      refill_delay=args.refill_delay))
    try:
        kernels = preheated(pool_sizes(options.expect, in_use(content, options.dashboards),
                                       kernel_budget()))
        print(f"ickit: serving {len(content.dashboards)} dashboard(s), with {kernels} kernel(s) "
              f"started in advance for {options.expect} participant(s) joining at once; "
              "stop with Ctrl+C")
        if options.public:
            print("ickit: open to every network this machine is on; participants need the token.")
            print(f"ickit: share this address, replacing HOST with this machine's name or address:"
                  f"\n  {landing_url(options, 'HOST')}")
        else:
            print(f"ickit: on this machine only: {landing_url(options)}")
        serve(options, content)
    except ServeError as err:
        print(f"ickit serve: {err}", file=sys.stderr)
        return 2
    return 0


def clean_notebooks(args: argparse.Namespace) -> int:
    from . import hygiene

    paths = args.notebooks or sorted(DASHBOARD_DIR.parent.rglob("*.ipynb"))
    for path in paths:
        hygiene.clean_file(Path(path))
        print(f"cleaned {path}")
    left = [problem for path in paths for problem in hygiene.problems(Path(path))]
    for problem in left:
        print(f"ickit: {problem}", file=sys.stderr)
    return 1 if left else 0


def learner_notebooks(args: argparse.Namespace) -> int:
    from .learner_notebooks import FOLDER, differences, write_notebooks

    content = load_content(args.data)
    try:
        if args.check:
            stale = differences(content, FOLDER)
            for name in stale:
                print(f"ickit: {FOLDER / name} differs from what the content writes; run "
                      "`ickit notebooks`", file=sys.stderr)
            return 1 if stale else 0
        written = write_notebooks(content, FOLDER)
    except KitInputError as err:
        print(f"ickit notebooks: {err}", file=sys.stderr)
        return 2
    print(f"ickit: wrote {len(written)} learner notebook(s) into {FOLDER}, "
          f"{len(content.course) - len(written)} already up to date")
    return 0


def course_sheet(args: argparse.Namespace) -> int:
    from .logic.course import run_sheet

    content = load_content(args.data)
    for line in run_sheet(content):
        print(line)
    if args.trainer:
        for part in sorted(content.course, key=lambda p: p.order):
            print(f"\n{part.notebook}: {part.trainer_notes}")
    return 0


def slides(args: argparse.Namespace) -> int:
    from .materials import PdfUnavailable, build_all, default_slides_dir  # loads plotly

    out = args.out or default_slides_dir()
    try:
        written = build_all(load_content(args.data), out, pdf=not args.no_pdf)
    except PdfUnavailable as err:
        print(f"ickit slides: {err}", file=sys.stderr)
        return 2
    print(f"ickit: wrote {len(written)} file(s) into {out}; open {out / 'index.html'} in a browser")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ickit", description="Integrated Care Workshop Kit")
    parser.add_argument("--data", type=Path, default=None,
                        help="the content folder (default: the kit's data/, or $ICKIT_DATA)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", help="validate data/ and report what it holds").set_defaults(run=check)
    p = sub.add_parser("content", help="print the validated content")
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=content_json)
    p = sub.add_parser("clean-notebooks",
                       help="strip notebooks of outputs, execution counts and widget state")
    p.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/")
    p.set_defaults(run=clean_notebooks)
    p = sub.add_parser("notebooks", help="write the learner notebooks notebooks/NN_*.ipynb from data/")
    p.add_argument("--check", action="store_true",
                   help="write nothing; fail if a notebook differs from what data/ writes")
    p.set_defaults(run=learner_notebooks)
    p = sub.add_parser("course", help="the learner course in order, with minutes")
    p.add_argument("--trainer", action="store_true", help="add the trainer notes")
    p.set_defaults(run=course_sheet)
    p = sub.add_parser("serve", help="serve the dashboards for a seminar (Voila)")
    p.add_argument("--port", type=int, default=8866, help="port to listen on (default 8866)")
    p.add_argument("--expect", type=int, default=20, metavar="N",
                   help="how many participants may join at once: sizes the preheated kernel pools")
    p.add_argument("--public", action="store_true",
                   help="listen on every network interface; a token is printed and required")
    p.add_argument("--dashboard", action="append", metavar="ID",
                   help="a dashboard you will use (repeatable; default: all of them)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--refill-delay", type=float, default=30.0, metavar="SECONDS",
                   help="wait this long before replacing a kernel someone took, so a room "
                        "joining at once is not slowed by new kernels starting (default 30)")
    p.set_defaults(run=serve_seminar)
    p = sub.add_parser("slides", help="build the decks, trainer guide and handouts into slides/")
    p.add_argument("--out", type=Path, default=None, help="where to write (default: the kit's slides/)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDFs (guide and handouts)")
    p.set_defaults(run=slides)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ContentError as err:
        print(f"ickit: the content is not valid ({len(err.problems)} problem(s)):", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1

"""The ``ickit`` command: each subcommand calls one library function and reports."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from .content import ContentError, load_content
from .content.summary import summarise
from .errors import KitInputError
from .serve import (DASHBOARD_DIR, ServeError, ServeOptions, in_use, join_server, kernel_budget,
                    landing_url, pool_sizes, prepare_rooms, preheated, serve, with_token)
from .upstream import UncheckedVersion, require_checked


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
    from .logic.room_links import Server

    content = load_content(args.data)
    options = with_token(ServeOptions(port=args.port, expect=args.expect, public=args.public,
                                      dashboards=tuple(args.dashboard or ()),
                                      open_browser=not args.no_browser, data=args.data,
                                      refill_delay=args.refill_delay, rooms=args.rooms or "",
                                      public_url=args.public_url or "", token=args.token or ""))
    try:
        require_checked()
        join = join_server(options)
        rooms, purged = prepare_rooms(options, content, join)
        budget = kernel_budget()
        kernels = preheated(pool_sizes(options.expect, in_use(content, options.dashboards), budget))
        print(f"ickit: serving {len(content.dashboards)} dashboard(s), with {kernels} kernel(s) "
              f"started in advance for {options.expect} participant(s) joining at once, and "
              f"at most {budget} in all (the free memory's share); stop with Ctrl+C")
        if options.public:
            print("ickit: open to every network this machine is on; participants need the token.")
            print(f"ickit: share this address, replacing HOST with this machine's name or address:"
                  f"\n  {landing_url(options, 'HOST')}")
        else:
            print(f"ickit: on this machine only: {landing_url(options)}")
        gone = f"; {purged} room(s) older than {content.rooms.keep_days} days deleted" if purged else ""
        print(f"ickit: workshop rooms are kept in {shown_store(rooms)}{gone}; participants join at "
              f"{Server(join.base).join_page()}" + (" with the token above" if options.public else ""))
        serve(options, content, rooms, join, budget)
    except (ServeError, UncheckedVersion) as err:
        print(f"ickit serve: {err}", file=sys.stderr)
        return 2
    return 0


def shown_store(where: str) -> str:
    """A rooms store's location for the screen: a PostgreSQL address without its password."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", where)


def room_store(args: argparse.Namespace, content):
    """The rooms store ``--rooms`` names (default as ``ickit serve``'s), old rooms purged."""
    from .logic.room_store import open_store

    store = open_store(args.rooms)
    store.purge(content.rooms.keep_days)
    return store


def room_new(args: argparse.Namespace) -> int:
    from .logic.room_activities import activity_items
    from .logic.room_links import BASE_SETTING, Server, qr_svg
    from .logic.room_rules import room_title

    content = load_content(args.data)
    title = room_title(args.title, content.rooms.limits.title)
    quizzes = tuple(args.quiz or ())
    activity_items(content, args.activity, quizzes)  # a KitInputError names what is wrong
    store = room_store(args, content)
    try:
        recorded = (store.setting(BASE_SETTING) or "").split()
        base = args.url or (recorded[0] if recorded else "")
        token = "" if args.url else (recorded[1] if len(recorded) > 1 else "")
        new = store.create_room(args.activity, title, quizzes, content.rooms.limits.open_rooms)
    finally:
        store.close()
    print(f"Room {new.code} is open: {title} ({content.rooms.activity(args.activity).title})")
    if not base:
        print(f"Facilitator address:    {Server('').facilitate(new.code, new.key)}  (keep it private)")
        print("  That is a path on the seminar server: put the server's address before it (and, "
              "on a public server, &token= with the token `ickit serve` prints). Opened there, the "
              "page shows the join address and QR code; or give --url here to have them now.")
        return 0
    server = Server(base, token)
    qr = args.qr or Path(f"room-{new.code}.svg")
    qr.write_text(qr_svg(server.join(new.code), f"QR code to join room {new.code}"), encoding="utf-8")
    print(f"Participants join at:   {server.join(new.code)}")
    print(f"Facilitator address:    {server.facilitate(new.code, new.key)}  (keep it private)")
    print(f"QR code to project:     {qr}")
    return 0


def room_list(args: argparse.Namespace) -> int:
    from .logic.room_rules import one_line

    content = load_content(args.data)
    store = room_store(args, content)
    try:
        rooms = [(room, len(store.participants(room.code))) for room in store.rooms()]
    finally:
        store.close()
    for room, people in rooms:
        opened = time.strftime("%Y-%m-%d %H:%M", time.localtime(room.created))
        state = ", ".join(filter(None, ["locked" if room.locked else "open",
                                        "results shown" if room.revealed else ""]))
        print(f"{room.code}  {opened}  {room.activity:<9}  round {room.round}  {people} joined  "
              f"{state}  {one_line(room.title)}")
    if not rooms:
        print("No rooms yet: `ickit room new --activity readiness --title ...` opens one.")
    return 0


def room_delete(args: argparse.Namespace) -> int:
    from .logic.room_store import normalise_code

    content = load_content(args.data)
    code = normalise_code(args.code)
    store = room_store(args, content)
    try:
        if store.room(code) is None:
            raise KitInputError(f"There is no room {code}; `ickit room list` shows them.")
        store.delete_room(code)
    finally:
        store.close()
    print(f"Room {code} and every answer in it are deleted.")
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
    from .kit_files import IN_CHECKOUT
    from .learner_notebooks import FOLDER, differences, write_notebooks

    if not IN_CHECKOUT:
        print("ickit notebooks: the learner notebooks are written into a checkout of the kit "
              "(git clone ...); this ickit is installed from its wheel, which has none",
              file=sys.stderr)
        return 2
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
    from .materials import (Details, PdfUnavailable, build_all,  # loads plotly
                            default_slides_dir, join_address)

    content = load_content(args.data)
    out = args.out or default_slides_dir()
    plans = [w.id for w in content.workshops]
    given = [f"--{name}" for name in ("trainer", "organisation", "date", "join") if getattr(args, name)]
    try:
        if given and not args.plan:
            raise KitInputError(f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} for one "
                                f"workshop: say which with --plan ({' or '.join(plans)})")
        if args.plan and args.plan not in plans:
            raise KitInputError(f"there is no plan {args.plan!r}; the plans are {' and '.join(plans)}")
        details = Details(args.trainer.strip(), args.organisation.strip(), args.date.strip(),
                          join_address(args.join) if args.join else "")
        written = build_all(content, out, pdf=not args.no_pdf, details={args.plan: details} if args.plan else {})
    except (KitInputError, PdfUnavailable) as err:
        print(f"ickit slides: {err}", file=sys.stderr)
        return 2
    print(f"ickit: wrote {len(written)} file(s) into {out}; open {out / 'index.html'} in a browser")
    if args.plan:
        pdf = "" if args.no_pdf else f" (as a PDF: {out / 'pdf' / f'workshop-{args.plan}.pdf'})"
        print(f"ickit: the workshop as one deck: {out / f'workshop-{args.plan}.html'}{pdf}")
    return 0


def rooms_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rooms", metavar="PATH_OR_URL",
                        help="where workshop rooms keep their answers: a SQLite file (default "
                             "~/.ickit/rooms.sqlite, or $ICKIT_ROOMS) or postgresql://... to share "
                             "rooms between several servers")


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
    rooms_option(p)
    p.add_argument("--token", help="with --public: this token instead of a new one, so several "
                                    "servers behind one address share it")
    p.add_argument("--public-url", metavar="URL",
                   help="the address participants reach this server by, when it is not this "
                        "machine's own (a proxy in front of several servers, say)")
    p.set_defaults(run=serve_seminar)
    p = sub.add_parser("room", help="open, list and delete workshop rooms")
    rooms = p.add_subparsers(dest="room_command", required=True, metavar="ROOM_COMMAND")
    q = rooms.add_parser("new", help="open a room and print its code, addresses and QR code")
    q.add_argument("--activity", required=True, help="readiness, lessons, team or poll")
    q.add_argument("--title", required=True, help="what participants see, e.g. the partnership's name")
    q.add_argument("--quiz", action="append", metavar="ID",
                   help="a knowledge check of data/quizzes.yaml for a poll (repeatable)")
    q.add_argument("--url", help="the server's address (default: the one `ickit serve` recorded)")
    q.add_argument("--qr", type=Path, help="where to write the QR code (default: room-CODE.svg)")
    rooms_option(q)
    q.set_defaults(run=room_new)
    q = rooms.add_parser("list", help="the rooms kept, newest last")
    rooms_option(q)
    q.set_defaults(run=room_list)
    q = rooms.add_parser("delete", help="delete a room and every answer in it")
    q.add_argument("code")
    rooms_option(q)
    q.set_defaults(run=room_delete)
    p = sub.add_parser("slides", help="build the decks, workshops, trainer guide and handouts into slides/")
    p.add_argument("--out", type=Path, default=None, help="where to write (default: the kit's slides/)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDFs (guide, handouts and decks)")
    p.add_argument("--plan", metavar="ID", help="the workshop plan the details below are for "
                   "(half-day or full-day: the ids in data/workshops.yaml)")
    p.add_argument("--trainer", default="", metavar="NAME", help="your name, on the title slide")
    p.add_argument("--organisation", default="", metavar="ORG", help="your organisation, on the title slide")
    p.add_argument("--date", default="", help="the date of the session, on the title slide")
    p.add_argument("--join", default="", metavar="URL",
                   help="the address `ickit serve --public` printed (HOST replaced): each activity "
                        "slide then shows its dashboard's address and a QR code")
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
    except KitInputError as err:
        print(f"ickit {args.command}: {err}", file=sys.stderr)
        return 2

"""The ``ickit`` command: each subcommand calls one library function and reports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .content import ContentError, load_content
from .content.summary import summarise


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ickit", description="Integrated Care Workshop Kit")
    parser.add_argument("--data", type=Path, default=None,
                        help="the content folder (default: the kit's data/, or $ICKIT_DATA)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", help="validate data/ and report what it holds").set_defaults(run=check)
    p = sub.add_parser("content", help="print the validated content")
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=content_json)
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

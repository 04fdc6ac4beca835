"""Provides `facilitator report DIR`: a Markdown summary of a folder of postmortems for a
quarterly review."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from agenda.errors import StorageError
from agenda.report import Period, report_markdown
from agenda.repository import scan_folder
from agenda.search import parse_day
from agenda.storage import write_atomic
from agenda.visible import visible
from facilitator.commands.common import Parser, fail
from facilitator.commands.folder import (
    BadQuery,
    add_folder_arguments,
    check_folder,
    day_range,
    report_skipped,
)


def _parser() -> Parser:
    parser = Parser(
        prog="facilitator report",
        description="A Markdown summary of a folder of postmortems for a quarterly review: "
        "incidents by severity and service, time to detect and mitigate, factor categories, "
        "action completion and the oldest open promises. Exit 0; 1 when a file could not be "
        "read (it is named on stderr and in the report); 2 on bad arguments.",
    )
    add_folder_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--since", metavar="DATE", help="incidents on or after DATE (or 90d)")
    parser.add_argument("--until", metavar="DATE", help="incidents on or before DATE")
    return parser


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    today: date = args.today or date.today()
    try:
        check_folder(args.folder)
        since, until = day_range(args.since, args.until, lambda t: parse_day(t, today))
        period = Period(since=since, until=until)
        if args.output is not None and args.output.suffix == ".toml":
            raise BadQuery(f"{args.output}: a report is Markdown; write it to a .md file")
    except BadQuery as error:
        return fail(visible(str(error)))
    scan = scan_folder(args.folder)
    document = report_markdown(scan, today, period, where=str(args.folder))
    if args.output is None:
        sys.stdout.write(document)
        return report_skipped(scan)
    output: Path = args.output
    sessions = {r.path.resolve() for r in scan.records} | {s.path.resolve() for s in scan.skipped}
    if output.resolve() in sessions:
        return fail(visible(f"{output}: that is a session file; write the report to a .md file"))
    try:
        write_atomic(output, document.encode("utf-8"))
    except StorageError as error:
        return fail(visible(error.message))
    print(visible(f"Wrote {output}"), file=sys.stderr)
    return report_skipped(scan)

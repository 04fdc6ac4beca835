"""Provides `facilitator actions DIR`: every action item across a folder of postmortems, oldest
open promises first, with completion rates overall, by month and by severity."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from agenda.actions import due_label
from agenda.repository import ActionRecord, Scan, scan_folder
from agenda.search import (
    ActionQuery,
    Completion,
    Rates,
    completion_rates,
    parse_age,
    select_actions,
)
from agenda.visible import visible
from facilitator.commands.common import Parser, fail
from facilitator.commands.folder import (
    BadQuery,
    add_folder_arguments,
    check_folder,
    columns,
    one_line,
    parsed,
    report_skipped,
    write_json,
)

CSV_COLUMNS = [
    "file",
    "incident",
    "severity",
    "promised",
    "id",
    "title",
    "owner",
    "due",
    "priority",
    "type",
    "status",
    "ticket",
    "overdue_days",
]


def _parser() -> Parser:
    parser = Parser(
        prog="facilitator actions",
        description="Every action item across a folder of postmortems, oldest open promises "
        "first, with completion rates overall, by month promised and by severity. A repeated "
        "filter matches any of its values. Exit 0; 1 when a file could not be read (it is named "
        "on stderr and the rest are listed); 2 on bad arguments.",
    )
    add_folder_arguments(parser)
    status = parser.add_mutually_exclusive_group()
    status.add_argument("--open", action="store_true", help="only open and in-progress actions")
    status.add_argument("--overdue", action="store_true", help="only open actions past due")
    parser.add_argument("--owner", action="append", default=[], help="owned by X (@ optional)")
    parser.add_argument(
        "--service", action="append", default=[], help="from postmortems of service S"
    )
    parser.add_argument(
        "--older-than",
        metavar="AGE",
        help="promised at least this long ago (60d, 8w), counted from the postmortem meeting",
    )
    parser.add_argument("--format", choices=["text", "json", "csv"], default="text")
    return parser


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    today: date = args.today or date.today()
    try:
        check_folder(args.folder)
        older = parsed(parse_age, args.older_than) if args.older_than else None
    except BadQuery as error:
        return fail(visible(str(error)))
    query = ActionQuery(
        today=today,
        open_only=args.open,
        overdue=args.overdue,
        owners=args.owner,
        services=args.service,
        older_than=older,
    )
    scan = scan_folder(args.folder)
    listed = select_actions(scan.actions, query)
    rates = completion_rates((a for a in scan.actions if query.in_scope(a)), today)
    if args.format == "json":
        _print_json(listed, rates, scan, today)
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows([str(v) for v in _row(a, today).values()] for a in listed)
    else:
        _print_text(listed, rates, scan, today)
    return report_skipped(scan)


def _row(action: ActionRecord, today: date) -> dict[str, Any]:
    session = action.session
    return {
        "file": visible(str(session.path)),
        "incident": visible(session.id),
        "severity": session.severity.value,
        "promised": session.promised.isoformat() if session.promised else "",
        "id": action.id,
        "title": visible(action.title, keep="\n\t"),
        "owner": visible(action.owner),
        "due": action.due.isoformat() if action.due else "",
        "priority": action.priority.value,
        "type": action.type.value,
        "status": action.status.value,
        "ticket": visible(action.ticket),
        "overdue_days": action.overdue_days(today),
    }


def _print_json(listed: list[ActionRecord], rates: Rates, scan: Scan, today: date) -> None:
    def table(group: dict[str, Completion]) -> dict[str, Any]:
        return {key: value.as_dict() for key, value in group.items()}

    document = {
        "today": today.isoformat(),
        "actions": [_row(a, today) for a in listed],
        "completion": {
            "overall": rates.overall.as_dict(),
            "by_month": table(rates.by_month),
            "by_severity": table(rates.by_severity),
            "by_type": table(rates.by_type),
        },
        "sessions": len(scan.records),
        "skipped": [
            {"file": visible(str(s.path)), "reason": visible(s.reason)} for s in scan.skipped
        ],
    }
    write_json(document)


def status_label(action: ActionRecord, today: date) -> str:
    """ "overdue 12 days", "in 3 days", "no date", or the closed status."""
    if not action.is_open:
        return action.status.value
    return due_label(action.due, today)


def _print_text(listed: list[ActionRecord], rates: Rates, scan: Scan, today: date) -> None:
    rows = [
        [
            f"{one_line(str(a.session.path))}:{a.id}",
            one_line(a.session.id or "—"),
            a.priority.value,
            one_line(a.owner or "(no owner)"),
            a.due.isoformat() if a.due else "no date",
            status_label(a, today),
            one_line(a.title, 100),
        ]
        for a in listed
    ]
    for line in columns(rows):
        print(line)
    overall = rates.overall
    print(
        f"\n{len(listed)} action(s) listed from {len(scan.records)} postmortem(s). "
        f"Completion: {overall.line()}; {overall.open + overall.in_progress} open "
        f"({overall.overdue} overdue), {overall.wont_do} won't do."
    )
    for title, group in (("By month promised", rates.by_month), ("By severity", rates.by_severity)):
        if group:
            print(f"{title}:")
            for line in columns([["  " + key, value.line()] for key, value in group.items()]):
                print(line)

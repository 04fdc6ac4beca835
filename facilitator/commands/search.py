"""Provides `facilitator search DIR`: the postmortem database's queries over a folder of
sessions, with counts of the services, tags and factor categories that keep coming back."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from agenda.model import format_duration
from agenda.repository import SessionRecord, scan_folder
from agenda.search import (
    CATEGORY_NAMES,
    Count,
    IncidentQuery,
    Recurrence,
    check_category,
    parse_day,
    parse_duration,
    recurrence,
    select_incidents,
)
from agenda.visible import visible
from agenda.vocabulary import Severity
from facilitator.commands.common import Parser, fail
from facilitator.commands.folder import (
    BadQuery,
    add_folder_arguments,
    check_folder,
    columns,
    day_range,
    one_line,
    parsed,
    report_skipped,
    write_json,
)


def _parser() -> Parser:
    parser = Parser(
        prog="facilitator search",
        description="Find postmortems in a folder: by service, severity, date, tag, factor "
        "category, time to mitigate and words, newest first, with counts of recurring services, "
        "tags and factor categories among them. A repeated filter matches any of its values; "
        "different filters must all match. Exit 0; 1 when a file could not be read (it is named "
        "on stderr); 2 on bad arguments.",
    )
    add_folder_arguments(parser)
    parser.add_argument("--service", action="append", default=[], help="affected service S")
    parser.add_argument(
        "--severity", action="append", default=[], type=_severity, help="SEV1, SEV2, SEV3, SEV4"
    )
    parser.add_argument("--since", metavar="DATE", help="on or after DATE (2024-01-31, or 90d)")
    parser.add_argument("--until", metavar="DATE", help="on or before DATE")
    parser.add_argument("--tag", action="append", default=[], help="tagged T")
    parser.add_argument(
        "--category",
        action="append",
        default=[],
        help=f"with a contributing factor of this category or gap: {', '.join(CATEGORY_NAMES)}",
    )
    parser.add_argument("--ttm-over", metavar="DURATION", help="time to mitigate over 2h, 90m…")
    parser.add_argument("--text", metavar="WORDS", help="every word appears somewhere in it")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def _severity(text: str) -> Severity:
    try:
        return Severity(text.strip().upper())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not one of SEV1, SEV2, SEV3, SEV4") from None


def _query(args: argparse.Namespace, today: date) -> IncidentQuery:
    check_folder(args.folder)
    since, until = day_range(args.since, args.until, lambda t: parse_day(t, today))
    return IncidentQuery(
        services=args.service,
        severities=args.severity,
        since=since,
        until=until,
        tags=args.tag,
        categories=[parsed(check_category, c) for c in args.category],
        ttm_over=parsed(parse_duration, args.ttm_over) if args.ttm_over else None,
    )


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    today: date = args.today or date.today()
    try:
        query = _query(args, today)
    except BadQuery as error:
        return fail(visible(str(error)))
    words = (args.text or "").split()
    scan = scan_folder(args.folder, words=words)
    found = select_incidents(scan.records, query)
    counts = recurrence(found, today)
    if args.format == "json":
        document = {
            "today": today.isoformat(),
            "incidents": [incident_dict(r) for r in found],
            "counts": {
                name: [_count_dict(c) for c in getattr(counts, name)]
                for name in ("services", "tags", "categories", "gaps")
            },
            "sessions": len(scan.records),
            "skipped": [
                {"file": visible(str(s.path)), "reason": visible(s.reason)} for s in scan.skipped
            ],
        }
        write_json(document)
    else:
        _print_text(found, counts)
    return report_skipped(scan)


def _minutes(delta: timedelta | None) -> float | None:
    return round(delta.total_seconds() / 60, 1) if delta is not None else None


def incident_dict(record: SessionRecord) -> dict[str, Any]:
    return {
        "file": visible(str(record.path)),
        "id": visible(record.id),
        "title": visible(record.title),
        "date": record.day.isoformat() if record.day else None,
        "severity": record.severity.value,
        "status": record.status.value,
        "services": [visible(s) for s in record.services],
        "tags": [visible(t) for t in record.tags],
        "categories": sorted({f.category.value for f in record.factors}),
        "time_to_detect_minutes": _minutes(record.time_to_detect),
        "time_to_mitigate_minutes": _minutes(record.time_to_mitigate),
        "actions": len(record.actions),
        "open_actions": sum(a.is_open for a in record.actions),
    }


def _count_dict(count: Count) -> dict[str, Any]:
    return {
        "name": visible(count.name),
        "incidents": count.incidents,
        "last_12_months": count.last_12_months,
        "factors": count.factors,
        "latest": visible(count.latest.name) if count.latest else None,
    }


def _print_text(found: list[SessionRecord], counts: Recurrence) -> None:
    rows = [
        [
            r.day.isoformat() if r.day else "undated",
            r.severity.value,
            one_line(r.id or "—"),
            f"TTD {format_duration(r.time_to_detect)}",
            f"TTM {format_duration(r.time_to_mitigate)}",
            one_line(", ".join(r.services) or "—", 40),
            one_line(r.title, 70),
            one_line(str(r.path)),
        ]
        for r in found
    ]
    for line in columns(rows):
        print(line)
    print(f"\n{len(found)} incident(s).")
    recurring = [
        (label, what, count)
        for label, what, group in (
            ("service", "on", counts.services),
            ("tag", "tagged", counts.tags),
            ("category", "with a factor of category", counts.categories),
        )
        for count in group
        if count.incidents >= 2
    ]
    if recurring:
        print("Recurring:")
        for _label, what, count in recurring:
            print(f"  {one_line(count.headline(what))}")
    sys.stdout.flush()

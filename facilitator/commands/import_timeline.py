"""Provides `facilitator import-timeline SESSION SOURCE...`: add a timeline from published text,
chat exports, and the paging, alerting and deploy systems' logs."""

from __future__ import annotations

import sys
from argparse import Namespace
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import UTC, date
from pathlib import Path

from agenda.errors import StorageError
from agenda.model import Session
from agenda.queries import outside_incident
from agenda.safety import writing
from agenda.sources.merge import ImportPlan, Verdict, import_edit, plan_import, within
from agenda.sources.read import KINDS, STDIN, parse_kind, read_sources
from agenda.sources.records import Parsed, ReadOptions, parse_moment, parse_zone
from agenda.storage import load_session, save_session
from agenda.timeline import incident_day, last_event_time
from agenda.visible import visible
from facilitator.commands.common import EXIT_FINDINGS, EXIT_OK, Parser, fail, say


def _parser() -> Parser:
    parser = Parser(
        prog="facilitator import-timeline",
        description="Add events to a session's timeline from a published or pasted timeline, a "
        "Slack export, PagerDuty, Alertmanager or Opsgenie logs, git log, GitHub deployments, "
        "CSV or shell history. The kind is read from the content unless --from names it. Lines "
        "and records that cannot be read are listed as FILE:LINE: problem: text and the rest is "
        "imported; events already in the session are not added again, and records of the same "
        "moment from different sources become one event listing them all.",
    )
    parser.add_argument("session", type=Path, help="the session file")
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="files, Slack export folders or zips; - for stdin",
    )
    parser.add_argument("--from", dest="kind", metavar="KIND", help=f"the kind: {KINDS}")
    parser.add_argument("--since", metavar="T", help="leave out what happened before T")
    parser.add_argument("--until", metavar="T", help="leave out what happened after T")
    parser.add_argument(
        "--tz", metavar="ZONE", help="the zone of times written without one (default UTC)"
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the day of times written without a date"
    )
    parser.add_argument(
        "--with-metadata",
        action="store_true",
        help="keep chat joins, leaves and topic changes as events",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would be added; change nothing"
    )
    return parser


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        # The lock is held from reading the session to writing it back: a copy of the app that
        # has it open refuses the import, and no copy can open it halfway through.
        with nullcontext() if args.dry_run else writing(args.session):
            return _import(args)
    except StorageError as error:
        return fail(error.message)


def _import(args: Namespace) -> int:
    try:
        session = load_session(args.session)
    except StorageError as error:
        return fail(error.message)
    try:
        kind = parse_kind(args.kind) if args.kind else None
        zone = parse_zone(args.tz) if args.tz else UTC
        day = _day(args.date) if args.date else incident_day(session)
        since = parse_moment(args.since, day=day, zone=zone) if args.since else None
        until = parse_moment(args.until, day=day, zone=zone) if args.until else None
    except StorageError as error:
        return fail(error.message)
    except ValueError as error:
        return fail(f"import-timeline: {error}")
    if since is not None and until is not None and since > until:
        return fail(
            f"import-timeline: --since {since.astimezone(UTC):%Y-%m-%d %H:%M} UTC is after "
            f"--until {until.astimezone(UTC):%Y-%m-%d %H:%M} UTC: nothing to import — swap them"
        )
    options = ReadOptions(
        day=day,
        zone=zone,
        zone_given=args.tz is not None,
        # --date names the day of the first line: the session's last event does not move it.
        previous=None if args.date else last_event_time(session),
        with_metadata=args.with_metadata,
    )
    stdin = _stdin_bytes() if STDIN in args.sources else b""
    try:
        parsed = read_sources(args.sources, options, kind=kind, stdin=stdin)
    except StorageError as error:
        return fail(error.message)
    records = within(parsed.records, since, until)
    plan = plan_import(session, records)
    _report(parsed, plan, outside=len(parsed.records) - len(records))
    _misdated(session, plan)
    if args.dry_run:
        _list(plan)
    elif plan.rows:
        import_edit(session, plan).apply(session)
        try:
            save_session(session, args.session)
        except StorageError as error:
            return fail(error.message)
    _summary(args.session, plan, parsed, dry_run=args.dry_run)
    return EXIT_FINDINGS if parsed.problems else EXIT_OK


def _stdin_bytes() -> bytes:
    """Standard input as bytes: a zsh history is not UTF-8 until it is unmetafied."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--date {text!r} is not a date: write it as YYYY-MM-DD") from None


def _report(parsed: Parsed, plan: ImportPlan, *, outside: int) -> None:
    for problem in parsed.problems:
        say(str(problem))
    for note in parsed.notes:
        say(f"note: {note}")
    if outside:
        say(f"note: {outside} record(s) outside --since/--until left out")


def _misdated(session: Session, plan: ImportPlan) -> None:
    """A new event outside the incident was probably dated wrong: say so, with the fix."""
    for row in plan.rows:
        if row.verdict is not Verdict.NEW:
            continue
        reason = outside_incident(session, row.record.at)
        if reason:
            first_line = row.record.text.splitlines()[0] if row.record.text else ""
            say(
                visible(
                    f"note: {row.record.at:%Y-%m-%d %H:%M} {first_line[:40]!r} is {reason}: "
                    "check its date (--date sets the day of times without one)"
                )
            )


def _list(plan: ImportPlan) -> None:
    for row in plan.rows:
        record = row.record
        first_line = record.text.splitlines()[0] if record.text else ""
        approx = "~" if record.approximate else " "
        print(
            f"{approx}{record.at:%Y-%m-%d %H:%M:%S}  {record.kind.value:<12} "
            f"{visible(record.who)[:20]:<20} {visible(first_line)}  [{visible(row.label())}]"
        )


def _summary(session: Path, plan: ImportPlan, parsed: Parsed, *, dry_run: bool) -> None:
    folded = len(plan.rows) - plan.new_events
    details = [f"{folded} record(s) folded into events of the same moment"] if folded else []
    if plan.already:
        details.append(f"{plan.already} already in the timeline")
    verb = "Would import" if dry_run else "Imported"
    line = f"{verb} {plan.new_events} event(s) into {session}"
    if details:
        line += f" ({', '.join(details)})"
    if parsed.problems:
        line += f"; {len(parsed.problems)} line(s) or record(s) could not be read"
    say(line)

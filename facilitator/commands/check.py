"""Provides `facilitator check FILE...`: the guidance checks, for CI on a postmortem repository."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from agenda.checks import Severity, run_checks
from agenda.errors import StorageError
from agenda.status import as_of
from agenda.storage import load_session
from agenda.visible import visible
from facilitator.commands.common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, Parser, say

if TYPE_CHECKING:
    from agenda.agendas import Agenda
    from agenda.model import Session

_JSON_UNSAFE = str.maketrans(
    {
        c: f"\\u{c:04x}"
        for c in (0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    }
)
"""json.dumps escapes C0 controls but leaves DEL, the C1 controls (0x9b is a CSI to many
terminals) and bidirectional overrides raw; escaped the same way, the JSON still holds exactly
the same strings."""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD"
        ) from None


def _agenda(session: Session, path: Path) -> Agenda | None:
    """The agenda a session's meeting ran by, or None where it cannot be read; read only for
    a meeting that has run phases, as only they are measured against it."""
    from agenda.agendas import resolve_agenda

    try:
        return resolve_agenda(session.meeting.agenda, path)
    except StorageError:
        return None


def run(argv: Sequence[str]) -> int:
    parser = Parser(
        prog="facilitator check",
        description="Check postmortems for blameful language, weak action items, missing "
        "analysis, timeline gaps, open dissent and secrets. Exit 0: no error; 1: an error "
        "(with --strict, a warning too); 2: a file could not be read.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="say why each language finding was made: the rules and the strongest features",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        type=_day,
        help="the day what is overdue is counted from (default: today for drafts and documents "
        "in review; a final document's follow-up review, else the day it became final)",
    )
    args = parser.parse_args(argv)
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    unreadable = failed = False
    report: list[dict[str, object]] = []
    for path in args.files:
        gc.disable()  # loading makes 30,000 objects and no garbage: nothing to collect
        try:
            session = load_session(path)
        except StorageError as error:
            say(f"facilitator: {error.message}")
            unreadable = True
            continue
        finally:
            # What loading made is kept until the checks are done: out of the collector's
            # sight, the checks' allocations no longer set off full collections that walk it
            # all (50 ms a 5,000-event file; facilitator/arrival.py).
            gc.freeze()
            gc.enable()
        agenda = _agenda(session, path) if session.meeting.phases else None
        today = args.as_of or as_of(session, date.today())
        findings = run_checks(session, today=today, agenda=agenda, explain=args.explain)
        lines: list[str] = []
        for finding in findings:
            failed = failed or finding.severity in failing
            if args.format == "json":
                report.append({"file": str(path), **finding.as_dict(explain=args.explain)})
                continue
            # One finding a line, whatever the file's name or the quoted text holds.
            lines.append(
                visible(
                    f"{path}: {finding.severity.value} {finding.rule} {finding.item}: "
                    f"{finding.message} — {finding.suggestion}"
                )
            )
            if args.explain and finding.reasons:
                lines.append(f"    why (confidence {finding.confidence:.2f}):")
                lines += [visible(f"      {reason}") for reason in finding.reasons]
        # A file's lines in one write, not two a line: unbuffered (PYTHONUNBUFFERED, python -u)
        # 1,000 findings were 2,000 writes.
        sys.stdout.write("".join(f"{line}\n" for line in lines))
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False).translate(_JSON_UNSAFE))
    if unreadable:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if failed else EXIT_OK

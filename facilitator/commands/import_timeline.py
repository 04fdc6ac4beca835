"""Provides `facilitator import-timeline SESSION TEXTFILE`: append a pasted timeline."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from agenda.errors import StorageError
from agenda.storage import load_session, save_session
from agenda.timeline import (
    add_events,
    incident_day,
    last_event_time,
    new_events,
    parse_timeline_text,
)
from facilitator.commands.common import EXIT_FINDINGS, EXIT_OK, fail


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="facilitator import-timeline",
        description="Append a pasted timeline (one event a line) to a session. Lines that cannot "
        "be read are listed with their numbers; the readable ones are imported.",
    )
    parser.add_argument("session", type=Path, help="the session file")
    parser.add_argument("textfile", type=Path, help="the timeline text, or - for stdin")
    args = parser.parse_args(argv)
    try:
        session = load_session(args.session)
    except StorageError as error:
        return fail(error.message)
    try:
        raw = sys.stdin.read() if str(args.textfile) == "-" else args.textfile.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return fail(f"{args.textfile}: cannot read: {reason}")
    result = parse_timeline_text(raw, day=incident_day(session), previous=last_event_time(session))
    for problem in result.problems:
        print(
            f"{args.textfile}:{problem.line}: {problem.message}: {problem.text.strip()}",
            file=sys.stderr,
        )
    if result.events:
        add_events(new_events(session, result.events)).apply(session)
        try:
            save_session(session, args.session)
        except StorageError as error:
            return fail(error.message)
    print(
        f"Imported {len(result.events)} event(s) into {args.session}"
        + (f"; {len(result.problems)} line(s) could not be read" if result.problems else ""),
        file=sys.stderr,
    )
    return EXIT_FINDINGS if result.problems else EXIT_OK

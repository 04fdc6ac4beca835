"""Provides `facilitator new FILE`: create a new postmortem session file."""

from __future__ import annotations

import os
from argparse import Namespace
from collections.abc import Sequence
from pathlib import Path

from agenda.agendas import builtin_names, resolve_agenda
from agenda.document import new_session, title_from_path
from agenda.errors import StorageError
from agenda.files import exists
from agenda.header import HeaderError, add_participant, edit_header, parse_participant
from agenda.model import MeetingMode, Session
from agenda.safety import writing
from agenda.storage import save_session
from agenda.visible import visible
from facilitator.commands.common import EXIT_OK, Parser, fail


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    path: Path = args.file
    try:
        if exists(path):
            return fail(f"{path}: already exists; open it with: facilitator {path}")
    except StorageError as error:
        return fail(error.message)
    mode = MeetingMode.ASYNC if args.async_mode else MeetingMode.LIVE
    agenda = args.agenda
    if agenda not in builtin_names():
        # Given relative to here; kept relative to the session's folder, where it is looked for.
        where = Path(agenda).expanduser().absolute()
        try:
            # Read from where it was given, so that a refusal names that path, not the
            # session folder's way back to it ("sessions/../../agendas/x.toml").
            resolve_agenda(str(where), path)
        except StorageError as error:
            return fail(error.message)
        agenda = os.path.relpath(where, path.absolute().parent)
    session = new_session(title_from_path(path), agenda=agenda, mode=mode)
    try:
        _fill(session, args)
    except HeaderError as error:
        return fail(f"new: {error} (nothing was written)")
    try:
        resolve_agenda(session.meeting.agenda, path)
        with writing(path):  # the file is new: it takes the mode the umask allows
            if exists(path):
                return fail(f"{path}: already exists; open it with: facilitator {path}")
            save_session(session, path)
    except StorageError as error:
        return fail(error.message)
    print(
        visible(
            f"Created {path} ({mode.value}, agenda {args.agenda}). Open it with: facilitator {path}"
        )
    )
    return EXIT_OK


def _parser() -> Parser:
    parser = Parser(prog="facilitator new", description="Create a new postmortem session file.")
    parser.add_argument("file", type=Path, help="the session file to create")
    parser.add_argument("--agenda", default="default", help="built-in agenda name or agenda file")
    parser.add_argument("--title", help="the incident's title (default: from the file name)")
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        default="",
        help="the day the incident began: times written without a date are on it",
    )
    parser.add_argument("--severity", default="", metavar="SEV1-SEV4", help="SEV1 to SEV4")
    parser.add_argument("--facilitator", default="", metavar="NAME", help="who runs the meeting")
    parser.add_argument("--scribe", default="", metavar="NAME", help="who takes notes")
    parser.add_argument(
        "--participant",
        action="append",
        default=[],
        metavar="NAME[:ROLE]",
        help="someone in the meeting, with their role (repeat for each)",
    )
    parser.add_argument(
        "--service",
        action="append",
        default=[],
        metavar="NAME",
        help="a service affected (repeat for each, or list them: edge,waf)",
    )
    parser.add_argument(
        "--async",
        dest="async_mode",
        action="store_true",
        help="a solo write-up with no meeting clock",
    )
    return parser


def _fill(session: Session, args: Namespace) -> None:
    """The header the flags give, through the same edits as the app's Opening editor."""
    fields = {
        "incident.date": args.date,
        "incident.severity": args.severity.strip().upper(),
        "meeting.facilitator": args.facilitator,
        "meeting.scribe": args.scribe,
        # Read as the editor reads its Services line: "edge, waf" is two services.
        "incident.services": ",".join(args.service),
    }
    given = {path: value for path, value in fields.items() if value}
    if args.title is not None:
        # Given, even empty: checked (and trimmed) as the editor does, never stored blank.
        given["incident.title"] = args.title
    edit = edit_header(session, given)
    if edit is not None:
        edit.apply(session)
    for text in args.participant:
        name, role = parse_participant(text)
        add_participant(session, name, role).apply(session)

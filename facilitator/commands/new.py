"""Provides `facilitator new FILE`: create a new postmortem session file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from agenda.agendas import builtin_names, resolve_agenda
from agenda.document import new_session, title_from_path
from agenda.errors import StorageError
from agenda.files import exists
from agenda.model import MeetingMode
from agenda.safety import writing
from agenda.storage import save_session
from agenda.visible import visible
from facilitator.commands.common import EXIT_OK, Parser, fail


def run(argv: Sequence[str]) -> int:
    parser = Parser(prog="facilitator new", description="Create a new postmortem session file.")
    parser.add_argument("file", type=Path, help="the session file to create")
    parser.add_argument("--agenda", default="default", help="built-in agenda name or agenda file")
    parser.add_argument("--title", default="", help="the incident's title")
    parser.add_argument(
        "--async",
        dest="async_mode",
        action="store_true",
        help="a solo write-up with no meeting clock",
    )
    args = parser.parse_args(argv)
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
        agenda = os.path.relpath(where, path.absolute().parent)
    session = new_session(args.title or title_from_path(path), agenda=agenda, mode=mode)
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

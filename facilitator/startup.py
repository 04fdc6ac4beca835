"""Provides the app's start: what the first frame shows (read before the app takes the
terminal, without the core) and the worker that then opens the session.

The first frame must not wait for pydantic, the model, TOML parsing or the five panes: the
factory reads only the file's bytes (refusing what cannot be read at all, with its one line and
exit status 2, before the terminal is taken), counts the events and names the agenda's phases;
the rest happens in `open_session`, in a worker, while the room already sees the app's frame.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from agenda.errors import StorageError
from agenda.files import exists, read_text
from facilitator.messages import Loaded, LoadFailed

if TYPE_CHECKING:
    from agenda.clock import Now

_EVENT_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*timeline[ \t]*\]\]", re.MULTILINE)
_AGENDA_NAME = re.compile(r'^[ \t]*agenda[ \t]*=[ \t]*"([a-z0-9-]+)"', re.MULTILINE)
BUILTIN_AGENDAS = Path(__file__).resolve().parent.parent / "agenda" / "agendas"


@dataclass(frozen=True)
class Preview:
    """What the first frame says about the session before it is parsed."""

    path: Path
    events: int | None = None
    """How many events the file holds (None: a new session)."""
    phases: list[tuple[str, int]] = field(default_factory=list)
    """The agenda's phases (title, minutes) when it is a built-in one, else empty."""


def preview(path: Path) -> Preview:
    """Read what the first frame shows. Raises `StorageError` for a file that cannot be read
    at all (missing folder, a folder, unreadable, too big, not UTF-8, a symlink loop): those
    are refused before the app takes the terminal. Whether it parses, validates and has a
    readable agenda is learnt in the worker."""
    if not exists(path):
        if not path.parent.is_dir():
            raise StorageError(path, "its folder does not exist", hint="create the folder first")
        return Preview(path, None, _builtin_phases("default"))
    text = read_text(path)
    found = _AGENDA_NAME.search(text)
    phases = _builtin_phases(found.group(1) if found else "default")
    return Preview(path, len(_EVENT_HEADER.findall(text.encode("utf-8"))), phases)


def _builtin_phases(name: str) -> list[tuple[str, int]]:
    """A built-in agenda's phases, read plainly; anything unexpected shows no phases (the
    worker reports real problems with the agenda)."""
    try:
        with (BUILTIN_AGENDAS / f"{name}.toml").open("rb") as file:
            data = tomllib.load(file)
        return [(str(p["title"]), int(p["minutes"])) for p in data["phases"]]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        return []


def utc_now() -> datetime:
    """The time now, in UTC, as `agenda.clock.utc_now` tells it (imported when first asked)."""
    from agenda.clock import utc_now as now

    return now()


def open_session(
    path: Path,
    reply: Callable[[Message], bool],
    *,
    now: Now,
    recover: bool,
    ignore_lock: bool,
) -> None:
    """Open the session file (a worker's job) and import what showing it needs, so that the
    UI thread finds every module loaded; answer `Loaded` or `LoadFailed`."""
    from agenda.document import SessionFile

    try:
        opened = SessionFile.open(path, now=now, recover=recover, ignore_lock=ignore_lock)
    except StorageError as error:
        reply(LoadFailed(error))
        return
    import facilitator.file_keeping
    import facilitator.jobs
    import facilitator.panes.timeline  # the largest pane; the others load when first shown
    import facilitator.screens.main  # noqa: F401

    reply(Loaded(opened))

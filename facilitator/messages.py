"""Provides the messages that travel up to the app: edits from panes, results from workers.

The core's types are named for annotations only: the app imports this module before its first
frame, and the core (pydantic, the model) is loaded after it, in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from agenda.checks import Finding
    from agenda.document import Opened, Written
    from agenda.errors import StorageError
    from agenda.history import Edit
    from agenda.model import Session
    from agenda.repository import Scan


class FileMessage(Message):
    """A worker's answer about the session file; the app hands these to its FileKeeping."""


class EditRequested(Message):
    """A pane asks the app to apply an undoable edit to the session."""

    def __init__(self, edit: Edit) -> None:
        super().__init__()
        self.edit = edit


class NewActionForFactor(Message):
    """The analysis asks for a new action linked to a contributing factor (the main screen
    opens the action form over it)."""

    def __init__(self, factor_id: str) -> None:
        super().__init__()
        self.factor_id = factor_id


@dataclass
class Saved(FileMessage):
    """A save reached the disk; ``then`` runs next (quitting after a save)."""

    written: Written
    quit_after: bool = False


@dataclass
class SaveFailed(FileMessage):
    """A save could not be written; the session is still in memory."""

    error: StorageError


@dataclass
class ChangedOnDisk(FileMessage):
    """Someone else changed the file since this copy read it: the save waits for a choice."""

    quit_after: bool = False


@dataclass
class DiskChanged(FileMessage):
    """The file at ``path`` no longer holds what this copy last read or wrote (``known``): a
    git pull, another editor, `import-timeline`. ``digest`` is what is there now."""

    path: Path
    known: str | None
    digest: str


@dataclass
class Autosaved(FileMessage):
    """The recovery file was written."""

    at: datetime
    changes: int


@dataclass
class AutosaveFailed(FileMessage):
    error: StorageError


@dataclass
class ExportNeedsChoice(FileMessage):
    """The document holds secrets: redact them, or export anyway?"""

    where: str


@dataclass
class Exported(FileMessage):
    path: Path
    redacted: bool


@dataclass
class ExportFailed(FileMessage):
    error: StorageError


@dataclass
class Reloaded(FileMessage):
    """The file was read again from disk."""

    session: Session
    digest: str | None


@dataclass
class ReloadFailed(FileMessage):
    error: StorageError


@dataclass
class RecoveryDiscarded(FileMessage):
    """The autosave was removed; ``quit_after`` when the user quit without saving."""

    quit_after: bool = False


@dataclass
class ChecksDone(Message):
    """The findings for the session as it was at ``changes``."""

    findings: list[Finding]
    changes: int


@dataclass
class FolderRead(Message):
    """The other postmortems in the session's folder, read by a worker (for last time's
    promises at the opening and the closing checklist)."""

    scan: Scan


@dataclass
class Loaded(Message):
    """The session file was opened in a worker: the app can show it."""

    opened: Opened


@dataclass
class LoadFailed(Message):
    """The session file (or its agenda) could not be read: the app ends with this one line."""

    error: StorageError

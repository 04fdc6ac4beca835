"""Provides the work that runs off the UI thread: each job takes a snapshot the UI thread took,
does the slow or blocking part (rendering, hashing, the disk, the checks) and answers with a
message. No job reads the live session.

The checks and the exporter are imported by the jobs that use them, in their
worker threads: not on the way to the first rows of a session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual.message import Message

from agenda.agendas import Agenda
from agenda.document import ExternalChange, SessionFile
from agenda.errors import StorageError
from agenda.files import file_digest
from agenda.promises import folder_scan
from agenda.storage import session_from_snapshot
from facilitator.messages import (
    Autosaved,
    AutosaveFailed,
    ChangedOnDisk,
    ChecksDone,
    DiskChanged,
    Exported,
    ExportFailed,
    ExportNeedsChoice,
    FolderRead,
    RecoveryDiscarded,
    Reloaded,
    ReloadFailed,
    Saved,
    SaveFailed,
)

Reply = Callable[[Message], bool]
"""Where a job's answer goes: the app's ``post_message`` (safe from any thread)."""

Snapshot = dict[str, Any]
"""The session's data as ``agenda.storage.snapshot`` took it on the UI thread."""


def save(
    file: SessionFile,
    data: Snapshot,
    changes: int,
    reply: Reply,
    *,
    to: Path | None = None,
    force: bool = False,
    quit_after: bool = False,
) -> None:
    try:
        written = file.save(data, changes, to=to, force=force)
    except ExternalChange:
        reply(ChangedOnDisk(quit_after))
    except StorageError as error:
        reply(SaveFailed(error))
    else:
        reply(Saved(written, quit_after))


def autosave(
    file: SessionFile,
    data: Snapshot,
    changes: int,
    taken: datetime,
    discards: int,
    reply: Reply,
    *,
    drafts: dict[str, str] | None = None,
) -> None:
    """Write the recovery file, with the text typed but not yet submitted; ``taken`` is when
    the snapshot was taken (the app's clock), ``discards`` how often the autosave had been
    discarded then."""
    try:
        wrote = file.autosave(data, discards, drafts)
    except StorageError as error:
        reply(AutosaveFailed(error))
    else:
        if wrote:
            reply(Autosaved(taken, changes))


def export(
    file: SessionFile,
    data: Snapshot,
    agenda: Agenda,
    reply: Reply,
    *,
    redact: bool | None = None,
) -> None:
    """Write the Markdown document; with ``redact`` None, ask first when it holds a secret."""
    from agenda.checks.secrets import redact_session
    from agenda.export import to_markdown
    from agenda.publish import describe_secrets, secrets_in

    session = session_from_snapshot(data)
    found = secrets_in(session)
    if found and redact is None:
        reply(ExportNeedsChoice(describe_secrets(found)))
        return
    if found and redact:
        session = redact_session(session)
    try:
        path = file.export(to_markdown(session, agenda))
    except StorageError as error:
        reply(ExportFailed(error))
    else:
        reply(Exported(path, bool(found and redact)))


def watch_disk(path: Path, known: str | None, reply: Reply) -> None:
    """Compare the file on disk with ``known`` (the digest of what was last read or written
    there); answer `DiskChanged` only when it differs. A file that vanished or cannot be read
    says nothing here: a save then reports it with its own message."""
    digest = file_digest(path)
    if digest is not None and digest != known:
        reply(DiskChanged(path, known, digest))


def reload(file: SessionFile, reply: Reply) -> None:
    try:
        session, digest = file.reload()
    except StorageError as error:
        reply(ReloadFailed(error))
    else:
        reply(Reloaded(session, digest))


def check(data: Snapshot, changes: int, today: date, agenda: Agenda, reply: Reply) -> None:
    from agenda.checks import run_checks
    from agenda.status import as_of

    session = session_from_snapshot(data)
    findings = run_checks(session, today=as_of(session, today), agenda=agenda)
    reply(ChecksDone(findings, changes))


def discard_recovery(file: SessionFile, reply: Reply, *, quit_after: bool = False) -> None:
    """Drop the autosave (not restored, reloaded over, or quit without saving)."""
    file.discard_recovery()
    reply(RecoveryDiscarded(quit_after))


def read_folder(path: Path, reply: Reply) -> None:
    """Read the other postmortems beside the session, for last time's promises."""
    reply(FolderRead(folder_scan(path)))

"""Provides SessionFile: one session file kept safe — its digest, lock, recovery file and saves."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from agenda.agendas import Agenda, resolve_agenda
from agenda.clock import Now, utc_now
from agenda.errors import StorageError
from agenda.files import exists
from agenda.model import Meeting, MeetingMode, Session
from agenda.publish import document_path
from agenda.safety import (
    Lock,
    Recovery,
    acquire_lock,
    pending_recovery,
    release_lock,
    remove_recovery,
    write_document,
    write_recovery,
)
from agenda.storage import (
    Layout,
    file_digest,
    file_modified,
    layout_of,
    load_session,
    render,
    write_atomic,
)


def title_from_path(path: Path) -> str:
    """ "db-failover_2024.toml" → "db failover 2024": a new session's first title."""
    return path.stem.replace("-", " ").replace("_", " ").strip()


def new_session(
    title: str, *, agenda: str = "default", mode: MeetingMode = MeetingMode.LIVE, now: Now = utc_now
) -> Session:
    """A blank session for a new postmortem."""
    session = Session(meeting=Meeting(date=now().date(), agenda=agenda, mode=mode))
    if title:
        session.incident.title = title
    return session


@dataclass(frozen=True)
class Opened:
    """What opening a session file gives: the session, its agenda, and the file keeping it."""

    session: Session
    agenda: Agenda
    file: SessionFile
    recovery: Recovery | None
    """An autosave to offer back (None when there is none, or it was restored already)."""
    unsaved: bool
    """The session in memory is not what is on disk: a new file, or a restored autosave."""
    drafts: Mapping[str, str] = field(default_factory=dict)
    """Text typed but not yet submitted, from an autosave restored on opening (``recover``):
    the app puts each back where it was typed."""


@dataclass(frozen=True)
class Written:
    """A save that reached the disk."""

    path: Path
    digest: str
    changes: int
    """The change count of the session when its snapshot was taken."""
    layout: Layout | None = None
    """The text written, block by block: the base the next save edits."""


class ExternalChange(Exception):
    """The file on disk is not the one this copy read or wrote last: someone else changed it."""


class SessionFile:
    """One session file and what keeps it safe: the digest of what was read or written, the
    lock, the recovery file, and the change counts that make the session dirty.

    The state (path, digest, change counts) belongs to the UI thread. The methods that touch
    the disk (`open`, `save`, `autosave`, `reload`, `export`, `close`) take snapshots and are
    meant for worker threads; each returns what the UI thread then records (`saved`).
    """

    def __init__(
        self,
        path: Path,
        *,
        digest: str | None,
        holder: Lock | None,
        last_seen: datetime | None,
        unsaved: bool = False,
    ) -> None:
        self.path = path
        self.digest = digest
        """SHA-256 of the file as this copy last read or wrote it: anything else on disk is
        someone else's change."""
        self.holder = holder
        """Another copy's lock when this one opened read-only; None when this copy holds it."""
        self.last_seen = last_seen
        """When the file was last written as it was opened: a meeting clock left running in a
        file that was never paused stops counting there."""
        self.changes = 1 if unsaved else 0
        self.saved_changes = 0
        self.autosaved_at: datetime | None = None
        self.discards = 0
        """How often the autosave was discarded: an autosave of a snapshot taken before the
        last discard must not bring it back."""
        self._recovery_guard = threading.Lock()
        self._closed = False
        """Let go of (`close`): the recovery file as it is then is the last word."""
        self.layout: Layout | None = None
        """The file's text as last read or written, block by block: saves and autosaves
        rewrite only the blocks whose values changed (comments and key order kept)."""
        self._reloaded: Layout | None = None

    # ---- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, *, now: Now = utc_now, recover: bool = False, ignore_lock: bool = False
    ) -> Opened:
        """Read ``path`` (a missing file starts a new session), its agenda, any autosave and
        the lock. Raises `StorageError` when the file or its agenda cannot be read."""
        is_new = not exists(path)  # a symlink loop or an unreadable folder is an error
        if is_new:
            if not path.parent.is_dir():
                raise StorageError(
                    path, "its folder does not exist", hint="create the folder first"
                )
            session = new_session(title_from_path(path), now=now)
        else:
            session = load_session(path)
        agenda = resolve_agenda(session.meeting.agenda, path)
        holder = None if ignore_lock else acquire_lock(path)
        # Only the copy that holds the lock may offer (and so delete) the autosave.
        recovery = pending_recovery(path, None if is_new else session) if holder is None else None
        unsaved, drafts = is_new, {}
        if recover and recovery is not None:
            session, drafts, recovery, unsaved = recovery.session, recovery.drafts, None, True
        file = cls(
            path,
            digest=file_digest(path),
            holder=holder,
            last_seen=file_modified(path),
            unsaved=unsaved,
        )
        file.layout = None if is_new else layout_of(session)
        return Opened(session, agenda, file, recovery, unsaved, drafts)

    # ---- state (UI thread) -------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.holder is not None

    @property
    def dirty(self) -> bool:
        return self.changes != self.saved_changes

    def changed(self) -> None:
        """Record that the session changed since the last save."""
        self.changes += 1

    def saved(self, written: Written) -> None:
        """Record a save that reached the disk (save as moves this file to its new path)."""
        self.path = written.path
        self.digest = written.digest
        self.holder = None
        self.saved_changes = written.changes
        self.autosaved_at = None
        self.layout = written.layout

    def reloaded(self, digest: str | None) -> None:
        """Record that the session was read again from disk: nothing is unsaved now."""
        self.digest = digest
        self.saved_changes = self.changes
        self.autosaved_at = None
        self.layout, self._reloaded = self._reloaded, None

    def state(self) -> str:
        """What the header says: saved, unsaved, autosaved HH:MM:SS, or read-only."""
        if self.read_only:
            return "read-only"
        if not self.dirty:
            return "saved"
        if self.autosaved_at is not None:
            return f"autosaved {self.autosaved_at:%H:%M:%S}"
        return "unsaved"

    # ---- the disk (worker threads) -------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Whether the file now differs from what this copy last read or wrote."""
        on_disk = file_digest(self.path)
        return on_disk is not None and on_disk != self.digest

    def save(
        self, data: dict[str, Any], changes: int, *, to: Path | None = None, force: bool = False
    ) -> Written:
        """Write a snapshot to the file (or, with ``to``, to another file that this copy then
        keeps: its lock and recovery file move along; ``to`` naming this same file is a plain
        save). Raises `ExternalChange` when the file was changed by someone else, unless
        ``force``; `StorageError` when it cannot be written or another copy has it open."""
        if to is not None and _same_file(to, self.path):
            to = None
        if to is None:
            if self.read_only:
                raise StorageError(
                    self.path,
                    f"open elsewhere: {self.holder.describe() if self.holder else ''}",
                    hint="save your copy as a new file (f9)",
                )
            if not force and self.changed_on_disk():
                raise ExternalChange(str(self.path))
            target = self.path
        else:
            target = to
            other = acquire_lock(target)  # taken before writing: never over another copy's file
            if other is not None:
                raise StorageError(
                    target,
                    f"open elsewhere: {other.describe()}",
                    hint="choose another file name",
                )
        layout = render(data, self.layout)
        raw = layout.text.encode("utf-8")
        try:
            write_atomic(target, raw)
        except StorageError:
            if target != self.path:
                release_lock(target)
            raise
        if target != self.path and not self.read_only:
            release_lock(self.path)
            remove_recovery(self.path)  # what it held is in the new file now
        remove_recovery(target)
        return Written(target, hashlib.sha256(raw).hexdigest(), changes, layout)

    def autosave(
        self,
        data: dict[str, Any],
        discards: int | None = None,
        drafts: Mapping[str, str] | None = None,
    ) -> bool:
        """Write a snapshot to the recovery file, with ``drafts`` (text typed but not yet
        submitted, by where: they come back as `Recovery.drafts`), unless the autosave was
        discarded since the snapshot was taken (``discards`` as it was then); returns whether it
        wrote. A read-only copy never writes there: the recovery file belongs to the copy that
        holds the lock."""
        if self.read_only:
            raise StorageError(self.path, "open read-only: the autosave belongs to the other copy")
        text = render(data, self.layout).text
        with self._recovery_guard:
            if self._closed or (discards is not None and discards != self.discards):
                return False
            write_recovery(text, self.path, drafts)
        return True

    def write_recovery_now(
        self, data: dict[str, Any], drafts: Mapping[str, str] | None = None
    ) -> None:
        """Last resort when the app is going down with unsaved changes (never raises)."""
        if not self.read_only:
            with contextlib.suppress(StorageError):
                write_recovery(render(data, self.layout).text, self.path, drafts)

    def reload(self) -> tuple[Session, str | None]:
        """The session as it is on disk now, and the digest of what was read."""
        session = load_session(self.path)
        self._reloaded = layout_of(session)  # the next saves' base, once `reloaded` records it
        return session, file_digest(self.path)

    def discard_recovery(self) -> None:
        """Drop the autosave (the user chose not to restore it, reloaded, or quit without
        saving); an autosave still under way for an older snapshot is not written."""
        if not self.read_only:
            with self._recovery_guard:
                if self._closed:
                    return
                self.discards += 1
                remove_recovery(self.path)

    def export(self, markdown: str) -> Path:
        """Write the Markdown document beside the session; returns where. Refused when that
        would overwrite the session or what is kept beside it (a NAME.md symlinked to it);
        a new document takes the session's mode."""
        target = document_path(self.path)
        write_document(markdown, target, self.path)
        return target

    def close(self) -> None:
        """Let go of the lock (only this copy's own). What the recovery file holds then stays:
        an autosave or a discard still to come (a timer that fires while the app goes down
        after a signal kept the work) neither replaces nor removes it."""
        with self._recovery_guard:
            self._closed = True
        if not self.read_only:
            release_lock(self.path)


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through symlinks, relative parts or hard links)."""
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False

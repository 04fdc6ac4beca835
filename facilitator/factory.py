"""Provides the one app factory, shared by the `facilitator` command and the tests."""

from __future__ import annotations

from pathlib import Path

from agenda.agendas import resolve_agenda
from agenda.clock import Now, utc_now
from agenda.document import new_session, title_from_path
from agenda.errors import StorageError
from agenda.safety import acquire_lock, pending_recovery
from agenda.storage import file_digest, file_modified, load_session
from facilitator.app import FacilitatorApp


def build_app(
    path: Path,
    *,
    now: Now = utc_now,
    note: str = "",
    start_clock: bool = False,
    recover: bool = False,
    ignore_lock: bool = False,
) -> FacilitatorApp:
    """The app on the session at ``path``; a missing file starts a new, unsaved session.

    A live meeting's clock waits for ctrl+t unless ``start_clock`` (the demo). An autosave newer
    than the file is offered back on open (restored at once with ``recover``). A session open
    in another copy of the app opens read-only unless ``ignore_lock``. Raises `StorageError`
    when the file (or its agenda) cannot be read.
    """
    is_new = not path.exists()
    if is_new:
        if not path.parent.is_dir():
            raise StorageError(path, "its folder does not exist", hint="create the folder first")
        session = new_session(title_from_path(path), now=now)
    else:
        session = load_session(path)
    agenda = resolve_agenda(session.meeting.agenda, path)
    recovery = pending_recovery(path, None if is_new else session)
    if recover and recovery is not None:
        session, recovery, is_new = recovery.session, None, True
    lock = None if ignore_lock else acquire_lock(path)
    return FacilitatorApp(
        session,
        path,
        agenda,
        now=now,
        is_new=is_new,
        note=note,
        start_clock=start_clock,
        last_seen=file_modified(path),
        digest=file_digest(path),
        lock=lock,
        recovery=recovery,
    )

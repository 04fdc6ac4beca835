"""Provides `facilitator FILE --recover` without a terminal: the autosave written into FILE."""

from __future__ import annotations

from pathlib import Path

from agenda.errors import StorageError
from agenda.files import exists
from agenda.safety import pending_recovery, remove_recovery, writing
from agenda.storage import load_session, save_session
from facilitator.commands.common import EXIT_OK, fail, say


def recover_headless(path: Path) -> int:
    """Restore the autosave of ``path`` into the file itself, as the app's --recover would
    before its first save; a script or a session over ssh with no terminal gets its work back.
    The lock is held throughout; a read-only file is refused like any other save."""
    try:
        with writing(path):
            current = load_session(path) if exists(path) else None
            found = pending_recovery(path, current)
            if found is None:
                say(f"facilitator: {path}: nothing to recover (no autosave that differs from it)")
                return EXIT_OK
            save_session(found.session, path)
            remove_recovery(path)
    except StorageError as error:
        return fail(error.message)
    say(f"Restored the autosave into {path} ({found.changes})")
    return EXIT_OK

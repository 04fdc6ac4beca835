"""Provides the app's keeping of its file: save, save as, autosave to the recovery file, external
changes, the lock, and the read-only state."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from agenda.errors import StorageError
from agenda.safety import Lock, acquire_lock, release_lock, remove_recovery, write_recovery
from agenda.storage import file_digest, load_session, render_snapshot, snapshot, write_atomic
from facilitator.dialogs.file_dialogs import ExternalChange, ExternalChangeChoice, SaveFailed

if TYPE_CHECKING:
    from facilitator.app import FacilitatorApp

AUTOSAVE_IDLE = 2.0
"""Seconds after the last edit before the recovery file is written."""
AUTOSAVE_MAX = 30.0
"""While edits keep coming, the recovery file is still written at least this often."""


class SavingMixin:
    """The parts of the app that touch its file; the app owns one session and one path."""

    known_digest: str | None
    """SHA-256 of the file as this app last read or wrote it: anything else on disk is someone
    else's change."""
    read_only_because: Lock | None
    autosaved_at: datetime | None
    _autosave_timer: Any
    _first_unsaved: float | None

    def _init_saving(self, digest: str | None, lock: Lock | None) -> None:
        self.known_digest = digest
        self.read_only_because = lock
        self.autosaved_at = None
        self._autosave_timer = None
        self._first_unsaved = None

    @property
    def _app(self) -> FacilitatorApp:
        return self  # type: ignore[return-value]

    # ---- saving ------------------------------------------------------------------------------

    def action_save(self) -> None:
        app = self._app
        if self.read_only_because is not None:
            self._offer_save_as(
                f"This session is open elsewhere ({self.read_only_because.describe()}), so it "
                "opened read-only. Save your copy as a new file instead."
            )
            return
        on_disk = file_digest(app.path)
        if on_disk is not None and on_disk != self.known_digest:
            app.push_screen(ExternalChange(app.path), self._external_change_chosen)
            return
        self._save_to(app.path)

    def action_save_as(self) -> None:
        self._offer_save_as("Save the session as a new file:")

    def _save_to(self, path: Path, then: Callable[[], None] | None = None) -> None:
        app = self._app
        self._write(snapshot(app.session), path, app.change_count, then)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _write(
        self, data: dict[str, Any], path: Path, changes: int, then: Callable[[], None] | None
    ) -> None:
        app = self._app
        try:
            raw = render_snapshot(data).encode("utf-8")
            write_atomic(path, raw)
        except StorageError as error:
            app.call_from_thread(self._save_failed, error)
            return
        app.call_from_thread(self._saved, path, raw, changes, then)

    def _saved(self, path: Path, raw: bytes, changes: int, then: Callable[[], None] | None) -> None:
        app = self._app
        if path != app.path:
            if self.read_only_because is None:
                release_lock(app.path)
                remove_recovery(app.path)  # what it held is in the new file now
            app.path = path
            self.read_only_because = acquire_lock(path)
        self.known_digest = hashlib.sha256(raw).hexdigest()
        app.saved_change_count = changes
        remove_recovery(path)
        self.autosaved_at = None
        app.refresh_header()
        app.notify(f"Saved {path}", markup=False, timeout=3)
        if then is not None:
            then()

    def _save_failed(self, error: StorageError) -> None:
        self._offer_save_as(f"Not saved: {error.message}. The session is still here, in memory.")

    def _offer_save_as(self, message: str) -> None:
        app = self._app
        suggestion = app.path.with_name(f"{app.path.stem}-copy{app.path.suffix}")

        def chosen(target: str | None) -> None:
            if target:
                self._save_to(Path(target).expanduser())

        app.push_screen(SaveFailed(message, str(suggestion)), chosen)

    def _external_change_chosen(self, choice: ExternalChangeChoice | None) -> None:
        app = self._app
        if choice == "overwrite":
            self._save_to(app.path)
        elif choice == "save_as":
            self._offer_save_as("Save your version as a new file:")
        elif choice == "reload":
            try:
                session = load_session(app.path)
            except StorageError as error:
                app.show_error(f"Cannot reload: {error.message}. Your version is still here.")
                return
            self.known_digest = file_digest(app.path)
            app.replace_session(session)
            app.saved_change_count = app.change_count  # the header follows with the new screen
            remove_recovery(app.path)
            app.notify("Reloaded the file from disk; your unsaved changes were dropped.")

    # ---- autosave -----------------------------------------------------------------------------

    def schedule_autosave(self) -> None:
        """Write the recovery file 2 s after the last edit, and at least every 30 s."""
        app = self._app
        if self._first_unsaved is None:
            self._first_unsaved = time.monotonic()
        waited = time.monotonic() - self._first_unsaved
        delay = max(0.0, min(AUTOSAVE_IDLE, AUTOSAVE_MAX - waited))
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = app.set_timer(delay, self._autosave_now)

    def _autosave_now(self) -> None:
        app = self._app
        self._first_unsaved = None
        if app.dirty and self.read_only_because is None:  # the other copy's recovery file
            self._autosave(snapshot(app.session), app.path)

    @work(thread=True, exclusive=True, group="autosave", exit_on_error=False)
    def _autosave(self, data: dict[str, Any], path: Path) -> None:
        app = self._app
        try:
            write_recovery(render_snapshot(data), path)
        except StorageError as error:
            message = f"Autosave failed: {error.message}"
            app.call_from_thread(app.notify, message, severity="warning", markup=False)
            return
        app.call_from_thread(self._autosaved)

    def _autosaved(self) -> None:
        self.autosaved_at = datetime.now(UTC)
        self._app.refresh_header()

    def write_recovery_now(self) -> None:
        """Last resort when the app is going down with unsaved changes."""
        app = self._app
        if self.read_only_because is not None:
            return
        with contextlib.suppress(StorageError):
            write_recovery(render_snapshot(snapshot(app.session)), app.path)

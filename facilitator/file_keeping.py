"""Provides FileKeeping: what the app does about its file — save, save as, autosave, export,
reload — by starting jobs from snapshots and answering their messages on the UI thread."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from textual.screen import Screen
from textual.timer import Timer
from textual.worker_manager import WorkerManager

from agenda.agendas import Agenda
from agenda.clock import MeetingClock, Now
from agenda.document import SessionFile
from agenda.model import Session
from facilitator import jobs
from facilitator.dialogs.file_dialogs import (
    DiskChangedDialog,
    DiskChoice,
    ExternalChange,
    ExternalChangeChoice,
    SaveFailed,
)
from facilitator.dialogs.quit import QuitChoice, QuitDialog
from facilitator.dialogs.secrets import SecretsChoice, SecretsDialog
from facilitator.messages import (
    Autosaved,
    AutosaveFailed,
    ChangedOnDisk,
    DiskChanged,
    Exported,
    ExportFailed,
    ExportNeedsChoice,
    FileMessage,
    RecoveryDiscarded,
    Reloaded,
    ReloadFailed,
    Saved,
)
from facilitator.messages import SaveFailed as SaveFailedMessage
from facilitator.screens.main import MainScreen

AUTOSAVE_DELAY = 1.0
"""Seconds from the first change not yet autosaved (an edit, or a key typed into any text) to
the snapshot the recovery file is written from. Later keys do not push it back, so typing that
never pauses is kept within this delay plus the write: under the 2 s the issue allows."""
DISK_CHECK_EVERY = 2.0
"""Seconds between looks (in a worker) at whether someone else changed the file."""


class Drafts(Protocol):
    """The lines and fields being typed, kept across a reload (`facilitator.survival`)."""

    def gather(self) -> dict[str, str]: ...
    def restore_later(self, drafts: Mapping[str, str]) -> None: ...


class Host(Protocol):
    """What file keeping needs of the app that owns it."""

    document: SessionFile

    @property
    def survival(self) -> Drafts: ...

    agenda: Agenda
    clock: MeetingClock | None
    save_state: str
    now: Now

    def snapshot(self) -> dict[str, Any]: ...
    def run_job(self, group: str, job: Callable[..., None], *args: Any, **kwargs: Any) -> None: ...
    def push_screen(self, screen: Screen[Any], callback: Any = None) -> Any: ...
    def notify(self, message: str, *, title: str = "", **options: Any) -> None: ...
    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...
    def set_interval(self, interval: float, callback: Callable[[], None]) -> Timer: ...
    @property
    def workers(self) -> WorkerManager: ...
    @property
    def screen(self) -> Screen[Any]: ...
    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...
    def show_error(self, message: str) -> None: ...
    def replace_session(self, session: Session) -> None: ...


class FileKeeping:
    """Starts the file jobs and records their answers in the app's SessionFile."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self._autosave_timer: Timer | None = None
        self._drafts_written = False
        """Whether the recovery file holds drafts (so clearing them must rewrite it)."""
        self._writes = 0
        """Saves and reloads started: a look at the disk begun before one may see its bytes."""
        self._writes_at_look = 0
        self._answered: str | None = None
        """The version on disk the user already chose about (not asked again)."""
        self._leaving = False
        """The user chose to quit without what is unsaved: no autosave may keep it now."""

    @property
    def document(self) -> SessionFile:
        return self.host.document

    def show_state(self) -> None:
        self.host.save_state = self.document.state()

    # ---- saving ----------------------------------------------------------------------------

    def save(self, *, force: bool = False, quit_after: bool = False) -> None:
        if self.document.read_only and self.document.holder is not None:
            self.offer_save_as(
                f"This session is open elsewhere ({self.document.holder.describe()}), so it "
                "opened read-only. Save your copy as a new file instead."
            )
            return
        self._save(force=force, quit_after=quit_after)

    def _save(
        self, *, to: Path | None = None, force: bool = False, quit_after: bool = False
    ) -> None:
        host = self.host
        data, changes = host.snapshot(), self.document.changes
        self._started_writing()
        host.run_job(
            "save",
            jobs.save,
            self.document,
            data,
            changes,
            to=to,
            force=force,
            quit_after=quit_after,
        )

    def offer_save_as(self, message: str = "Save the session as a new file:") -> None:
        path = self.document.path
        suggestion = path.with_name(f"{path.stem}-copy{path.suffix}")

        def chosen(target: str | None) -> None:
            if target:
                self._save(to=Path(target).expanduser())

        self.host.push_screen(SaveFailed(message, str(suggestion)), chosen)

    def _external_change(self, message: ChangedOnDisk) -> None:
        def chosen(choice: ExternalChangeChoice | None) -> None:
            if choice == "overwrite":
                self._save(force=True, quit_after=message.quit_after)
            elif choice == "save_as":
                self.offer_save_as("Save your version as a new file:")
            elif choice == "reload":
                self.reload()

        self.host.push_screen(ExternalChange(self.document.path), chosen)

    def reload(self) -> None:
        self._started_writing()
        self.host.run_job("save", jobs.reload, self.document)

    def _started_writing(self) -> None:
        self._writes += 1

    # ---- someone else's change -------------------------------------------------------------

    def watch(self) -> None:
        """Look at the file every `DISK_CHECK_EVERY` seconds, off the UI thread."""
        self.host.set_interval(DISK_CHECK_EVERY, self.check_disk)

    def check_disk(self) -> None:
        if any(w.group == "save" and not w.is_finished for w in self.host.workers):
            return  # the file is this copy's to change right now
        self._writes_at_look = self._writes
        document = self.document
        self.host.run_job("disk", jobs.watch_disk, document.path, document.digest)

    def _disk_changed(self, message: DiskChanged) -> None:
        document = self.document
        if (
            self._writes != self._writes_at_look  # it may have seen this copy's own save
            or message.path != document.path
            or message.known != document.digest  # a save or reload landed meanwhile
            or message.digest in (document.digest, self._answered)
        ):
            return
        if not isinstance(self.host.screen, MainScreen):
            return  # never over an open form or dialog: asked at the next look instead

        def chosen(choice: DiskChoice | None) -> None:
            self._answered = message.digest
            if choice == "reload":
                self.reload()
            elif choice == "save_as":
                self.offer_save_as("Save your version as a new file:")

        dialog = DiskChangedDialog(document.path.name, unsaved=document.dirty)
        self.host.push_screen(dialog, chosen)

    # ---- autosave --------------------------------------------------------------------------

    def schedule_autosave(self) -> None:
        """Write the recovery file `AUTOSAVE_DELAY` after the first change since the last
        write; changes meanwhile ride along rather than postpone it."""
        if self._autosave_timer is None and not self._leaving:
            self._autosave_timer = self.host.set_timer(AUTOSAVE_DELAY, self._autosave_now)

    def _autosave_now(self) -> None:
        self._stop_autosave()  # called early, this write is the one the timer was waiting for
        document = self.document
        if document.read_only or self._leaving:
            return
        drafts = self.host.survival.gather()
        if not (document.dirty or drafts or self._drafts_written):
            return
        if not document.dirty and not drafts:  # the drafts were sent or cleared: nothing to keep
            self._drafts_written = False
            self.host.run_job("autosave", jobs.discard_recovery, document)
            return
        self._drafts_written = bool(drafts)
        data, changes = self.host.snapshot(), document.changes
        taken, discards = self.host.now(), document.discards
        self.host.run_job(
            "autosave", jobs.autosave, document, data, changes, taken, discards, drafts=drafts
        )

    def quit(self) -> None:
        """ctrl+q: at once with nothing unsaved, else ask whether to save or discard first."""
        if isinstance(self.host.screen, QuitDialog):
            return
        if not self.document.dirty:
            self.quit_clean()
            return
        self.host.push_screen(QuitDialog(), self._quit_chosen)

    def _stop_autosave(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None

    def _leave_unsaved(self) -> None:
        """From now until the app is gone, no autosave: one due as the user quits without
        saving would write back the recovery file being discarded, and the next open would
        offer the work the user chose to lose."""
        self._leaving = True
        self._stop_autosave()

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice == "discard":  # the autosave goes too, or the next open would offer it back
            self._leave_unsaved()
            if self.document.read_only:
                self.host.exit()
            else:
                self.host.run_job("autosave", jobs.discard_recovery, self.document, quit_after=True)
        elif choice == "save":
            if self.host.clock is not None:
                self.host.clock.pause()  # a reopened session resumes where the meeting left off
            self.save(quit_after=True)

    def quit_clean(self) -> None:
        """Quit with nothing unsaved: drafts typed but left unsent go with the app, or the
        next open would offer them back."""
        if self._drafts_written and not self.document.read_only:
            self._leave_unsaved()
            self.host.run_job("autosave", jobs.discard_recovery, self.document, quit_after=True)
        else:
            self.host.exit()

    # ---- exporting -------------------------------------------------------------------------

    def export(self, *, redact: bool | None = None) -> None:
        """Write the Markdown document beside the session, asking first about any secret."""
        host = self.host
        host.run_job(
            "export", jobs.export, self.document, host.snapshot(), host.agenda, redact=redact
        )

    def _ask_about_secrets(self, message: ExportNeedsChoice) -> None:
        def chosen(choice: SecretsChoice | None) -> None:
            if choice is not None:
                self.export(redact=choice == "redact")

        self.host.push_screen(SecretsDialog(message.where), chosen)

    # ---- answers from the jobs --------------------------------------------------------------

    def handle(self, message: FileMessage) -> None:
        """Record a job's answer: the one place a file job's result reaches the app's state."""
        host, document = self.host, self.document
        match message:
            case Saved(written, quit_after):
                document.saved(written)
                self.show_state()
                self._drafts_written = False  # a save removes the recovery file
                if not quit_after:
                    self.schedule_autosave()  # drafts still typed go back into a new one
                host.notify(f"Saved {written.path}", markup=False, timeout=3)
                if quit_after:
                    host.exit()
            case SaveFailedMessage(error):
                self.offer_save_as(
                    f"Not saved: {error.message}. The session is still here, in memory."
                )
            case ChangedOnDisk():
                self._external_change(message)
            case DiskChanged():
                self._disk_changed(message)
            case Autosaved(at, changes):
                if document.changes == changes:
                    document.autosaved_at = at
                    self.show_state()
            case AutosaveFailed(error):
                host.notify(f"Autosave failed: {error.message}", severity="warning", markup=False)
            case ExportNeedsChoice():
                self._ask_about_secrets(message)
            case Exported(path, redacted):
                note = " (secrets redacted)" if redacted else ""
                host.notify(f"Exported the document to {path}{note}", markup=False, timeout=6)
            case ExportFailed(error):
                host.notify(error.message, title="Not exported", severity="error", markup=False)
            case Reloaded(session, digest):
                dropped = document.dirty
                drafts = host.survival.gather()  # the lines being typed stay
                host.replace_session(session)
                document.reloaded(digest)
                host.survival.restore_later(drafts)
                host.run_job("autosave", jobs.discard_recovery, document)
                self.show_state()
                note = "; your unsaved changes were dropped" if dropped else ""
                host.notify(f"Reloaded the file from disk{note}.")
            case RecoveryDiscarded(quit_after):
                if quit_after:
                    host.exit()
                else:  # an autosave taken before the discard was skipped: take it again
                    self.schedule_autosave()
            case ReloadFailed(error):
                host.show_error(f"Cannot reload: {error.message}. Your version is still here.")

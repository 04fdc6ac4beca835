"""Provides the facilitator App: one Session and its SessionFile, the meeting clock, and the
workers that save, autosave, export, reload and check from snapshots."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.events import DescendantFocus
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, TextArea

from agenda.agendas import Agenda
from agenda.checks import Finding
from agenda.clock import ClockState, MeetingClock, Now, utc_now
from agenda.document import Opened, SessionFile
from agenda.history import Edit, History
from agenda.model import MeetingMode, Session
from agenda.promises import previous_actions
from agenda.repository import Scan
from agenda.storage import snapshot
from agenda.visible import visible
from facilitator import jobs
from facilitator.dialogs.file_dialogs import ErrorDialog
from facilitator.dialogs.quit import QuitChoice, QuitDialog
from facilitator.display import Display
from facilitator.file_keeping import FileKeeping
from facilitator.keys import APP_KEYS, PALETTE_KEY
from facilitator.messages import ChecksDone, EditRequested, FileMessage, FolderRead
from facilitator.panes.base import touches
from facilitator.screens.main import MainScreen
from facilitator.survival import Survival

CHECK_DELAY = 0.4
"""Seconds after the last edit before the checks run again."""
THREAD_JOB: dict[str, Any] = {"thread": True, "exclusive": True, "exit_on_error": False}
"""How every job runs: in a thread, replacing the one of its group still running."""


class FacilitatorApp(App[None]):
    """Runs one postmortem session; every edit goes through the one `Session` it owns."""

    CSS_PATH = "app.tcss"
    TITLE = "Postmortem Facilitator"
    COMMAND_PALETTE_BINDING = PALETTE_KEY.key
    SCREEN: ClassVar[type[MainScreen]] = MainScreen
    """The meeting screen (the read-only follow view has its own)."""
    BINDINGS = [
        Binding(k.key, k.action, k.label, show=k.show, priority=k.priority or k.action == "quit")
        for k in APP_KEYS
    ]
    """ctrl+q works from any screen, dialogs too (and asks first when work is unsaved); ctrl+s,
    ctrl+e and f9 work from any widget of the meeting screen, text inputs included."""

    save_state: reactive[str] = reactive("saved", always_update=True)
    """What the header says of the file: saved, unsaved, autosaved HH:MM:SS, read-only."""
    findings: reactive[tuple[Finding, ...]] = reactive(())
    """What the checks found in the session as it was after the last edit."""

    def __init__(
        self,
        opened: Opened,
        *,
        now: Now = utc_now,
        note: str = "",
        start_clock: bool = False,
        cursor_blink: bool = True,
        display: Display | None = None,
    ) -> None:
        super().__init__()
        self.display_state = display or Display.defaults()  # theme, presentation, sidebar
        self.cursor_blink = cursor_blink
        """False keeps text cursors still (for screen readers, recordings and snapshots)."""
        self.session = opened.session
        self.agenda: Agenda = opened.agenda
        self.document: SessionFile = opened.file
        self.now = now
        self.note = note
        self.start_clock = start_clock
        self.recovery = opened.recovery
        self.restored_drafts = opened.drafts
        self.history = History()
        self.clock = self._make_clock(opened.file)
        self.keeping = FileKeeping(self)
        self.survival = Survival(self)
        self._check_timer: Timer | None = None
        self.folder: Scan | None = None
        """The other postmortems beside the session, once a worker has read them."""

    def _make_clock(self, file: SessionFile | None) -> MeetingClock | None:
        if self.session.meeting.mode is not MeetingMode.LIVE:
            return None
        last_seen = file.last_seen if file is not None else None
        return MeetingClock(self.agenda, self.session.meeting, self.now, last_seen=last_seen)

    @property
    def path(self) -> Path:
        return self.document.path

    @property
    def dirty(self) -> bool:
        return self.document.dirty

    @property
    def main(self) -> MainScreen:
        return self._main

    def run_job(self, group: str, job: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        """Run a job from `facilitator.jobs` in a thread; its answer comes back as a message."""
        work = functools.partial(job, *args, reply=self.post_message, **kwargs)
        # Textual describes a worker by repr(work) unless told: 60 ms for a 5,000-event snapshot.
        self.run_worker(work, description=job.__name__, group=group, **THREAD_JOB)

    def snapshot(self) -> dict[str, Any]:
        """The session's data as it is now, for a worker (cheap: about 2 ms at 5,000 events)."""
        return snapshot(self.session)

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """Every toast, from any widget: names and file names in it come from files."""
        super().notify(visible(message, multiline=True), title=visible(title), **options)

    # ---- lifecycle ---------------------------------------------------------------------------

    async def on_mount(self) -> None:
        self.display_state.attach(self)
        display = self.display_state
        self._main = self.SCREEN(self.session, self.agenda, self.clock, self.now, display=display)
        await self.push_screen(self._main)
        if self.start_clock and self.clock is not None:
            self.clock.start()
            self.document.changed()
            self.main.show_phase(self.main.phase)
        elif self.clock is not None and self.clock.state is ClockState.PAUSED:
            self.notify("The meeting was under way: the clock is paused. ctrl+t resumes it.")
        if self.note:
            self.notify(self.note, markup=False, timeout=8)
        self.keeping.show_state()
        self.call_after_refresh(self.run_checks)  # after the first frame, not before it
        self.call_after_refresh(self.run_job, "folder", jobs.read_folder, self.path)
        self.survival.start()
        self.keeping.watch()

    def replace_session(self, session: Session) -> None:
        """Show another version of the session (reloaded or recovered) in place of this one."""
        self.session = session
        self.history = History()
        self._rebuild()

    @on(MainScreen.ModeSwitched)
    def _rebuild(self) -> None:
        """A new meeting screen on the same phase (switched live / async, or replaced)."""
        phase, self.clock, shown = self.main.phase, self._make_clock(None), self.display_state
        self._main = self.SCREEN(
            self.session, self.agenda, self.clock, self.now, phase=phase, display=shown
        )
        self.switch_screen(self._main)
        self._main.show_findings(list(self.findings))  # until the checks run again
        self.call_after_refresh(self._show_replaced)

    def _show_replaced(self) -> None:
        self.keeping.show_state()
        self.run_checks()
        self._show_previous()

    def watch_save_state(self, state: str) -> None:
        if hasattr(self, "_main"):
            self.main.show_header(self.path, state)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self.survival.pressed()  # a form someone typed in holds drafts
        await super().on_event(event)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _typed(self) -> None:
        """A key typed into any text counts for the autosave, submitted or not."""
        self.keeping.schedule_autosave()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if not self.cursor_blink and isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    # ---- editing ------------------------------------------------------------------------------

    @on(MainScreen.MeetingChanged)
    def mark_changed(self) -> None:
        """Record that the session changed since the last save; autosave follows."""
        self.document.changed()
        self.keeping.show_state()
        self.keeping.schedule_autosave()

    @on(EditRequested)
    def _edit_requested(self, message: EditRequested) -> None:
        message.stop()
        self._show_edit(self.history.do(self.session, message.edit))

    def action_undo(self) -> None:
        self._step(self.history.undo, "Undid", "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.history.redo, "Redid", "Nothing to redo.")

    def _step(self, step: Callable[[Session], Edit | None], verb: str, nothing: str) -> None:
        edit = step(self.session)
        if edit is None:
            self.notify(nothing, timeout=2)
        else:
            self._show_edit(edit)
            self.notify(f"{verb}: {edit.label}", timeout=2, markup=False)

    def _show_edit(self, edit: Edit) -> None:
        self.main.show_edit(edit)
        self.mark_changed()
        self.schedule_checks()
        if touches(edit, "incident"):  # services, tags or the date: other earlier postmortems
            self._show_previous()

    @on(FolderRead)
    def _folder_read(self, message: FolderRead) -> None:
        self.folder = message.scan
        self._show_previous()

    def _show_previous(self) -> None:
        """Match the folder read earlier against the session as it is now (cheap: no I/O)."""
        if self.folder is not None:
            self.main.show_previous(previous_actions(self.folder, self.session, self.now().date()))

    # ---- guidance -----------------------------------------------------------------------------

    def schedule_checks(self) -> None:
        """Run the checks once typing pauses: each edit restarts a short timer."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)

    def run_checks(self) -> None:
        today, changes = self.now().date(), self.document.changes
        self.run_job("checks", jobs.check, self.snapshot(), changes, today, self.agenda)

    @on(ChecksDone)
    def _checks_done(self, message: ChecksDone) -> None:
        self.findings = tuple(message.findings)
        if message.changes != self.document.changes:  # the session moved on meanwhile
            self.schedule_checks()

    def watch_findings(self, findings: tuple[Finding, ...]) -> None:
        if hasattr(self, "_main"):
            self.main.show_findings(list(findings))

    # ---- the file ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A dialog keeps its own ctrl+s (save the form) and ctrl+e (end of line)."""
        return action not in ("save", "save_as", "export") or self.screen is self._main

    def action_save(self) -> None:
        self.keeping.save()

    def action_save_as(self) -> None:
        self.keeping.offer_save_as()

    def action_export(self) -> None:
        self.keeping.export()

    @on(FileMessage)
    def _file_message(self, message: FileMessage) -> None:
        self.keeping.handle(message)

    # ---- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        if isinstance(self.screen, QuitDialog):
            return
        if not self.dirty:
            self.keeping.quit_clean()
            return
        self.push_screen(QuitDialog(), self._quit_chosen)

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice == "discard":  # the autosave goes too, or the next open would offer it back
            if self.document.read_only:
                self.exit()
            else:
                self.run_job("autosave", jobs.discard_recovery, self.document, quit_after=True)
        elif choice == "save":
            if self.clock is not None:
                self.clock.pause()  # a reopened session resumes where the meeting left off
            self.keeping.save(quit_after=True)

    def show_error(self, message: str) -> None:
        self.push_screen(ErrorDialog(message))

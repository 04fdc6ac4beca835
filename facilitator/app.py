"""Provides the facilitator App: one Session, the meeting clock, phase navigation, save and quit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from agenda.agendas import Agenda, Pane
from agenda.analysis import add_dissent, park
from agenda.checks import Finding, run_checks
from agenda.checks.secrets import redact_session
from agenda.clock import ClockState, MeetingClock, Now, utc_now
from agenda.errors import StorageError
from agenda.export import to_markdown
from agenda.history import Edit, History
from agenda.model import MeetingMode, Session
from agenda.publish import describe_secrets, document_path, secrets_in
from agenda.storage import dumps_session, save_session, write_atomic
from facilitator.dialogs.dissent import DissentDialog, DissentEntry
from facilitator.dialogs.quit import QuitChoice, QuitDialog
from facilitator.dialogs.secrets import SecretsChoice, SecretsDialog
from facilitator.dialogs.text_entry import TextEntry
from facilitator.keys import KEYS
from facilitator.messages import EditRequested
from facilitator.screens.findings import FindingsScreen
from facilitator.screens.help import HelpScreen
from facilitator.screens.main import MainScreen
from facilitator.widgets.agenda_sidebar import AgendaSidebar

CHECK_DELAY = 0.4
"""Seconds after the last edit before the checks run again."""


class FacilitatorApp(App[None]):
    """Runs one postmortem session; every edit goes through the one `Session` it owns."""

    CSS_PATH = "app.tcss"
    TITLE = "Postmortem Facilitator"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding(k.key, k.action, k.label, show=k.show) for k in KEYS]

    def __init__(
        self,
        session: Session,
        path: Path,
        agenda: Agenda,
        *,
        now: Now = utc_now,
        is_new: bool = False,
        note: str = "",
        start_clock: bool = False,
        last_seen: datetime | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.path = path
        self.agenda = agenda
        self.now = now
        self.note = note
        self.live = session.meeting.mode is MeetingMode.LIVE
        self.clock = (
            MeetingClock(agenda, session.meeting, now, last_seen=last_seen) if self.live else None
        )
        self.start_clock = start_clock
        self._index = 0
        self.history = History()
        self.findings: list[Finding] = []
        self._check_timer: Timer | None = None
        self._changes = 1 if is_new else 0
        self._saved_changes = 0

    # ---- state ------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._changes != self._saved_changes

    @property
    def current_index(self) -> int:
        return self.clock.index if self.clock is not None else self._index

    @property
    def main(self) -> MainScreen:
        screen = self.get_screen("main")
        assert isinstance(screen, MainScreen)
        return screen

    def mark_changed(self) -> None:
        """Record that the session changed since the last save."""
        self._changes += 1
        self._refresh_header()

    def _refresh_header(self) -> None:
        self.main.show_header(self.path, dirty=self.dirty)

    # ---- lifecycle -----------------------------------------------------------------------

    async def on_mount(self) -> None:
        today = self.now().date()
        self.install_screen(MainScreen(self.session, self.agenda, self.clock, today), "main")
        await self.push_screen("main")
        if self.start_clock and self.clock is not None:
            self.clock.start()
            self._changes += 1
        elif self.clock is not None and self.clock.state is ClockState.PAUSED:
            self.notify("The meeting was under way: the clock is paused. ctrl+t resumes it.")
        if self.note:
            self.notify(self.note, markup=False, timeout=8)
        self.main.show_phase(self.current_index)
        self._refresh_header()
        self._run_checks()

    # ---- navigation ----------------------------------------------------------------------

    def go_to_phase(self, index: int) -> None:
        if self.clock is not None:
            before = len(self.session.meeting.phases), self.clock.state
            self.clock.jump(index)
            if (len(self.session.meeting.phases), self.clock.state) != before:
                self.mark_changed()
        else:
            self._index = index
        self.main.show_phase(self.current_index)

    def action_next_phase(self) -> None:
        if self.clock is not None:
            if self.clock.state is ClockState.FINISHED and self.clock.is_last:
                self.notify("The meeting has ended; ctrl+p and the agenda still show every phase.")
                return
            before = len(self.session.meeting.phases), self.clock.state
            self.clock.next()
            if (len(self.session.meeting.phases), self.clock.state) != before:
                self.mark_changed()
            if self.clock.state is ClockState.FINISHED:
                self.notify("The meeting has ended. ctrl+s saves the record.")
        else:
            self._index = min(self._index + 1, len(self.agenda.phases) - 1)
        self.main.show_phase(self.current_index)

    def action_previous_phase(self) -> None:
        self.go_to_phase(max(self.current_index - 1, 0))

    def action_go_to_phase(self) -> None:
        self.main.focus_agenda()

    @on(AgendaSidebar.PhaseChosen)
    def _phase_chosen(self, event: AgendaSidebar.PhaseChosen) -> None:
        self.go_to_phase(event.index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An async write-up has no clock: its key is hidden."""
        return not (action == "toggle_clock" and self.clock is None)

    def action_toggle_clock(self) -> None:
        if self.clock is None:
            self.notify("This is an async write-up: there is no meeting clock.")
            return
        if self.clock.state is ClockState.FINISHED:
            self.notify("The meeting has ended.")
            return
        self.clock.toggle()
        self.mark_changed()
        self.main.show_phase(self.current_index)

    def action_dissent(self) -> None:
        """Record a dissenting view, about whatever is under the cursor in the pane in view."""

        def done(entry: DissentEntry | None) -> None:
            if entry is not None:
                self.post_message(
                    EditRequested(add_dissent(self.session, entry.view, entry.holder, entry.about))
                )
                self.notify("Dissent recorded: it stays in the record and is shown at closing.")

        self.push_screen(DissentDialog(self.session, self.main.item_under_cursor()), done)

    def action_park(self) -> None:
        """Park a tangent in a line, without leaving the phase."""

        def done(text: str | None) -> None:
            if text is not None and text.strip():
                self.post_message(EditRequested(park(self.session, text.strip())))
                self.notify("Parked. The closing phase lists it.")

        self.push_screen(
            TextEntry("Park a tangent (the closing phase reviews the parking lot)"), done
        )

    def action_view_timeline(self) -> None:
        self.main.toggle_pane(Pane.TIMELINE, self.current_index)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.agenda, self.live))

    # ---- editing ---------------------------------------------------------------------------

    @on(EditRequested)
    def _edit_requested(self, message: EditRequested) -> None:
        message.stop()
        self._show_edit(self.history.do(self.session, message.edit))

    def action_undo(self) -> None:
        edit = self.history.undo(self.session)
        if edit is None:
            self.notify("Nothing to undo.", timeout=2)
        else:
            self._show_edit(edit)
            self.notify(f"Undid: {edit.label}", timeout=2)

    def action_redo(self) -> None:
        edit = self.history.redo(self.session)
        if edit is None:
            self.notify("Nothing to redo.", timeout=2)
        else:
            self._show_edit(edit)
            self.notify(f"Redid: {edit.label}", timeout=2)

    def _show_edit(self, edit: Edit) -> None:
        self.main.show_edit(edit)
        self.mark_changed()
        self.schedule_checks()

    # ---- guidance ---------------------------------------------------------------------------

    def schedule_checks(self) -> None:
        """Run the checks once typing pauses: each edit restarts a short timer."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self._run_checks)

    @work(thread=True, exclusive=True, group="checks", exit_on_error=False)
    def _run_checks(self) -> None:
        try:
            findings = run_checks(self.session, today=self.now().date(), agenda=self.agenda)
        except RuntimeError:  # the session changed under the scan; the next edit reschedules
            return
        self.call_from_thread(self._show_findings, findings)

    def _show_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.main.show_findings(findings)

    def action_findings(self) -> None:
        phase = self.agenda.phases[self.current_index]
        title = (
            phase.title if self.main.current_pane is phase.pane else self.main.current_pane.value
        )

        def chosen(finding: Finding | None) -> None:
            if finding is not None:
                self.main.reveal(finding)

        self.push_screen(FindingsScreen(self.findings, self.main.current_pane, title), chosen)

    # ---- exporting ---------------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the Markdown document beside the session, asking first about any secret."""
        found = secrets_in(self.session)
        if not found:
            self._export(redacted=False)
            return

        def chosen(choice: SecretsChoice | None) -> None:
            if choice is not None:
                self._export(redacted=choice == "redact")

        self.push_screen(SecretsDialog(describe_secrets(found)), chosen)

    def _export(self, *, redacted: bool) -> None:
        session = redact_session(self.session) if redacted else self.session
        target = document_path(self.path)
        try:
            write_atomic(target, to_markdown(session, self.agenda).encode("utf-8"))
        except StorageError as error:
            self.notify(error.message, title="Not exported", severity="error", markup=False)
            return
        note = " (secrets redacted)" if redacted else ""
        self.notify(f"Exported the document to {target}{note}", markup=False, timeout=6)

    # ---- saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        try:
            text = dumps_session(self.session)
        except StorageError as error:
            self.notify(error.message, title="Not saved", severity="error", markup=False)
            return
        self._write(text, self._changes)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _write(self, text: str, changes: int) -> None:
        try:
            write_atomic(self.path, text.encode("utf-8"))
        except StorageError as error:
            self.call_from_thread(self._save_failed, error)
        else:
            self.call_from_thread(self._saved, changes)

    def _saved(self, changes: int) -> None:
        self._saved_changes = changes
        self._refresh_header()
        self.notify(f"Saved {self.path}", markup=False, timeout=3)

    def _save_failed(self, error: StorageError) -> None:
        self.notify(error.message, title="Not saved", severity="error", markup=False, timeout=10)

    # ---- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        if not self.dirty:
            self.exit()
            return
        self.push_screen(QuitDialog(), self._quit_chosen)

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice == "discard":
            self.exit()
        elif choice == "save":
            if self.clock is not None:
                self.clock.pause()  # a reopened session resumes where the meeting left off
            try:
                save_session(self.session, self.path)
            except StorageError as error:
                self._save_failed(error)
                return
            self.exit()

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
from agenda.safety import Lock, Recovery, release_lock, remove_recovery
from agenda.storage import file_digest, write_atomic
from facilitator.dialogs.dissent import DissentDialog, DissentEntry
from facilitator.dialogs.file_dialogs import ErrorDialog, RecoveryDialog
from facilitator.dialogs.quit import QuitChoice, QuitDialog
from facilitator.dialogs.secrets import SecretsChoice, SecretsDialog
from facilitator.dialogs.text_entry import TextEntry
from facilitator.keys import KEYS
from facilitator.messages import EditRequested
from facilitator.saving import SavingMixin
from facilitator.screens.findings import FindingsScreen
from facilitator.screens.help import HelpScreen
from facilitator.screens.main import MainScreen
from facilitator.widgets.agenda_sidebar import AgendaSidebar

CHECK_DELAY = 0.4
"""Seconds after the last edit before the checks run again."""


class FacilitatorApp(SavingMixin, App[None]):
    """Runs one postmortem session; every edit goes through the one `Session` it owns."""

    CSS_PATH = "app.tcss"
    TITLE = "Postmortem Facilitator"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding(k.key, k.action, k.label, show=k.show, priority=k.action == "quit") for k in KEYS
    ]
    """ctrl+q works from any screen, dialogs too (and asks first when work is unsaved)."""

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
        digest: str | None = None,
        lock: Lock | None = None,
        recovery: Recovery | None = None,
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
        self.change_count = 1 if is_new else 0
        self.saved_change_count = 0
        self.recovery = recovery
        self._init_saving(digest, lock)

    # ---- state ------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.change_count != self.saved_change_count

    @property
    def current_index(self) -> int:
        return self.clock.index if self.clock is not None else self._index

    @property
    def main(self) -> MainScreen:
        return self._main

    def mark_changed(self) -> None:
        """Record that the session changed since the last save."""
        self.change_count += 1
        self.refresh_header()
        self.schedule_autosave()

    def refresh_header(self) -> None:
        if not self.dirty:
            state = "saved"
        elif self.autosaved_at is not None:
            state = f"autosaved {self.autosaved_at:%H:%M:%S}"
        else:
            state = "unsaved"
        if self.read_only_because is not None:
            state = "read-only"
        self.main.show_header(self.path, state=state)

    # ---- lifecycle -----------------------------------------------------------------------

    async def on_mount(self) -> None:
        today = self.now().date()
        self._main = MainScreen(self.session, self.agenda, self.clock, today)
        await self.push_screen(self._main)
        if self.start_clock and self.clock is not None:
            self.clock.start()
            self.change_count += 1
        elif self.clock is not None and self.clock.state is ClockState.PAUSED:
            self.notify("The meeting was under way: the clock is paused. ctrl+t resumes it.")
        if self.note:
            self.notify(self.note, markup=False, timeout=8)
        self.main.show_phase(self.current_index)
        self.refresh_header()
        self.call_after_refresh(self._run_checks)  # after the first frame, not before it
        if self.read_only_because is not None:
            self.show_error(
                f"{self.path.name} is open elsewhere: {self.read_only_because.describe()}. "
                "It opened read-only; f9 saves your copy as a new file. "
                "(facilitator FILE --ignore-lock opens it for editing anyway.)"
            )
        if self.recovery is not None:
            saved = f"{self.recovery.saved:%Y-%m-%d %H:%M:%S} UTC"
            dialog = RecoveryDialog(saved, self.recovery.changes)
            self.push_screen(dialog, self._recovery_chosen)

    def _recovery_chosen(self, restore: bool | None) -> None:
        recovery, self.recovery = self.recovery, None
        if recovery is None:
            return
        if restore:
            self.replace_session(recovery.session)
            self.change_count += 1
            self.notify("Restored the autosave; ctrl+s saves it to the file.")
        else:
            remove_recovery(self.path)
            self.notify("Discarded the autosave.")

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

    # ---- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        if isinstance(self.screen, QuitDialog):
            return
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
            on_disk = file_digest(self.path)
            if self.read_only_because is not None or on_disk not in (None, self.known_digest):
                self.action_save()  # asks first; quitting waits for a clean save
                return
            self._save_to(self.path, then=self.exit)

    def on_unmount(self) -> None:
        if self.read_only_because is None:
            release_lock(self.path)

    # ---- the file, replaced or broken ---------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.push_screen(ErrorDialog(message))

    def replace_session(self, session: Session) -> None:
        """Show another version of the session (reloaded or recovered) in place of this one."""
        self.session = session
        self.history = History()
        self.live = session.meeting.mode is MeetingMode.LIVE
        self.clock = MeetingClock(self.agenda, session.meeting, self.now) if self.live else None
        self._main = MainScreen(self.session, self.agenda, self.clock, self.now().date())
        self.switch_screen(self._main)
        self.call_after_refresh(self._show_phase_and_header)

    def _show_phase_and_header(self) -> None:
        self.main.show_phase(self.current_index)
        self.refresh_header()
        self._run_checks()

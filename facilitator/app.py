"""Provides the facilitator App: one Session and its SessionFile, the meeting clock, and the
workers that save, autosave, export, reload and check from snapshots.

Its first frame comes before the core is imported (facilitator/startup.py): what needs the core
is imported where it is used, by then a dictionary lookup."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.events import DescendantFocus
from textual.reactive import reactive
from textual.widgets import Input

from agenda.visible import visible
from facilitator import terminal_guard
from facilitator.display import Display
from facilitator.guidance import Guidance
from facilitator.keys import APP_KEYS, PALETTE_KEY
from facilitator.messages import ChecksDone, EditRequested, FileMessage, FolderRead
from facilitator.screens.loading import LoadingScreen
from facilitator.startup import Preview, open_session, utc_now

if TYPE_CHECKING:
    from collections.abc import Mapping

    from agenda.agendas import Agenda
    from agenda.checks import Finding
    from agenda.clock import MeetingClock, Now
    from agenda.document import Opened, SessionFile
    from agenda.errors import StorageError
    from agenda.history import Edit, History
    from agenda.model import Session
    from agenda.safety import Recovery
    from facilitator.file_keeping import FileKeeping
    from facilitator.messages import Loaded, LoadFailed
    from facilitator.screens.main import MainScreen
    from facilitator.survival import Survival

THREAD_JOB: dict[str, Any] = {"thread": True, "exclusive": True, "exit_on_error": False}
"""How every job runs: in a thread, replacing the one of its group still running."""


class FacilitatorApp(App[None]):
    """Runs one postmortem session; every edit goes through the one `Session` it owns."""

    CSS_PATH = "app.tcss"
    TITLE = "Postmortem Facilitator"
    COMMAND_PALETTE_BINDING = PALETTE_KEY.key
    SCREEN: ClassVar[type[MainScreen] | None] = None
    """The session's screen: None for MainScreen (loaded with the core); the follow view's own."""
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

    # Set once a worker has opened the session (facilitator/arrival.py), before `loaded`.
    session: Session
    agenda: Agenda
    document: SessionFile
    recovery: Recovery | None
    history: History
    clock: MeetingClock | None
    keeping: FileKeeping
    survival: Survival
    restored_drafts: Mapping[str, str]
    _main: MainScreen

    def __init__(
        self,
        source: Preview | Opened,
        *,
        now: Now | None = None,
        note: str = "",
        start_clock: bool = False,
        recover: bool = False,
        ignore_lock: bool = False,
        cursor_blink: bool = True,
        display: Display | None = None,
    ) -> None:
        super().__init__()
        terminal_guard.install()  # no control character in any widget reaches the terminal
        self.display_state = (display or Display.defaults()).apply(self)  # from the first frame
        self.cursor_blink = cursor_blink
        """False keeps text cursors still (for screen readers, recordings and snapshots)."""
        self.preview = source if isinstance(source, Preview) else Preview(source.file.path)
        self._opened = None if isinstance(source, Preview) else source  # the follow view's
        self.now: Now = now or utc_now
        self.note, self.start_clock = note, start_clock
        self._opening = {"recover": recover, "ignore_lock": ignore_lock}
        self.loaded = False
        """True once the session is open and the main screen shows it."""
        self.load_error: StorageError | None = None
        """Why the session could not be opened; the app has ended with it (the CLI says it)."""
        self.guidance = Guidance(self)
        if self._opened is not None:
            from facilitator.arrival import take_in

            take_in(self, self._opened)

    @property
    def path(self) -> Path:
        return self.document.path if self.loaded else self.preview.path

    @property
    def dirty(self) -> bool:
        return self.loaded and self.document.dirty

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
        from agenda.storage import snapshot

        return snapshot(self.session)

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """Every toast, from any widget: names and file names in it come from files."""
        super().notify(visible(message, multiline=True), title=visible(title), **options)

    # ---- lifecycle ---------------------------------------------------------------------------

    async def on_mount(self) -> None:
        """First the loading screen, then a worker opens the session (facilitator/startup.py)."""
        if self._opened is not None:
            from facilitator.arrival import show_opened

            await show_opened(self, self._opened)
            return
        await self.push_screen(LoadingScreen(self.preview))
        self.call_after_refresh(
            self.run_job, "load", open_session, self.preview.path, now=self.now, **self._opening
        )

    def on_load_failed(self, message: LoadFailed) -> None:
        self.load_error = message.error  # the CLI says it, with exit status 2
        self.exit(return_code=2)

    async def on_loaded(self, message: Loaded) -> None:
        from facilitator.arrival import show_opened

        await show_opened(self, message.opened)

    def make_clock(self, file: SessionFile | None) -> MeetingClock | None:
        from facilitator.arrival import live_clock

        return live_clock(self, file)

    def replace_session(self, session: Session) -> None:
        """Show another version of the session (reloaded or recovered) in place of this one."""
        from facilitator.arrival import replace_session

        replace_session(self, session)

    def watch_save_state(self, state: str) -> None:
        if hasattr(self, "_main"):
            self.main.show_header(self.path, state)

    async def on_event(self, event: events.Event) -> None:
        if self.loaded and isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self.survival.pressed()  # a form someone typed in holds drafts
        await super().on_event(event)

    def on_input_changed(self) -> None:
        """A key typed into any text counts for the autosave, submitted or not."""
        self.keeping.schedule_autosave()

    on_text_area_changed = on_input_changed  # by name: TextArea is not imported at start

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if not self.cursor_blink:  # tests: TextArea is not imported for the first frame (8 ms)
            from textual.widgets import TextArea

            if isinstance(event.widget, Input | TextArea):
                event.widget.cursor_blink = False

    # ---- editing ------------------------------------------------------------------------------

    def mark_changed(self) -> None:
        """Record that the session changed since the last save; autosave follows."""
        self.document.changed()
        self.keeping.show_state()
        self.keeping.schedule_autosave()

    def on_main_screen_meeting_changed(self) -> None:  # MainScreen.MeetingChanged
        self.mark_changed()

    def on_main_screen_mode_switched(self) -> None:  # MainScreen.ModeSwitched: live / async
        from facilitator.arrival import rebuild

        rebuild(self)

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
        from facilitator.panes.base import touches

        if touches(edit, "incident"):  # services, tags or the date: other earlier postmortems
            self.show_previous()

    # ---- guidance: the checks and last time's promises (facilitator/guidance.py) -------------

    @on(FolderRead)
    def _folder_read(self, message: FolderRead) -> None:
        self.guidance.folder_read(message.scan)

    def show_previous(self) -> None:
        self.guidance.show_previous()

    def schedule_checks(self) -> None:
        self.guidance.schedule_checks()

    def run_checks(self) -> None:
        from facilitator import jobs

        today, changes = self.now().date(), self.document.changes
        self.run_job("checks", jobs.check, self.snapshot(), changes, today, self.agenda)

    @on(ChecksDone)
    def _checks_done(self, message: ChecksDone) -> None:
        self.guidance.checks_done(message)

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
        """ctrl+q, from any screen: asks first when work is unsaved (facilitator/file_keeping)."""
        if self.loaded:
            self.keeping.quit()
        else:  # still opening: nothing is the user's yet
            self.exit()

    def show_error(self, message: str) -> None:
        from facilitator.dialogs.file_dialogs import ErrorDialog

        self.push_screen(ErrorDialog(message))

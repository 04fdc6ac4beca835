"""Provides what the app does once a worker has opened its session: the session's state, the
main screen in place of the loading screen, the clock, and the dialogs a file may need."""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Protocol

from agenda.agendas import Agenda, Pane
from agenda.checks import Finding
from agenda.clock import ClockState, MeetingClock, Now
from agenda.document import Opened, SessionFile
from agenda.history import History
from agenda.model import MeetingMode, Session
from agenda.safety import Recovery
from facilitator import jobs
from facilitator.display import Display
from facilitator.file_keeping import FileKeeping, Host
from facilitator.screens.main import MainScreen
from facilitator.survival import Kept, Survival


class Arriving(Host, Kept, Protocol):
    """What arriving needs of the app (the app imports this module, not the reverse)."""

    SCREEN: ClassVar[type[MainScreen] | None]
    session: Session
    agenda: Agenda
    document: SessionFile
    recovery: Recovery | None
    history: History
    clock: MeetingClock | None
    keeping: FileKeeping
    restored_drafts: Mapping[str, str]
    findings: tuple[Finding, ...]
    now: Now
    note: str
    start_clock: bool
    loaded: bool
    display_state: Display
    _main: MainScreen

    @property
    def survival(self) -> Survival: ...
    @survival.setter
    def survival(self, survival: Survival) -> None: ...
    def switch_screen(self, screen: Any) -> Any: ...
    def call_after_refresh(self, callback: Callable[..., Any], *args: Any) -> bool: ...
    def run_checks(self) -> None: ...
    def make_clock(self, file: SessionFile | None) -> MeetingClock | None: ...
    def show_previous(self) -> None: ...


def take_in(app: Arriving, opened: Opened) -> None:
    """Make the opened session the app's: its file, agenda, history and clock."""
    app.session = opened.session
    app.agenda = opened.agenda
    app.document = opened.file
    app.recovery = opened.recovery
    app.history = History()
    app.clock = app.make_clock(opened.file)
    app.keeping = FileKeeping(app)
    app.restored_drafts = opened.drafts
    app.survival = Survival(app)


async def show_opened(app: Arriving, opened: Opened) -> None:
    """Take the opened session in (unless it was given opened) and show it: what the app did
    before its first frame when opening came first."""
    if getattr(app, "session", None) is not opened.session:
        take_in(app, opened)
    screen, display = app.SCREEN or MainScreen, app.display_state
    app._main = screen(app.session, app.agenda, app.clock, app.now, display=display)
    if app.screen_stack[1:]:  # the loading screen
        await app.switch_screen(app._main)
    else:
        await app.push_screen(app._main)
    app.loaded = True
    if app.start_clock and app.clock is not None:
        app.clock.start()
        app.document.changed()
        await app.main.show_phase(app.main.phase)
    elif app.clock is not None and app.clock.state is ClockState.PAUSED:
        app.notify("The meeting was under way: the clock is paused. ctrl+t resumes it.")
    if app.note:
        app.notify(app.note, markup=False, timeout=8)
    app.keeping.show_state()
    app.call_after_refresh(app.run_checks)  # after the session shows, not before it
    app.call_after_refresh(app.run_job, "folder", jobs.read_folder, app.path)
    app.call_after_refresh(freeze)
    app.survival.start()  # the held-lock and autosave dialogs, the signal handlers
    app.keeping.watch()


def replace_session(app: Arriving, session: Session) -> None:
    """Show another version of the session (reloaded or recovered) in place of this one."""
    app.session = session
    app.history = History()
    rebuild(app)


def rebuild(app: Arriving) -> None:
    """A new meeting screen on the same phase (switched live / async, or replaced), showing
    the same pane with the cursor on the same item, and the keyboard where it was."""
    main = app.main
    phase, pane, under = main.phase, main.current_pane, main.item_under_cursor()
    app.clock = app.make_clock(None)
    screen = app.SCREEN or MainScreen
    display = app.display_state
    app._main = screen(app.session, app.agenda, app.clock, app.now, phase=phase, display=display)
    app.switch_screen(app._main)
    app._main.show_findings(list(app.findings))  # until the checks run again
    app.call_after_refresh(_show_replaced, app, pane, under)


async def _show_replaced(app: Arriving, pane: Pane, under: str) -> None:
    main = app.main
    if main.current_pane is not pane and pane is Pane.TIMELINE:
        await main.action_view_timeline()  # the timeline looked at from another phase (f2)
    if under:
        kind, _, item_id = under.partition(":")
        main.pane(main.current_pane).reveal(kind, item_id)
    app.keeping.show_state()
    app.run_checks()
    app.show_previous()


def live_clock(app: Arriving, file: SessionFile | None) -> MeetingClock | None:
    """A live meeting's clock (None for an async write-up)."""
    if app.session.meeting.mode is not MeetingMode.LIVE:
        return None
    last_seen = file.last_seen if file is not None else None
    return MeetingClock(app.agenda, app.session.meeting, app.now, last_seen=last_seen)


def freeze() -> None:
    """Move what loading made (the session, the modules, the widgets: 140,000 objects at
    5,000 events) out of the garbage collector's sight. Otherwise the allocations of every
    edit, snapshot and autosave set off full collections that walk them all, 170-450 ms on
    the UI thread; frozen, the longest stall after an edit stays within tens of milliseconds
    (`make bench`, "longest stall"). Frozen objects are never collected: a session replaced
    by a reload stays in memory, a price worth one file.

    The command turns collections off while it starts (cli.run_open): up to here they would
    walk the same objects a dozen times over for nothing (every one of them is kept)."""
    gc.freeze()
    gc.enable()

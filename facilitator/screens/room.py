"""Provides what makes the meeting screen work for a room watching a shared terminal, as the base
of `MainScreen`: the layout by width and the user's choice, presentation mode, the timekeeper
(time's up, +5 minutes, ELMO) and the voices of the room."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.binding import ActiveBinding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, OptionList, Static, Tree

from agenda.agendas import Pane
from agenda.analysis import park
from agenda.clock import ClockState, MeetingClock
from agenda.model import Session
from agenda.visible import visible
from agenda.voices import not_heard, tap_spoke
from facilitator.dialogs.voices import VoicesDialog
from facilitator.display import Display, SidebarMode, footer_when_narrow
from facilitator.messages import EditRequested
from facilitator.panes.base import PhasePane
from facilitator.presentation import Discussing, PresentationHead
from facilitator.timekeeper import EXTEND_MINUTES, TimeBanner, elmo_topic, move_on
from facilitator.widgets.agenda_sidebar import AgendaSidebar
from facilitator.widgets.phase_strip import PhaseStrip
from facilitator.widgets.text import show_text

NARROW_FOOTER = 100
"""Below this many columns the footer shows only the focused pane's keys, F1 and the palette."""
SMALL_HEIGHT = 30
"""Below this many lines dialogs drop their margins and take the whole screen."""
QUIET_PANES = (Pane.ANALYSIS, Pane.CLOSING)
"""Where the people the room has not heard yet are named ("encourage quiet participants")."""
TICK_SECONDS = 0.5
"""How often the timekeeper looks at the clock (it only redraws: the clock keeps the time)."""


class RoomScreen(Screen[None]):
    """The meeting screen as the room sees it; `MainScreen` adds the session's panes and the
    keys that move the meeting, and answers the hooks below."""

    def __init__(self, session: Session, clock: MeetingClock | None, display: Display) -> None:
        super().__init__()
        self.phase = 0
        """The index of the agenda phase the meeting is in (or the author is on, in async mode)."""
        self.session = session
        self.clock = clock
        self.display_state = display
        """The user's theme, presentation mode, sidebar and bell (kept between sessions)."""
        self._header: tuple[Path, str] | None = None

    # ---- hooks MainScreen answers -------------------------------------------------------------

    async def show_phase(self, index: int) -> None:
        raise NotImplementedError

    def show_header(self, path: Path, state: str) -> None:
        raise NotImplementedError

    def meeting_changed(self) -> None:
        """Tell the app the meeting record changed (it saves it)."""
        raise NotImplementedError

    def action_park(self) -> None:
        raise NotImplementedError

    # ---- the panes -----------------------------------------------------------------------------

    def pane(self, pane: Pane) -> PhasePane:
        return self.query_one(f"#{pane.value}", PhasePane)

    @property
    def current_pane(self) -> Pane:
        return Pane(self.query_one("#panes", ContentSwitcher).current or Pane.OPENING.value)

    def item_under_cursor(self) -> str:
        """A reference to the item the facilitator is on in the pane in view ("" for none)."""
        return self.pane(self.current_pane).item_under_cursor()

    # ---- layout and presentation ---------------------------------------------------------------

    def set_up_room(self) -> None:
        """On mount: the bell, presentation mode as last left, the layout, the timekeeper."""
        self.display_state.follow(self.app)
        self.query_one(TimeBanner).bell = self.display_state.settings.bell
        self.set_class(self.display_state.settings.presentation, "-presenting")
        self.lay_out()
        self.set_interval(TICK_SECONDS, self.tick)

    def on_resize(self, event: Resize) -> None:
        self.lay_out()

    def lay_out(self) -> None:
        """The sidebar or the one-line phase strip, by the width and the user's choice; on a
        small screen, dialogs take all of it (the app's ``-small`` class)."""
        width, height = self.app.size
        shown = self.display_state.sidebar_shown(width) and not self.has_class("-presenting")
        self.set_class(not shown, "-no-sidebar")
        self.set_class(width < NARROW_FOOTER, "-narrow")
        self.app.set_class(width < NARROW_FOOTER or height < SMALL_HEIGHT, "-small")
        self.refresh_bindings()
        if self._header is not None:
            self.show_header(*self._header)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Below 100 columns the footer keeps the focused pane's keys, F1 and the palette."""
        bindings = super().active_bindings
        if not self.has_class("-narrow"):
            return bindings
        return footer_when_narrow(bindings, [*self._bindings, *self.app._bindings])

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar, kept for next time; toggled back to what the width would
        choose, it follows the width again."""
        show = self.has_class("-no-sidebar")
        width_would = self.display_state.sidebar_shown(self.app.size.width, SidebarMode.AUTO)
        mode = SidebarMode.SHOWN if show else SidebarMode.HIDDEN
        self.display_state.change(sidebar=SidebarMode.AUTO if show == width_would else mode)
        self.lay_out()

    async def action_present(self) -> None:
        presenting = not self.has_class("-presenting")
        self.set_class(presenting, "-presenting")
        self.display_state.set_presentation(presenting)
        self.lay_out()
        await self.show_phase(self.phase)

    def use_bell(self, ring: bool) -> None:
        """Ring the terminal bell when a phase's time is up (or stop), kept for next time."""
        self.display_state.change(bell=ring)
        self.query_one(TimeBanner).bell = ring

    # ---- the timekeeper ------------------------------------------------------------------------

    def tick(self) -> None:
        """Twice a second: time's up, the marks of overrun phases, the large digits."""
        if self.query_one(TimeBanner).tick():
            self.query_one(AgendaSidebar).show(self.phase)
            self.query_one(PhaseStrip).show(self.phase)
        self.query_one(PresentationHead).update_time()

    async def action_extend(self) -> None:
        if self.clock is None or self.clock.state is not ClockState.RUNNING:
            self.notify("The clock is not running: there is no time box to extend.")
            return
        self.clock.extend(EXTEND_MINUTES)
        self.meeting_changed()
        await self.show_phase(self.phase)
        self.notify(f"{self.clock.phase.title}: +{EXTEND_MINUTES} minutes (in the record).")

    def action_elmo(self) -> None:
        """Enough, let's move on: park what is under the cursor and go to the next item."""
        topic = elmo_topic(self.session, self.item_under_cursor())
        if not topic:
            self.action_park()
            return
        self.post_message(EditRequested(park(self.session, topic)))
        move_on(self.focused, self.pane(self.current_pane), self.query_one(TimeBanner), topic)

    # ---- the room's voices, and the item under discussion --------------------------------------

    def show_discussed(self) -> None:
        """The item under discussion (presenting), and at analysis and closing the people the
        room has not heard yet."""
        quiet = self.query_one("#quiet", Static)
        names = not_heard(self.session) if self.current_pane in QUIET_PANES else []
        quiet.set_class(bool(names), "-shown")
        show_text(quiet, "Not heard yet: " + ", ".join(visible(n) for n in names) + "  (f10)")
        if self.has_class("-presenting"):
            self.query_one(Discussing).show_item(self.session, self.item_under_cursor())

    @on(DataTable.RowHighlighted)
    @on(Tree.NodeHighlighted)
    @on(OptionList.OptionHighlighted)
    def _cursor_moved(self) -> None:
        self.show_discussed()

    def action_voices(self) -> None:
        self.app.push_screen(VoicesDialog(self.session, self.tap_spoke))

    def tap_spoke(self, index: int) -> None:
        """Count that participant ``index`` spoke (the quiet ones are asked by name)."""
        self.post_message(EditRequested(tap_spoke(self.session, index)))

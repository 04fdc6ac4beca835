"""Provides the timekeeper's banner: time's up (extend by five minutes, or move on), and the
short notices the meeting keys leave, such as ELMO's."""

from __future__ import annotations

from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static, Tree

from agenda.clock import ClockState, MeetingClock, Pressure
from agenda.model import Session
from agenda.queries import item_text
from facilitator.widgets.text import show_text

EXTEND_MINUTES = 5
NOTICE_SECONDS = 8.0
"""How long a notice (ELMO's) stays in the banner."""


class TimeBanner(Static):
    """One line above the work: time's up for the phase, or a notice for the room."""

    DEFAULT_CSS = """
    TimeBanner {
        display: none;
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    TimeBanner.-times-up { display: block; background: $error; color: auto 90%; }
    TimeBanner.-notice { display: block; background: $secondary; color: auto 90%; }
    """

    def __init__(self, clock: MeetingClock | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.bell = False
        """Ring the terminal bell once when a phase's time is up."""
        self.times_up: str | None = None
        """The key of the phase whose time is up, while the banner says so."""
        self._rung: set[tuple[str, float]] = set()
        self._notice: Content | None = None
        self._notice_timer: Timer | None = None

    def tick(self) -> bool:
        """Look at the clock; True when the time's-up state changed (the agenda marks it)."""
        before = self.times_up
        reading = self.clock.reading() if self.clock is not None else None
        if (
            reading is not None
            and reading.state is ClockState.RUNNING
            and reading.pressure is Pressure.OVERRUN
        ):
            self.times_up = reading.phase.key
            announced = (reading.phase.key, reading.budget)
            if self.bell and announced not in self._rung:
                self.app.bell()
                self._rung.add(announced)
        else:
            self.times_up = None
        self._render_banner()
        return before != self.times_up

    def notice(self, text: Content) -> None:
        """Show ``text`` for a few seconds (or until the next notice)."""
        self._notice = text
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(NOTICE_SECONDS, self._end_notice)
        self._render_banner()

    def _end_notice(self) -> None:
        self._notice = None
        self._render_banner()

    @property
    def text(self) -> str:
        """What the banner says, for tests and logs ("" when hidden)."""
        return str(self.render()) if (self._notice or self.times_up) else ""

    def _render_banner(self) -> None:
        times_up = self.times_up is not None and self.clock is not None
        self.set_class(self._notice is not None, "-notice")
        self.set_class(self._notice is None and times_up, "-times-up")
        if self._notice is not None:
            show_text(self, self._notice)
        elif times_up and self.clock is not None:
            title = self.clock.phase.title
            show_text(
                self,
                Content.assemble(
                    f"⏰ Time's up for {title}.  ",
                    (f"f7: +{EXTEND_MINUTES} minutes", "reverse"),
                    "  or  ",
                    ("ctrl+n: move on", "reverse"),
                ),
            )
        else:
            show_text(self, "")


def elmo_topic(session: Session, ref: str) -> str:
    """What ELMO parks: the item under the cursor ("E12: the words"), or "" when none."""
    text = item_text(session, ref)
    return f"{ref.partition(':')[2]}: {' '.join(text.split())}" if text else ""


def move_on(focused: Widget | None, pane: Widget, banner: TimeBanner, topic: str) -> None:
    """After ELMO: the cursor on to the next item (the pane's table when the quick-add line has
    the keyboard) and the banner saying what was parked."""
    lists = [focused, *pane.query(DataTable)]
    target = next((w for w in lists if isinstance(w, DataTable | Tree | OptionList)), None)
    if target is not None:
        target.action_cursor_down()
    shown = topic if len(topic) <= 50 else topic[:49] + "…"
    banner.notice(Content(f"✋ ELMO: enough, let's move on. Parked {shown}"))

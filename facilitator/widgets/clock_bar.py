"""Provides the clock bar: phase and meeting time left, and the warning and overrun states."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from agenda.clock import ClockReading, ClockState, MeetingClock, Pressure, format_clock
from agenda.visible import visible
from facilitator.widgets.text import show_text


def describe(reading: ClockReading, phase_count: int, *, compact: bool = False) -> Content:
    """The clock bar's text for one reading; ``compact`` fits it in 80 columns."""
    phase = reading.phase
    position = f"{'' if compact else 'Phase '}{reading.index + 1}/{phase_count}"
    if reading.state is ClockState.FINISHED:
        return Content.assemble(
            ("■ Meeting ended", "bold"), f"  ·  {position}: ", visible(phase.title)
        )
    if reading.state is ClockState.NOT_STARTED:
        return Content.assemble(
            ("○ Not started", "bold"),
            f"  ·  {position}: ",
            (visible(phase.title), "bold"),
            f" ({phase.minutes} min)  ·  ctrl+t starts the clock",
        )
    state = ("⏸ PAUSED", "bold reverse") if reading.state is ClockState.PAUSED else ("▶", "bold")
    if reading.pressure is Pressure.OVERRUN:
        phase_part = (f"OVER BY {format_clock(-reading.phase_remaining)}", "bold")
    else:
        phase_part = (f"{format_clock(reading.phase_remaining)} left", "bold")
    meeting = reading.meeting_remaining
    meeting_part = (
        f"meeting {format_clock(meeting)}{'' if compact else ' left'}"
        if meeting >= 0
        else f"meeting over by {format_clock(-meeting)}"
    )
    added = round((reading.budget - phase.seconds) / 60)
    budget = f" ({phase.minutes} min{f' +{added}' if added > 0 else ''})"
    behind = round(reading.behind / 60)
    dot = " · " if compact else "  ·  "
    return Content.assemble(
        state,
        f" {position}: " if compact else f"  {position}: ",
        (visible(phase.title), "bold"),
        "" if compact else budget,
        dot,
        phase_part,
        dot,
        meeting_part,
        (f"{dot}we are {behind} min behind", "bold") if behind >= 1 else "",
    )


COMPACT_BELOW = 100
"""Below this many columns the bar drops words so the time and the debt stay in view."""


class ClockBar(Static):
    """Shows the meeting clock; refreshes twice a second from the clock, never counts ticks."""

    DEFAULT_CSS = """
    ClockBar {
        height: 1;
        padding: 0 1;
        background: $primary-muted;
        color: $text;
    }
    ClockBar.-warning { background: $warning; color: auto 90%; }
    ClockBar.-overrun { background: $error; color: auto 90%; text-style: bold; }
    ClockBar.-paused { background: $secondary-muted; }
    ClockBar.-finished { background: $surface; }
    """

    def __init__(self, clock: MeetingClock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock

    def on_mount(self) -> None:
        self.update_reading()
        self.set_interval(0.5, self.update_reading)

    def on_resize(self) -> None:
        self.update_reading()

    def update_reading(self) -> None:
        reading = self.clock.reading()
        compact = 0 < self.size.width < COMPACT_BELOW
        show_text(self, describe(reading, len(self.clock.agenda.phases), compact=compact))
        self.set_class(reading.pressure is Pressure.WARNING, "-warning")
        self.set_class(reading.pressure is Pressure.OVERRUN, "-overrun")
        self.set_class(reading.state is ClockState.PAUSED, "-paused")
        self.set_class(reading.state is ClockState.FINISHED, "-finished")

"""Provides presentation mode's pieces: the phase and its time left in large digits, the prompt
as a banner, and the item under discussion shown large."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from agenda.agendas import Agenda, Phase
from agenda.clock import ClockState, MeetingClock, Pressure, format_clock
from agenda.model import Session
from agenda.queries import item_text
from agenda.visible import visible
from facilitator.widgets.text import show_text


def prompt_line(phase: Phase, turn: int = 0) -> str:
    """The prompt the room reads: the phase's questions first, then what the facilitator says;
    ``turn`` steps through them."""
    lines = [*phase.ask, *phase.say]
    return lines[turn % len(lines)] if lines else ""


class PresentationHead(Vertical):
    """The top of the shared screen in presentation mode: phase, time left, prompt."""

    DEFAULT_CSS = """
    PresentationHead { display: none; height: auto; padding: 0 1; }
    PresentationHead > Horizontal { height: auto; }
    PresentationHead Digits { width: auto; margin-right: 2; }
    PresentationHead #present-phase { width: 1fr; height: 3; content-align: left middle; }
    PresentationHead #present-prompt {
        height: auto; padding: 0 2; margin: 1 0 0 0;
        background: $primary; color: auto 90%; text-style: bold;
    }
    PresentationHead.-overrun Digits { color: $error; }
    PresentationHead.-warning Digits { color: $warning; }
    """

    def __init__(self, agenda: Agenda, clock: MeetingClock | None, *, id: str | None = None):
        super().__init__(id=id)
        self.agenda = agenda
        self.clock = clock
        self.turn = 0
        """Which of the phase's prompts the banner shows (f6 is presentation; ] moves on)."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Digits("", id="present-time")
            yield Static(id="present-phase")
        yield Static(id="present-prompt")

    def show(self, index: int) -> None:
        phase = self.agenda.phases[index]
        position = f"Phase {index + 1}/{len(self.agenda.phases)}"
        show_text(
            self.query_one("#present-phase", Static),
            Content.assemble((phase.title, "bold"), f"\n{position}", ("   f6 leaves", "dim")),
        )
        prompt = prompt_line(phase, self.turn)
        show_text(self.query_one("#present-prompt", Static), Content(visible(prompt)))
        self.query_one("#present-prompt", Static).display = bool(prompt)
        self.update_time()

    def update_time(self) -> None:
        digits = self.query_one("#present-time", Digits)
        if self.clock is None:
            digits.display = False
            return
        reading = self.clock.reading()
        over = reading.phase_remaining < 0
        shown = format_clock(-reading.phase_remaining if over else reading.phase_remaining)
        digits.update(("+" if over else "") + shown)
        self.set_class(reading.pressure is Pressure.OVERRUN, "-overrun")
        self.set_class(reading.pressure is Pressure.WARNING, "-warning")
        self.set_class(reading.state is ClockState.PAUSED, "-paused")


class Discussing(Static):
    """The item the facilitator's cursor is on, in full and with room around it."""

    DEFAULT_CSS = """
    Discussing {
        display: none;
        height: auto;
        max-height: 40%;
        padding: 1 2;
        border-top: tall $accent;
        background: $boost;
        text-style: bold;
    }
    """

    def show_item(self, session: Session, ref: str) -> None:
        text = item_text(session, ref) if ref else ""
        _, _, item_id = ref.partition(":")
        if not text:
            show_text(self, Content("Nothing selected: the cursor picks the item to discuss."))
            return
        show_text(self, Content.assemble((f"{item_id}  ", "$text-accent"), visible(text)))

"""Provides the agenda sidebar: phases with budgets, the current one marked, done ones ticked."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from agenda.agendas import Agenda, Phase
from agenda.clock import MeetingClock
from agenda.sections import Part
from agenda.visible import visible
from facilitator.widgets.phase_strip import phase_marks

SectionFilled = Callable[[Phase], bool]
DocumentParts = Callable[[], list[Part]]
PART = "part:"
"""The option id of a part of the document (async write-ups): part:KEY."""


class AgendaSidebar(OptionList):
    """Lists the agenda; choosing a phase asks the app to go there."""

    DEFAULT_CSS = """
    AgendaSidebar {
        width: 28;
        height: 1fr;
        border: none;
        border-right: tall $primary-muted;
        padding: 0;
    }
    AgendaSidebar:focus {
        border: none;
        border-right: tall $accent;
    }
    """

    class PhaseChosen(Message):
        """The facilitator chose a phase in the sidebar."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self,
        agenda: Agenda,
        clock: MeetingClock | None,
        filled: SectionFilled,
        *,
        parts: DocumentParts | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.agenda = agenda
        self.clock = clock
        self.filled = filled
        self.parts = parts if clock is None else None
        """An async write-up's parts of the document, filled or missing, under the phases."""
        self.current = 0

    def on_mount(self) -> None:
        self.set_options(
            Option(self._prompt(i, phase), id=phase.key)
            for i, phase in enumerate(self.agenda.phases)
        )
        if self.parts is not None:
            heading = Content.assemble(("\nWhat a reader needs", "bold"))
            self.add_option(Option(heading, disabled=True))
            self.add_options(Option(part_prompt(p), id=f"{PART}{p.key}") for p in self.parts())

    def show(self, current: int) -> None:
        """Re-render every phase's line for the current phase and the clock's records (and,
        alone, what the document has and still needs)."""
        self.current = current
        for index, phase in enumerate(self.agenda.phases):
            self.replace_option_prompt_at_index(index, self._prompt(index, phase))
        for part in self.parts() if self.parts is not None else ():
            self.replace_option_prompt(f"{PART}{part.key}", part_prompt(part))
        self.highlighted = current

    def _prompt(self, index: int, phase: Phase) -> Content:
        if self.clock is not None:
            mark, style = phase_marks(self.agenda, self.clock, self.current)[index]
        elif index == self.current:
            mark, style = "▶", "bold $text-accent"
        elif self.filled(phase):
            mark, style = "✓", "$text-success"
        else:
            mark, style = "○", "$text-muted"
        if self.clock is not None:
            detail = f"{phase.minutes} min"
            added = self.clock.extended_minutes(phase.key)
            if added:
                detail += f" +{added}"
            if self.clock.overran(phase):
                spent = self.clock.phase_elapsed(phase.key) / 60
                detail += f" · over: ran {spent:.0f}"
        else:
            detail = "filled" if self.filled(phase) else "empty"
        if len({p.sitting for p in self.agenda.phases}) > 1:
            detail = f"session {phase.sitting} · {detail}"
        return Content.assemble(
            (f"{mark} ", style),
            (visible(phase.title), "bold" if index == self.current else ""),
            "\n",
            (f"  {detail}", "$text-muted"),
        )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if (event.option.id or "").startswith(PART) and self.parts is not None:
            key = (event.option.id or "").removeprefix(PART)
            pane = next(p.pane for p in self.parts() if p.key == key)
            index = next(i for i, p in enumerate(self.agenda.phases) if p.pane is pane)
        self.post_message(self.PhaseChosen(index))


def part_prompt(part: Part) -> Content:
    """✓ for a part written, ✗ and what to write for one still missing."""
    if part.filled:
        return Content.assemble(("✓ ", "$text-success"), part.label)
    return Content.assemble(("✗ ", "bold $text-error"), (part.label, "bold"))

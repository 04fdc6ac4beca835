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
from agenda.visible import visible

SectionFilled = Callable[[Phase], bool]


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
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.agenda = agenda
        self.clock = clock
        self.filled = filled
        self.current = 0

    def on_mount(self) -> None:
        self.set_options(
            Option(self._prompt(i, phase), id=phase.key)
            for i, phase in enumerate(self.agenda.phases)
        )

    def show(self, current: int) -> None:
        """Re-render every phase's line for the current phase and the clock's records."""
        self.current = current
        for index, phase in enumerate(self.agenda.phases):
            self.replace_option_prompt_at_index(index, self._prompt(index, phase))
        self.highlighted = current

    def _prompt(self, index: int, phase: Phase) -> Content:
        if index == self.current:
            mark, style = "▶", "bold $accent"
        elif (self.clock is not None and self.clock.is_done(phase.key)) or (
            self.clock is None and self.filled(phase)
        ):
            mark, style = "✓", "$text-success"
        else:
            mark, style = "○", "$text-muted"
        if self.clock is not None:
            detail = f"{phase.minutes} min"
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
        self.post_message(self.PhaseChosen(event.option_index))

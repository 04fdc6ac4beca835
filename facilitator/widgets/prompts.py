"""Provides the prompt panel: what the facilitator says and asks in the current phase."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from agenda.agendas import Phase
from agenda.visible import visible


def prompt_grid(phase: Phase) -> Table:
    """Say / Ask lines with a hanging indent; agenda text is shown literally."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for label, style, lines in (("Say", "bold cyan", phase.say), ("Ask", "bold yellow", phase.ask)):
        for number, line in enumerate(lines):
            grid.add_row(Text(label if number == 0 else "", style=style), "•", Text(visible(line)))
    if not phase.say and not phase.ask:
        grid.add_row("", "", Text("No prompts for this phase."))
    return grid


class PromptPanel(Static):
    """The current phase's facilitator prompts, taken from the agenda file."""

    DEFAULT_CSS = """
    PromptPanel {
        height: auto;
        max-height: 30%;
        padding: 0 1;
        border-top: tall $primary-muted;
        background: $boost;
    }
    """

    def show(self, phase: Phase) -> None:
        self.border_title = Content(f"{visible(phase.title)}: prompts")
        self.update(prompt_grid(phase))

"""Provides the prompt panel: what the facilitator says and asks in the current phase."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from agenda.agendas import Phase
from agenda.visible import visible
from facilitator.tones import Tone, tone


def prompt_grid(phase: Phase) -> Table:
    """Say / Ask lines with a hanging indent; agenda text is shown literally."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    say, ask = tone(Tone.HEADING, bold=True), tone(Tone.ACCENT, bold=True)
    for label, style, lines in (("Say", say, phase.say), ("Ask", ask, phase.ask)):
        for number, line in enumerate(lines):
            grid.add_row(Text(label if number == 0 else "", style=style), "•", Text(visible(line)))
    if not phase.say and not phase.ask:
        grid.add_row("", "", Text("No prompts for this phase."))
    return grid


class PromptPanel(VerticalScroll):
    """The current phase's facilitator prompts, taken from the agenda file.

    Its height is capped so the pane keeps the room, so it scrolls: Tab reaches it and the
    arrows show the prompts below (the last ones, the dissent prompt among them, used to be cut
    off); its title says when some are out of view."""

    DEFAULT_CSS = """
    PromptPanel {
        height: auto;
        max-height: 30%;
        padding: 0 1;
        border-top: tall $primary-muted;
        background: $boost;
        scrollbar-size-vertical: 1;
    }
    PromptPanel:focus {
        border-top: tall $accent;
    }
    PromptPanel > Static {
        height: auto;
    }
    """

    _title = ""
    _phase: Phase | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="prompt-text")

    def show(self, phase: Phase) -> None:
        self._title, self._phase = phase.title, phase
        self._show_more()
        self.query_one("#prompt-text", Static).update(prompt_grid(phase))
        self.scroll_home(animate=False)
        self.call_after_refresh(self._show_more)

    def restyle(self) -> None:
        """The same prompts in the running theme's colours, scrolled where they were."""
        if self._phase is not None:
            self.query_one("#prompt-text", Static).update(prompt_grid(self._phase))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._show_more()

    def _show_more(self) -> None:
        hidden = self.max_scroll_y - round(self.scroll_y)
        more = f"  ({hidden} more below: Tab here, ↓)" if hidden > 0 else ""
        self.border_title = Content(f"{visible(self._title)}: prompts{more}")

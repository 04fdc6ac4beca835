"""Provides the findings panel: what the checks noticed, for this phase or the whole session."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from agenda.agendas import Pane
from agenda.checks import Finding, Severity, pane_of
from agenda.visible import visible

MARKS = {
    Severity.ERROR: ("✖", "bold $text-error"),
    Severity.WARNING: ("⚠", "bold $text-warning"),
    Severity.INFO: ("ℹ", "$text-muted"),
}


def finding_prompt(finding: Finding) -> Content:
    mark, style = MARKS[finding.severity]
    return Content.assemble(
        (f"{mark} ", style),
        (f"{visible(finding.item):<12}", "bold"),
        f" {visible(finding.message)}\n",
        (f"  → {visible(finding.suggestion)}", "$text-muted"),
    )


class FindingsScreen(ModalScreen[Finding | None]):
    """Tab switches between this phase's findings and the whole session's; Enter goes there."""

    BINDINGS = [
        Binding("escape,f3", "dismiss(None)", "Close"),
        Binding("tab", "toggle_scope", "This phase / all", priority=True),
    ]

    def __init__(self, findings: list[Finding], pane: Pane, phase_title: str) -> None:
        super().__init__()
        self.findings = findings
        self.pane = pane
        self.phase_title = phase_title
        self.whole_session = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog findings"):
            yield Label("", id="findings-title", classes="dialog-title")
            yield OptionList(id="findings-list")
            yield Static(
                "Enter goes to the item · Tab: this phase / whole session · Esc closes",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._fill()

    def shown(self) -> list[Finding]:
        if self.whole_session:
            return self.findings
        return [f for f in self.findings if pane_of(f) is self.pane]

    def _fill(self) -> None:
        shown = self.shown()
        scope = "the whole session" if self.whole_session else f"{self.phase_title}"
        self.query_one("#findings-title", Label).update(
            Content(f"{len(shown)} finding{'s' if len(shown) != 1 else ''} in {scope}")
        )
        options = self.query_one("#findings-list", OptionList)
        options.set_options(Option(finding_prompt(f)) for f in shown)
        if not shown:
            options.add_option(Option(Content("Nothing to flag here."), disabled=True))
        else:
            options.highlighted = 0
        options.focus()

    def action_toggle_scope(self) -> None:
        self.whole_session = not self.whole_session
        self._fill()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        shown = self.shown()
        if 0 <= event.option_index < len(shown):
            self.dismiss(shown[event.option_index])

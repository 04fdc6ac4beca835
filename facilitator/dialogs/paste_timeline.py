"""Provides the paste dialog: a timeline pasted from a doc, chat or a tool's export, checked line
by line before the import preview shows what it would add."""

from __future__ import annotations

from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from agenda.sources.read import read_pasted
from agenda.sources.records import Parsed, Problem, ReadOptions
from agenda.visible import visible
from facilitator.widgets.text import FieldError


class PasteTimeline(ModalScreen[Parsed | None]):
    """Unreadable lines are listed with their numbers; nothing is dropped without being shown."""

    BINDINGS = [("escape", "dismiss(None)", "Cancel"), ("ctrl+s", "import_lines", "Import")]

    def __init__(self, *, day: date, previous: datetime | None, text: str = "") -> None:
        super().__init__()
        self.day = day
        self.previous = previous
        self.text = text
        self._checked: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog paste"):
            yield Label("Paste a timeline: one event a line", classes="dialog-title")
            yield Static(
                "14:00 — Deploy v2.3.1 · | 14:02 | Timeouts | · **14:05** Paged · ~14:10 Roll "
                "back · 2024-01-15T14:32:00Z Alert — or CSV, git log, shell history, PagerDuty, "
                "Alertmanager, Opsgenie or GitHub JSON",
                classes="hint",
                markup=False,
            )
            yield TextArea(self.text, id="pasted", soft_wrap=False)
            with VerticalScroll(id="problems-box"):
                yield FieldError(id="problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import (ctrl+s)", id="import", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self._checked = None
        self.query_one("#import", Button).label = "Import (ctrl+s)"

    @on(Button.Pressed, "#import")
    def action_import_lines(self) -> None:
        text = self.query_one("#pasted", TextArea).text
        options = ReadOptions(day=self.day, previous=self.previous)
        result = read_pasted(text, options)
        if not result.records and not result.problems:
            self.query_one("#problems", FieldError).say("Nothing to import yet: paste some lines.")
            return
        if result.problems and self._checked != text:
            self._checked = text
            lines = [_problem_line(p) for p in result.problems]
            self.query_one("#problems", FieldError).say(
                f"{len(result.problems)} line(s) cannot be read; fix them above, or import the "
                f"{len(result.records)} readable record(s) and leave them out:\n" + "\n".join(lines)
            )
            self.query_one("#import", Button).label = f"Import {len(result.records)} anyway"
            return
        self.dismiss(result)


def _problem_line(problem: Problem) -> str:
    where = f"line {problem.line}" if problem.line else problem.path or "pasted"
    return f"{where}: {visible(problem.text.strip()[:60])} — {problem.message}"

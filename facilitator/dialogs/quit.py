"""Provides the quit dialog shown when the session has unsaved changes."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

QuitChoice = Literal["save", "discard"]


class QuitDialog(ModalScreen[QuitChoice | None]):
    """Save and quit, quit without saving, or stay."""

    BINDINGS = [
        ("escape", "dismiss(None)", "Stay"),
        ("s", "choose('save')", "Save and quit"),
        ("d", "choose('discard')", "Quit without saving"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("The session has unsaved changes.", classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save and quit (s)", id="save", variant="primary")
                yield Button("Quit without saving (d)", id="discard", variant="error")
                yield Button("Stay (Esc)", id="stay")

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.dismiss("save")
        elif event.button.id == "discard":
            self.dismiss("discard")
        else:
            self.dismiss(None)

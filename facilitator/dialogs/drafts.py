"""Provides the dialog that offers back text typed into a form before the app stopped."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from agenda.visible import visible


class DraftsDialog(ModalScreen[None]):
    """Text from forms that were open when the app stopped, to copy where it belongs."""

    BINDINGS = [("escape", "dismiss(None)", "Close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog paste"):
            yield Label("Typed in a form, not yet saved", classes="dialog-title")
            yield Static(
                "These forms were open when the app stopped. Select what you need (shift+arrows), "
                "ctrl+c copies it; reopen the form and paste it there.",
                classes="hint",
                markup=False,
            )
            yield TextArea(
                visible(self.text, multiline=True), id="drafts", read_only=True, soft_wrap=True
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (Esc)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

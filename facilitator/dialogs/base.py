"""Provides what every form dialog shares: Escape and Cancel dismiss it, ctrl+s saves it."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button

ResultT = TypeVar("ResultT")


def form_buttons(save_label: str) -> Horizontal:
    """The row under a form: its save button, then Cancel."""
    return Horizontal(
        Button(save_label, id="save", variant="primary"),
        Button("Cancel (Esc)", id="cancel"),
        classes="dialog-buttons",
    )


class FormScreen(ModalScreen[ResultT]):
    """A modal form; subclasses implement `action_save` and dismiss with what was entered."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

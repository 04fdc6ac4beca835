"""Provides what every form dialog shares: Escape and Cancel dismiss it, ctrl+s saves it."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, TextArea

ResultT = TypeVar("ResultT")


def form_buttons(save_label: str) -> Horizontal:
    """The row under a form: its save button, then Cancel."""
    return Horizontal(
        Button(save_label, id="save", variant="primary"),
        Button("Cancel (Esc)", id="cancel"),
        classes="dialog-buttons",
    )


class FormScreen(ModalScreen[ResultT]):
    """A modal form; subclasses implement `action_save` and dismiss with what was entered.
    Escape (or Cancel) on a form whose text was changed asks before it throws that away."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    _shown: dict[str, str] | None = None

    def on_mount(self) -> None:
        self._shown = self._texts()

    def _texts(self) -> dict[str, str]:
        fields = [*self.query(Input), *self.query(TextArea)]
        return {
            f"{field.id or index}": field.value if isinstance(field, Input) else field.text
            for index, field in enumerate(fields)
        }

    def action_cancel(self) -> None:
        if self._shown is None or self._texts() == self._shown:
            self.dismiss(None)
            return
        from facilitator.dialogs.choice import Choice, ChoiceDialog

        def chosen(choice: bool | None) -> None:
            if choice:
                self.dismiss(None)

        question = ChoiceDialog(
            "Throw away what you typed in this form?",
            "",
            [Choice("d", "Throw it away", True, "error")],
            cancel="Keep editing",
        )
        self.app.push_screen(question, chosen)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        raise NotImplementedError

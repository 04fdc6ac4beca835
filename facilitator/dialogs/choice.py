"""Provides ChoiceDialog: a question with a few answers, each a button and a key."""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from agenda.visible import visible

ChoiceT = TypeVar("ChoiceT")


class Choice(NamedTuple, Generic[ChoiceT]):
    key: str
    """The key that picks it (shown on its button)."""
    label: str
    value: ChoiceT
    variant: str = "default"
    """The button's look: primary for the safe answer, error for the one that loses work."""


class ChoiceDialog(ModalScreen[ChoiceT | None]):
    """Ask, and dismiss with the value of the answer picked (None for Escape or Cancel)."""

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[Choice[ChoiceT]],
        *,
        cancel: str | None = "Cancel",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.cancel = cancel
        for choice in choices:
            self._bindings.bind(choice.key, f"choose({choices.index(choice)})", choice.label)
        if cancel is not None:
            self._bindings.bind("escape", "dismiss(None)", cancel)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # Messages quote file names and values from files: control characters made visible.
            yield Label(Content(visible(self.title_text)), classes="dialog-title")
            if self.message:
                yield Static(Content(visible(self.message, multiline=True)), id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for index, choice in enumerate(self.choices):
                    label = f"{choice.label} ({choice.key})"
                    yield Button(label, id=f"choice-{index}", variant=choice.variant)  # type: ignore[arg-type]
                if self.cancel is not None:
                    yield Button(f"{self.cancel} (Esc)", id="cancel")

    def action_choose(self, index: int) -> None:
        self.dismiss(self.choices[index].value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith("choice-"):
            self.action_choose(int(button.removeprefix("choice-")))
        else:
            self.dismiss(None)

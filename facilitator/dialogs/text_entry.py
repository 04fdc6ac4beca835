"""Provides a small dialog that asks for one piece of text, checked before it is accepted."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, TextArea

from agenda.visible import visible
from facilitator.dialogs.base import FormScreen, form_buttons
from facilitator.widgets.text import FieldError

Validator = Callable[[str], str]
"""Returns why the text is not acceptable, or "" when it is."""


class TextEntry(FormScreen[str | None]):
    """One line (Enter saves) or several (ctrl+s saves); Escape cancels."""

    def __init__(
        self,
        prompt: str,
        value: str = "",
        *,
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> None:
        super().__init__()
        self.prompt = prompt
        self.value = value
        self.multiline = multiline
        self.validate = validate

    @property
    def draft_field(self) -> str:
        """What its text is, for a draft offered back after a crash: the prompt, without the
        hint after it ("Trigger", not "Trigger (ctrl+s saves)")."""
        return self.prompt.split(" (")[0].split(":")[0].strip() or "text"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form text-entry"):
            yield Label(Content(visible(self.prompt)), classes="dialog-title")
            if self.multiline:
                yield TextArea(self.value, id="entry", soft_wrap=True)
            else:
                yield Input(self.value, id="entry")
            yield FieldError(id="entry-error")
            yield form_buttons("Save (ctrl+s)" if self.multiline else "Save (Enter)")

    def on_mount(self) -> None:
        self.query_one("#entry").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        entry = self.query_one("#entry")
        text = entry.text if isinstance(entry, TextArea) else entry.value  # type: ignore[attr-defined]
        problem = self.validate(text) if self.validate else ""
        if problem:
            self.query_one("#entry-error", FieldError).say(problem)
            return
        self.dismiss(text)

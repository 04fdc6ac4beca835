"""Provides the question asked before exporting a document that contains secrets."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

SecretsChoice = Literal["redact", "allow"]


class SecretsDialog(ModalScreen[SecretsChoice | None]):
    """Redact them, export them anyway, or go and remove them."""

    BINDINGS = [
        ("escape", "dismiss(None)", "Cancel"),
        ("r", "choose('redact')", "Redact"),
        ("a", "choose('allow')", "Export anyway"),
    ]

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("The document would contain secrets", classes="dialog-title")
            yield Static(Content(f"Found: {self.where}."))
            yield Static(
                "Redact replaces each one by [REDACTED] in the document; the session keeps them "
                "(remove and rotate them there).",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Redact (r)", id="redact", variant="primary")
                yield Button("Export anyway (a)", id="allow", variant="error")
                yield Button("Cancel (Esc)", id="cancel")

    def action_choose(self, choice: SecretsChoice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("redact", "allow") else None)  # type: ignore[arg-type]

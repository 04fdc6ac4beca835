"""Provides the dialogs about the session file: external changes, failed saves, recovery, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

ExternalChangeChoice = Literal["overwrite", "save_as", "reload"]


class ExternalChange(ModalScreen[ExternalChangeChoice | None]):
    """The file changed on disk since it was opened: never a silent clobber."""

    BINDINGS = [
        ("escape", "dismiss(None)", "Cancel"),
        ("o", "choose('overwrite')", "Overwrite"),
        ("a", "choose('save_as')", "Save as"),
        ("r", "choose('reload')", "Reload"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("The file changed on disk", classes="dialog-title")
            yield Static(
                Content(
                    f"{self.path} was changed since you opened it (a git pull, another editor, "
                    "another copy of the app). Saving now would replace that change."
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Overwrite it (o)", id="overwrite", variant="error")
                yield Button("Save as… (a)", id="save_as", variant="primary")
                yield Button("Reload it (r)", id="reload")
                yield Button("Cancel (Esc)", id="cancel")

    def action_choose(self, choice: ExternalChangeChoice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("overwrite", "save_as", "reload") else None)  # type: ignore[arg-type]


class SaveFailed(ModalScreen[str | None]):
    """Why it could not be saved, and where to save it instead."""

    BINDINGS = [("escape", "dismiss(None)", "Cancel")]

    def __init__(self, message: str, suggestion: str) -> None:
        super().__init__()
        self.message = message
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label("Save as", classes="dialog-title")
            yield Static(Content(self.message), id="save-message")
            yield Label("New file")
            yield Input(self.suggestion, id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save here (Enter)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        target = self.query_one("#path", Input).value.strip()
        self.dismiss(target or None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class RecoveryDialog(ModalScreen[bool | None]):
    """An autosave newer than the file: restore it (True) or discard it (False)."""

    BINDINGS = [("r", "dismiss(True)", "Restore"), ("d", "dismiss(False)", "Discard")]

    def __init__(self, saved: str, changes: str) -> None:
        super().__init__()
        self.saved = saved
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Unsaved work was recovered", classes="dialog-title")
            yield Static(
                Content(
                    f"An autosave from {self.saved} is newer than the file. It has: {self.changes}."
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore it (r)", id="restore", variant="primary")
                yield Button("Discard it (d)", id="discard", variant="error")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "restore")


class ErrorDialog(ModalScreen[None]):
    """Something could not be done; the message says what and where."""

    BINDINGS = [("escape,enter", "dismiss(None)", "Close")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Cannot do that", classes="dialog-title")
            yield Static(Content(self.message), id="error-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (Enter)", id="ok")

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)

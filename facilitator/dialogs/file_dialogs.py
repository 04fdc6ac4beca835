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

from agenda.visible import visible
from facilitator.dialogs.choice import Choice, ChoiceDialog

ExternalChangeChoice = Literal["overwrite", "save_as", "reload"]


class ExternalChange(ChoiceDialog[ExternalChangeChoice]):
    """The file changed on disk since it was opened: never a silent clobber."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            "The file changed on disk",
            f"{path} was changed since you opened it (a git pull, another editor, another "
            "copy of the app). Saving now would replace that change.",
            [
                Choice("o", "Overwrite it", "overwrite", "error"),
                Choice("a", "Save as…", "save_as", "primary"),
                Choice("r", "Reload it", "reload"),
            ],
        )


DiskChoice = Literal["reload", "keep", "save_as"]


class DiskChangedDialog(ChoiceDialog[DiskChoice]):
    """Someone else changed the file: nothing is merged, the user picks a version. Reloading
    over unsaved edits takes ctrl+r, so a key typed just as this appears cannot lose them."""

    def __init__(self, name: str, *, unsaved: bool) -> None:
        choices: list[Choice[DiskChoice]]
        if unsaved:
            message = (
                f"{name} was changed by someone else (a git pull, another editor, "
                "import-timeline), and you have changes that are not saved. Nothing is merged: "
                "keep yours (saving will ask again), save yours as a new file, or load theirs "
                "and lose yours."
            )
            choices = [
                Choice("k", "Keep mine", "keep", "primary"),
                Choice("a", "Save mine as…", "save_as"),
                Choice("ctrl+r", "Reload, losing my changes", "reload", "error"),
            ]
        else:
            message = (
                f"{name} was changed by someone else (a git pull, another editor, "
                "import-timeline). You have no unsaved changes: reload shows their version."
            )
            choices = [
                Choice("r", "Reload", "reload", "primary"),
                Choice("k", "Keep showing this version", "keep"),
            ]
        super().__init__("The file changed on disk", message, choices, cancel=None)
        self._bindings.bind("escape", "dismiss('keep')", "Keep", show=False)


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
            yield Static(Content(visible(self.message, multiline=True)), id="save-message")
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


class RecoveryDialog(ChoiceDialog[bool]):
    """An autosave that differs from the file: restore it (True) or discard it (False)."""

    def __init__(self, saved: str, changes: str) -> None:
        super().__init__(
            "Unsaved work was recovered",
            f"An autosave from {saved} differs from the file. It has: {changes}.",
            [Choice("r", "Restore it", True, "primary"), Choice("d", "Discard it", False, "error")],
            cancel=None,
        )


class ErrorDialog(ChoiceDialog[None]):
    """Something could not be done; the message says what and where."""

    def __init__(self, message: str) -> None:
        super().__init__(
            "Cannot do that", message, [Choice("enter", "OK", None, "primary")], cancel=None
        )
        self._bindings.bind("escape", "dismiss(None)", "Close", show=False)

"""Provides the quit dialog shown when the session has unsaved changes."""

from __future__ import annotations

from typing import Literal

from facilitator.dialogs.choice import Choice, ChoiceDialog

QuitChoice = Literal["save", "discard"]


class QuitDialog(ChoiceDialog[QuitChoice]):
    """Save and quit, quit without saving, or stay."""

    def __init__(self) -> None:
        super().__init__(
            "The session has unsaved changes.",
            "",
            [
                Choice("s", "Save and quit", "save", "primary"),
                Choice("d", "Quit without saving", "discard", "error"),
            ],
            cancel="Stay",
        )

"""Provides the messages panes send up to the app, which owns the session and its history."""

from __future__ import annotations

from textual.message import Message

from agenda.history import Edit


class EditRequested(Message):
    """A pane asks the app to apply an undoable edit to the session."""

    def __init__(self, edit: Edit) -> None:
        super().__init__()
        self.edit = edit

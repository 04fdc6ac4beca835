"""Provides the quick-add line, which hands a multi-line paste to the paste dialog instead of
keeping only its first line (what a plain Input does)."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class QuickAddInput(Input):
    """One event a line; a pasted block of lines goes to the paste dialog whole."""

    class PastedLines(Message):
        """Several lines were pasted into the quick-add line."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def on_paste(self, event: events.Paste) -> None:
        # Textual calls Input's own paste handler after this one (calling it from here too
        # inserted a one-line paste twice); preventing the default is how a block skips it.
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            self.post_message(self.PastedLines(event.text))

"""Provides the quick-add line, which hands a multi-line paste to the paste dialog instead of
keeping only its first line (what a plain Input does), and submits a line at its Enter even
when the next keys come at once."""

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

    async def key_enter(self, event: events.Key) -> None:
        """Enter is handled here, in turn with the keys around it. Input's own Enter is a
        binding, run once the key has bubbled up to the app: keys typed just after it (a
        burst from a script or a paste without bracketed paste, a fast typist on a busy app)
        reached the line first, and two events came out as one ("Third14:09 Fourth")."""
        event.stop()
        event.prevent_default()
        await self.action_submit()

    async def action_submit(self) -> None:
        """Take the line's text and hand it on: the line is empty for the next keys at once.
        Text the pane cannot add comes back with `give_back`."""
        line = self.value
        self.value = ""
        self.post_message(self.Submitted(self, line))

    def give_back(self, text: str) -> None:
        """Put back a submitted line that could not be added, before what was typed since."""
        self.value = text + self.value
        self.cursor_position = len(text)

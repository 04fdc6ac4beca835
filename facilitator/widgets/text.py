"""Provides helpers that turn user text into literal renderables (never markup)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Input, Static

from agenda.model import format_duration
from agenda.visible import visible

__all__ = ["format_duration", "one_line", "plain", "show_text", "shown", "take_submitted"]


def shown(text: str) -> str:
    """User or file text for a place that wraps (a card, a tall cell): every control character
    made visible, so none reaches the terminal; line breaks and tabs kept."""
    return visible(text, multiline=True)


def one_line(text: str, limit: int = 0) -> str:
    """Collapse newlines (Tree labels and table cells show one line), make every control
    character visible, and cut to ``limit``."""
    line = " ⏎ ".join(part.strip() for part in text.splitlines()) if "\n" in text else text
    line = visible(line)
    if limit and len(line) > limit:
        return line[: limit - 1] + "…"
    return line


def plain(text: str, style: str = "", limit: int = 0) -> Text:
    """A Rich Text that shows ``text`` exactly as typed, on one line."""
    return Text(one_line(text, limit), style=style, no_wrap=False)


def take_submitted(submitted: Input.Submitted) -> None:
    """Empty a line whose text was just added, keeping what was typed after Enter: on a busy
    machine the next keys reach the line before its Submitted message is handled, and setting
    the value to "" dropped them (`14:13` came out as `4:13`)."""
    line = submitted.input
    if line.value.startswith(submitted.value):
        line.value = line.value[len(submitted.value) :]
        line.cursor_position = len(line.value)


def show_text(widget: Static, content: str | Content) -> None:
    """Have a Static show ``content``, if it does not already: `Static.update` lays the whole
    screen out again even for the same text, and the header, the hints and the clock are set
    on every cursor move and every tick."""
    if not _same(widget.content, content):
        widget.update(content)


def _same(shown: object, content: str | Content) -> bool:
    if isinstance(content, Content):
        return (
            isinstance(shown, Content)
            and shown.plain == content.plain
            and shown.spans == content.spans
        )
    return type(shown) is str and shown == content


class FieldError(Static):
    """A one-line explanation under the field it is about; hidden while there is nothing to say."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="field-error -empty", markup=False)

    def say(self, message: str) -> None:
        show_text(self, message)
        self.set_class(not message, "-empty")

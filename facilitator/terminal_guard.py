"""Provides the last guard between the app and the terminal: no control character in any
widget's text is written to the terminal raw.

Every string the app shows from a file goes through `agenda.visible.visible` first, which
writes control characters out as escapes a reader can see. Some widgets show a value as it
is, though: an Input or a TextArea opened on a field must edit the exact text, so a title
holding ``ESC [31m`` or an OSC 8 link came through an edit dialog raw (found by using the app
on a hostile file). Here every segment of text is cleaned where Textual turns it into terminal
output (`Strip.render`), so nothing a widget forgot can reach the terminal: the characters
`agenda.visible` writes out as escapes (C0, DEL, C1, and those that reorder or hide text) are
dropped from what is written. They take no cell on screen, so nothing moves; the value itself
is unchanged."""

from __future__ import annotations

from rich.color import ColorSystem
from rich.console import Console
from textual.strip import Strip

from agenda.visible import UNSAFE


def shown_safely(text: str) -> str:
    """``text`` without the characters a terminal would act on or that reorder what it shows."""
    return UNSAFE.sub("", text) if UNSAFE.search(text) else text


def _render(self: Strip, console: Console) -> str:
    """`Strip.render` of Textual 8 (uv.lock pins it), with each text segment made safe; control
    segments (Textual's own cursor moves) are written as they are."""
    if self._render_cache is None:
        color_system = console._color_system or ColorSystem.TRUECOLOR
        render = self.render_style
        self._render_cache = "".join(
            [
                text
                if control is not None
                else shown_safely(text)
                if style is None
                else render(style, shown_safely(text), color_system=color_system)
                for text, style, control in self._segments
            ]
        )
    return self._render_cache


def install() -> None:
    """Guard every strip the app renders (once per process; idempotent)."""
    Strip.render = _render  # type: ignore[method-assign]

"""Provides the last guard between the app and the terminal: no control character in any
widget's text is written to the terminal raw.

Every string the app shows from a file goes through `agenda.visible.visible` first, which
writes control characters out as escapes a reader can see. Some widgets show a value as it
is, though: an Input or a TextArea opened on a field must edit the exact text, so a title
holding ``ESC [31m`` or an OSC 8 link came through an edit dialog raw (found by using the app
on a hostile file). Here every segment of text is cleaned where Textual turns it into terminal
output (`Strip.render`), so nothing a widget forgot can reach the terminal: control characters
(C0 but for none, DEL, C1) and the characters that reorder or hide text are dropped from what
is written. They take no cell on screen, so nothing moves; the value itself is unchanged."""

from __future__ import annotations

import re

from rich.color import ColorSystem
from rich.console import Console
from textual.strip import Strip

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_DROP = {
    code: None
    for code in [
        *range(0x00, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        0x200B,
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        0xFEFF,
    ]
}


def shown_safely(text: str) -> str:
    """``text`` without the characters a terminal would act on or that reorder what it shows."""
    return text.translate(_DROP) if _UNSAFE.search(text) else text


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

"""Provides helpers that turn user text into literal renderables (never markup)."""

from __future__ import annotations

from rich.text import Text

from agenda.model import format_duration

__all__ = ["format_duration", "one_line", "plain"]


def one_line(text: str, limit: int = 0) -> str:
    """Collapse newlines (Tree labels and table cells show one line) and cut to ``limit``."""
    line = " ⏎ ".join(part.strip() for part in text.splitlines()) if "\n" in text else text
    if limit and len(line) > limit:
        return line[: limit - 1] + "…"
    return line


def plain(text: str, style: str = "", limit: int = 0) -> Text:
    """A Rich Text that shows ``text`` exactly as typed, on one line."""
    return Text(one_line(text, limit), style=style, no_wrap=False)

"""Provides visible stand-ins for control characters, so no file content reaches a terminal raw."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str, keep: str = "") -> str:
    """``text`` with every C0 and C1 control character (and DEL) written out as ``\\n``, ``\\t``
    or ``\\x1b``, except those in ``keep``: a terminal acts on them (ESC starts sequences that
    retitle the window or write the clipboard), and a newline would split a one-line message."""

    def stand_in(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        return _NAMED.get(char, f"\\x{ord(char):02x}")

    return _CONTROL.sub(stand_in, text)


def visible_strings(value: object, keep: str = "\n\t") -> object:
    """``value`` with `visible` applied to every string inside it (keys too), for JSON: its
    encoder escapes line breaks and tabs but leaves C1 control characters raw."""
    if isinstance(value, str):
        return visible(value, keep)
    if isinstance(value, dict):
        return {visible_strings(k, keep): visible_strings(v, keep) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [visible_strings(v, keep) for v in value]
    return value

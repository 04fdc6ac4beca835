"""Provides `visible`: text made safe to show on a terminal, every control character visible.

Whatever a file, a file name or a paste holds reaches the screen through here, so no escape
sequence from it can retitle the terminal, write the clipboard (OSC 52), reset the screen or
move the cursor. The session file itself keeps the text exactly; only what is shown changes.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_HIDDEN = "\u200b\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
"""Characters that reorder or hide text ("Trojan Source" bidi overrides and isolates, zero-width
spaces, line separators, a stray byte-order mark). Joiners and the left-to-right and
right-to-left marks are left alone: Persian, Indic scripts and emoji sequences need them."""

_SHOWN = re.compile(f"[\x00-\x1f\x7f-\x9f{_HIDDEN}]")
UNSAFE = _SHOWN
"""Every character `visible` writes out as an escape: C0, DEL, C1, and those that reorder or
hide text. The app's terminal guard drops them from whatever a widget forgot to make visible."""

CONTROL_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character other than newline and tab: what must never reach a
terminal raw (the tests assert on it)."""


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "", *, multiline: bool = False) -> str:
    """``text`` with every control character written out as an escape: ESC as ``\\x1b``, a C1
    control as ``\\x9b``, a newline as ``\\n``, a bidi override as ``\\u202e``, except the
    characters in ``keep``.

    The default is for one line (messages, file names, table cells): a name holding a newline
    can never pass for two lines. ``multiline=True`` (documents, reports) keeps newline and tab
    and turns CRLF into a plain newline; a lone carriage return is still shown as ``\\r``,
    since it would let a line overwrite itself.
    """
    if multiline:
        keep += "\n\t"
        if "\r\n" in text:
            text = text.replace("\r\n", "\n")
    if text.isprintable():  # every character `_SHOWN` finds is a control, format or separator
        return text
    if not keep:
        return _SHOWN.sub(lambda match: _escape(match[0]), text)
    return _SHOWN.sub(lambda match: match[0] if match[0] in keep else _escape(match[0]), text)


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

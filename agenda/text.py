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

_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_HIDDEN}]")
_MULTI_LINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_HIDDEN}]")

CONTROL_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character other than newline and tab: what must never reach a
terminal raw (the tests assert on it)."""


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as an escape: ESC as ``\\x1b``, a C1
    control as ``\\x9b``, a bidi override as ``\\u202e``.

    One line (the default: messages, file names, table cells, import problems): newline and
    tab too become ``\\n`` and ``\\t``, so a name holding a newline can never pass for two
    lines. ``multiline=True`` (documents, reports): newline and tab are kept, CRLF becomes a
    plain newline, and a lone carriage return is shown as ``\\r``, since it would let a line
    overwrite itself.
    """
    if multiline:
        if "\r\n" in text:
            text = text.replace("\r\n", "\n")
        return _MULTI_LINE.sub(_escape, text)
    return _ONE_LINE.sub(_escape, text)


def shown_path(path: object) -> str:
    """A file name as it may be printed: one line, controls visible."""
    return visible(str(path))

"""Provides `visible`: text made safe to show on a terminal, every control character visible.

Whatever a file, a file name or a paste holds reaches the screen through here, so no escape
sequence from it can retitle the terminal, write the clipboard (OSC 52), reset the screen or
move the cursor. The session file itself keeps the text exactly; only what is shown changes.
"""

from __future__ import annotations

import re

_C0 = {code: chr(0x2400 + code) for code in range(0x20)}
"""C0 controls as their Unicode control pictures: ESC → ␛, BEL → ␇, NUL → ␀, LF → ␊."""
_DEL = {0x7F: "\u2421"}
"""DEL as ␡."""
_C1 = {code: f"\\x{code:02x}" for code in range(0x80, 0xA0)}
"""C1 controls (CSI 0x9b, OSC 0x9d, NEL 0x85…) have no pictures: shown escaped, as \\x9b."""
_BIDI = {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
"""Bidirectional embeddings, overrides and isolates can make text read differently from
what it holds ("Trojan Source"): shown escaped. Plain right-to-left letters are untouched."""
_SEPARATORS = {0x2028: "\u2424", 0x2029: "\u00b6"}
"""Unicode line and paragraph separators: some terminals break the line on them."""

_ONE_LINE = str.maketrans({**_C0, **_DEL, **_C1, **_BIDI, **_SEPARATORS})
_MULTI_LINE = str.maketrans(
    {**{k: v for k, v in _C0.items() if chr(k) not in "\n\t"}, **_DEL, **_C1, **_BIDI}
)
_ANY_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_ANY_MULTI_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

CONTROL_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character other than newline and tab: what must never reach a
terminal raw (the tests assert on it)."""


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character made visible.

    One line (the default: messages, file names, table cells): newline and tab too become
    ␊ and ␉, so a name holding a newline can never pass for two lines. ``multiline=True``
    (documents, reports printed one finding a line): newline and tab are kept, CRLF becomes a
    plain newline, and a lone carriage return is shown as ␍, since it would let a line
    overwrite itself.
    """
    if multiline:
        if "\r\n" in text:
            text = text.replace("\r\n", "\n")
        if _ANY_MULTI_LINE.search(text) is None:
            return text
        return text.translate(_MULTI_LINE)
    if _ANY_ONE_LINE.search(text) is None:
        return text
    return text.translate(_ONE_LINE)


def shown_path(path: object) -> str:
    """A file name as it may be printed: one line, controls visible."""
    return visible(str(path))

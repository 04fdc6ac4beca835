"""No control character reaches a terminal raw: `visible` shows them all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenda.visible import CONTROL_BYTES, UNSAFE, visible

ATTACKS = [
    ("\x1b]2;pwned\x07", "\\x1b]2;pwned\\x07"),  # set the window title
    ("\x1b]52;c;cm0gLXJmIH4=\x07", "\\x1b]52;c;cm0gLXJmIH4=\\x07"),  # write the clipboard
    ("\x1bc", "\\x1bc"),  # reset the terminal
    ("\x9b31m", "\\x9b31m"),  # an 8-bit CSI
    ("a\rb", "a\\rb"),  # overwrite the line
    ("nul\x00 del\x7f", "nul\\x00 del\\x7f"),
    ("admin\u202egnp.exe", "admin\\u202egnp.exe"),  # right-to-left override
    ("zero\u200bwidth", "zero\\u200bwidth"),
]


@pytest.mark.parametrize(("text", "shown"), ATTACKS)
def test_escape_sequences_are_shown_not_sent(text: str, shown: str) -> None:
    assert visible(text) == shown
    assert visible(text, multiline=True) == shown


def test_newlines_and_tabs_are_kept_only_where_lines_are_allowed() -> None:
    assert visible("a\nb\tc") == "a\\nb\\tc"
    assert visible("a\nb\tc", multiline=True) == "a\nb\tc"
    assert visible("a\r\nb", multiline=True) == "a\nb"


def test_text_without_controls_is_left_exactly_as_it_is() -> None:
    family, persian = (
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    )
    for text in ("", "plain", "emoji 🔥 e\u0301 RTL שלום مرحبا", family, persian, "a\u200fb"):
        assert visible(text) is text or visible(text) == text


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    assert not CONTROL_BYTES.search(visible(text))
    assert "\n" not in visible(text) and "\t" not in visible(text)
    assert not CONTROL_BYTES.search(visible(text, multiline=True))


def test_printable_text_is_left_as_it_is() -> None:
    """`visible` returns printable text untouched without searching it: so no character it
    escapes may be one Python calls printable."""
    assert [c for c in map(chr, range(0x110000)) if UNSAFE.match(c) and c.isprintable()] == []
    assert visible("rollback — v3.1.4 “ok”") == "rollback — v3.1.4 “ok”"

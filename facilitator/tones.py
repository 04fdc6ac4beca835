"""Provides the colours set in Python, taken from the running theme: a meaning (an error, a
warning, a success, an accent, a heading) becomes a Rich Style in that theme's colour for text."""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual._context import active_app
from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES


class Tone(Enum):
    """What a coloured piece of text means; each names the theme variable that colours it."""

    ERROR = "text-error"
    WARNING = "text-warning"
    SUCCESS = "text-success"
    ACCENT = "text-accent"
    HEADING = "text-primary"


def tone(meaning: Tone, *, bold: bool = False, italic: bool = False) -> Style:
    """The style for ``meaning`` in the running app's theme (Textual's dark theme outside an
    app). The ``text-*`` variables, not ``$error`` and the like: Textual makes those readable
    on the theme's background, so a warning is dark amber on a light theme, not pale yellow."""
    app = active_app.get(None)
    variables = app.theme_variables if app is not None else _dark()
    return _style(variables.get(meaning.value, ""), bold, italic)


def toned(text: str, meaning: Tone, *, bold: bool = False, italic: bool = False) -> Text:
    """``text`` (not markup) in ``meaning``'s colour, held as a span: two marks that differ only
    in colour compare unequal, so a table redraws a mark whose theme changed."""
    return Text.assemble((text, tone(meaning, bold=bold, italic=italic)))


@lru_cache(maxsize=256)
def _style(value: str, bold: bool, italic: bool) -> Style:
    try:  # "#A86D1C", or "ansi_red" in the ANSI themes, which Rich calls color(1)
        color = Color.parse(value).rich_color if value else None
    except ColorParseError:
        color = None
    return Style(color=color, bold=bold or None, italic=italic or None)


@lru_cache(maxsize=1)
def _dark() -> dict[str, str]:
    return BUILTIN_THEMES["textual-dark"].to_color_system().generate()


__all__ = ["Tone", "tone", "toned"]

"""Provides the hint under a field that says, while it is typed, that the text blames a person
and how to say it instead: the same words the findings use after a save."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import Static

from agenda.visible import visible
from facilitator.widgets.text import show_text


class BlameHint(Static):
    """Hidden until a text typed in the form reads as blaming a person."""

    DEFAULT_CSS = """
    BlameHint { height: auto; color: $text-warning; display: none; }
    BlameHint.-shown { display: block; }
    """

    def __init__(self, participants: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.participants = tuple(participants)

    def check(self, *texts: str, time: str = "HH:MM") -> None:
        """Say what the first blameful sentence among ``texts`` is, or nothing; ``time`` is
        the moment a rewrite may name ("At 14:02, …")."""
        blame = None
        if any(text.strip() for text in texts):  # not for the first keys: a time, a kind
            from agenda.checks.language import find_blame  # its models are read on first use

            found = (blame for text in texts for blame in find_blame(text, self.participants))
            blame = next(found, None)
        self.set_class(blame is not None, "-shown")
        if blame is None:
            show_text(self, "")
            return
        suggestion = blame.pattern.suggestion.format(time=time)
        show_text(
            self,
            Content.assemble(
                ("⚠ ", "bold"),
                f'"{visible(blame.phrase)}" {blame.pattern.message}. ',
                (suggestion, "italic"),
            ),
        )

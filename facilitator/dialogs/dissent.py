"""Provides the dissent dialog: a view written down rather than talked over, from any phase."""

from __future__ import annotations

from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from agenda.model import Session
from facilitator.dialogs.base import FormScreen, form_buttons
from facilitator.widgets.text import FieldError, one_line


class DissentEntry(NamedTuple):
    view: str
    holder: str
    about: str


def describe(session: Session, ref: str) -> str:
    """What an item reference points at, in a line."""
    if not ref:
        return "the analysis as a whole"
    item = session.find(ref)
    if item is None:
        return "no such item"
    text = getattr(item, "description", "") or getattr(item, "title", "")
    text = text or getattr(item, "answer", "") or getattr(item, "question", "")
    return one_line(text, 70)


class DissentDialog(FormScreen[DissentEntry | None]):
    """The view, who holds it (empty: anonymous), and what it is about."""

    def __init__(self, session: Session, about: str) -> None:
        super().__init__()
        self.session = session
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label("Record a dissenting view", classes="dialog-title")
            yield Label("The view, in the holder's words")
            yield Input(id="view")
            yield Label("Held by (leave empty to record it anonymously)")
            yield Input(
                id="holder",
                suggester=SuggestFromList(self.session.participant_names(), case_sensitive=False),
            )
            yield Label("About (event:E3, why:W4, factor:F2, action:A1, or empty)")
            yield Input(self.about, id="about")
            yield Static(Content(describe(self.session, self.about)), id="about-text")
            yield FieldError(id="dissent-error")
            yield form_buttons("Record (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#view", Input).focus()

    @on(Input.Changed, "#about")
    def _about(self, changed: Input.Changed) -> None:
        self.query_one("#about-text", Static).update(
            Content(describe(self.session, changed.value.strip()))
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        error = self.query_one("#dissent-error", FieldError)
        view = self.query_one("#view", Input).value.strip()
        about = self.query_one("#about", Input).value.strip()
        if not view:
            error.say("Write the view down: it cannot be empty.")
            self.query_one("#view", Input).focus()
            return
        if about and self.session.find(about) is None:
            error.say(f'"{about}" names no item: use event:E3, why:W4, factor:F2, action:A1.')
            self.query_one("#about", Input).focus()
            return
        self.dismiss(DissentEntry(view, self.query_one("#holder", Input).value.strip(), about))

"""Provides the dissent dialog: a view written down rather than talked over, from any phase."""

from __future__ import annotations

from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select

from agenda.model import Session
from facilitator.dialogs.base import FormScreen, form_buttons
from facilitator.widgets.text import FieldError, one_line


class DissentEntry(NamedTuple):
    view: str
    holder: str
    about: str


ABOUT_KINDS = ("event", "why", "factor", "action")
"""What a dissenting view can be about (`about_choices` lists them)."""


def about_choices(session: Session) -> list[tuple[Content, str]]:
    """What dissent can be about, each with its id in front (E12, W3, F2, A4), in the order of
    the document: the analysis as a whole, events, whys, factors, actions."""
    choices = [(Content("the analysis as a whole"), "")]
    for event in session.sorted_timeline():
        text = f"{event.at:%m-%d %H:%M} {one_line(event.description, 60)}"
        choices.append((_labelled(event.id, text), f"event:{event.id}"))
    for why in session.analysis.whys:
        text = one_line(why.answer or why.question, 66)
        choices.append((_labelled(why.id, text), f"why:{why.id}"))
    for factor in session.analysis.factors:
        choices.append((_labelled(factor.id, one_line(factor.title, 66)), f"factor:{factor.id}"))
    for action in session.actions:
        choices.append((_labelled(action.id, one_line(action.title, 66)), f"action:{action.id}"))
    return choices


def _labelled(item_id: str, text: str) -> Content:
    return Content.assemble((f"{item_id:<4} ", "bold"), text)


class DissentDialog(FormScreen[DissentEntry | None]):
    """The view, who holds it (empty: anonymous), and what it is about (picked from a list)."""

    def __init__(self, session: Session, about: str) -> None:
        super().__init__()
        self.session = session
        offered = about.partition(":")[0] in ABOUT_KINDS and session.find(about) is not None
        self.about = about if offered else ""  # a dissent or a tangent is not in the list

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
            yield Label("About (Enter opens the list; type to search it)")
            yield Select(
                about_choices(self.session),
                value=self.about,
                allow_blank=False,
                type_to_search=True,
                id="about",
            )
            yield FieldError(id="dissent-error")
            yield form_buttons("Record (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#view", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        error = self.query_one("#dissent-error", FieldError)
        view = self.query_one("#view", Input).value.strip()
        if not view:
            error.say("Write the view down: it cannot be empty.")
            self.query_one("#view", Input).focus()
            return
        about = self.query_one("#about", Select).value
        holder = self.query_one("#holder", Input).value.strip()
        self.dismiss(DissentEntry(view, holder, about if isinstance(about, str) else ""))

"""Provides the action form: one owner, one date, the factors it fixes, checked when saved."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from agenda.actions import DueParseError, complete_owner, due_label, is_ticket, parse_due
from agenda.model import Action, ActionStatus, ActionType, Factor, Level, Priority
from facilitator.dialogs.base import FormScreen, form_buttons
from facilitator.widgets.text import FieldError, one_line


def _select(options: list[tuple[str, object]], value: object, id: str) -> Select[object]:
    """A Select; an unset value (impact, effort) shows as blank."""
    if value is None:
        return Select(options, value=Select.NULL, allow_blank=True, id=id)
    return Select(options, value=value, allow_blank=False, id=id)


class ActionForm(FormScreen[Action | None]):
    """Add or edit an action; Enter in a line saves, Escape cancels, nothing typed is lost."""

    def __init__(
        self,
        action: Action,
        *,
        today: date,
        participants: list[str],
        factors: list[Factor],
        title: str = "",
    ) -> None:
        super().__init__()
        self.action = action
        self.today = today
        self.participants = participants
        self.factors = factors
        self.heading = title or f"Action {action.id}"

    def compose(self) -> ComposeResult:
        action = self.action
        with Vertical(classes="dialog form action-form"):
            with VerticalScroll(id="action-fields"):
                yield Label(self.heading, classes="dialog-title")
                yield Label("What exactly changes (specific enough to check off)")
                yield Input(action.title, id="title")
                yield FieldError(id="title-error")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Owner: one person")
                        yield Input(
                            action.owner,
                            id="owner",
                            suggester=SuggestFromList(self.participants, case_sensitive=False),
                        )
                    with Vertical():
                        yield Label("Due: 2026-12-01, +3d, +2w, next friday")
                        yield Input(action.due.isoformat() if action.due else "", id="due")
                        yield Static(id="due-said", markup=False)
                yield FieldError(id="due-error")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Priority")
                        yield _select([(p.value, p) for p in Priority], action.priority, "priority")
                    with Vertical():
                        yield Label("Type")
                        yield _select([(t.value, t) for t in ActionType], action.type, "type")
                    with Vertical():
                        yield Label("Status")
                        yield _select([(s.value, s) for s in ActionStatus], action.status, "status")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Impact")
                        yield _select([(v.value, v) for v in Level], action.impact, "impact")
                    with Vertical():
                        yield Label("Effort")
                        yield _select([(v.value, v) for v in Level], action.effort, "effort")
                    with Vertical():
                        yield Label("Ticket: ENG-1234 or a URL")
                        yield Input(action.ticket, id="ticket")
                yield FieldError(id="ticket-error")
                yield Label("Contributing factors it addresses (space ticks)")
                yield SelectionList[str](
                    *(
                        (Content(f"{f.id}  {one_line(f.title)}"), f.id, f.id in action.factors)
                        for f in self.factors
                    ),
                    id="factors",
                )
            yield form_buttons("Save (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._show_due(self.query_one("#due", Input).value)

    @on(Input.Changed, "#due")
    def _due_changed(self, changed: Input.Changed) -> None:
        self._show_due(changed.value)

    def _show_due(self, text: str) -> None:
        self.query_one("#due-error", FieldError).say("")
        said = self.query_one("#due-said", Static)
        try:
            due = parse_due(text, self.today) if text.strip() else None
        except DueParseError:
            said.update("not a date yet")
            return
        said.update(f"{due.isoformat()}, {due_label(due, self.today)}" if due else "no date yet")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        errors = {n: self.query_one(f"#{n}-error", FieldError) for n in ("title", "due", "ticket")}
        for error in errors.values():
            error.say("")
        title = self.query_one("#title", Input).value.strip()
        if not title:
            errors["title"].say("Say what will change: the title cannot be empty.")
            self.query_one("#title", Input).focus()
            return
        due_text = self.query_one("#due", Input).value
        try:
            due = parse_due(due_text, self.today) if due_text.strip() else None
        except DueParseError as problem:
            errors["due"].say(str(problem))
            self.query_one("#due", Input).focus()
            return
        ticket = self.query_one("#ticket", Input).value.strip()
        if ticket and not is_ticket(ticket):
            errors["ticket"].say(f'"{ticket}" is not a ticket: give a key like ENG-1234 or a URL.')
            self.query_one("#ticket", Input).focus()
            return
        names = ("priority", "type", "status", "impact", "effort")
        values = {name: self.query_one(f"#{name}", Select).value for name in names}
        chosen = {k: (None if v is Select.NULL else v) for k, v in values.items()}
        factors = list(self.query_one("#factors", SelectionList).selected)
        self.dismiss(
            Action.model_validate(
                {
                    **self.action.model_dump(),
                    "title": title,
                    "owner": complete_owner(
                        self.query_one("#owner", Input).value.strip(), self.participants
                    ),
                    "due": due,
                    "ticket": ticket,
                    "factors": [f.id for f in self.factors if f.id in factors],
                    **chosen,
                }
            )
        )

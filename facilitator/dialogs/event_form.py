"""Provides the event form: every field of a timeline event, checked before it is accepted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from agenda.model import Event, EventKind, EventSource
from agenda.timeline import TimeParseError, parse_time, split_approximate
from facilitator.dialogs.base import FormScreen, form_buttons
from facilitator.widgets.blame_hint import BlameHint
from facilitator.widgets.text import FieldError


class EventForm(FormScreen[Event | None]):
    """Edit one event; Enter in any field saves, Escape cancels, nothing typed is lost on error."""

    def __init__(
        self,
        event: Event,
        *,
        day: date,
        previous: datetime | None,
        participants: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.event = event
        self.day = day
        self.previous = previous
        self.participants = participants
        """Their names read as people in a description that blames someone."""

    def compose(self) -> ComposeResult:
        event = self.event
        with Vertical(classes="dialog form"):
            yield Label(f"Event {event.id}", classes="dialog-title")
            yield Label("Time (UTC): HH:MM, YYYY-MM-DD HH:MM, ISO, +5m; ~ before it if approximate")
            about = "~" if event.approximate else ""
            yield Input(about + event.at.strftime("%Y-%m-%d %H:%M:%S"), id="time")
            yield FieldError(id="time-error")
            yield Label("What happened")
            yield Input(event.description, id="description")
            yield BlameHint(self.participants, id="description-blame")
            yield FieldError(id="description-error")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Kind")
                    yield Select(
                        [(k.value, k) for k in EventKind],
                        value=event.kind,
                        allow_blank=False,
                        id="kind",
                    )
                with Vertical():
                    yield Label("Source")
                    yield Select(
                        [(s.value, s) for s in EventSource],
                        value=event.source,
                        allow_blank=False,
                        id="source",
                    )
            yield Label("What was known at this moment (metrics, alerts, runbooks available)")
            yield Input(event.known, id="known")
            yield form_buttons("Save (Enter)")

    def on_mount(self) -> None:
        self.query_one("#description", Input).focus()
        self._check_blame()

    @on(Input.Changed, "#description")
    def _check_blame(self) -> None:
        """Blame is named while the description is typed, not after it is saved."""
        text = self.query_one("#description", Input).value
        self.query_one(BlameHint).check(text, time=f"{self.event.at:%H:%M}")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        time_error = self.query_one("#time-error", FieldError)
        description_error = self.query_one("#description-error", FieldError)
        time_error.say("")
        description_error.say("")
        when, approximate = split_approximate(self.query_one("#time", Input).value)
        try:
            at = parse_time(
                when,
                day=self.day,
                previous=self.previous,
                selected=self.event.at,
            )
        except TimeParseError as error:
            time_error.say(str(error))
            self.query_one("#time", Input).focus()
            return
        description = self.query_one("#description", Input).value.strip()
        if not description:
            description_error.say("Say what happened: the description cannot be empty.")
            self.query_one("#description", Input).focus()
            return
        kind = self.query_one("#kind", Select).value
        source = self.query_one("#source", Select).value
        assert isinstance(kind, EventKind) and isinstance(source, EventSource)
        self.dismiss(
            self.event.model_copy(
                update={
                    "at": at,
                    "description": description,
                    "kind": kind,
                    "source": source,
                    "known": self.query_one("#known", Input).value,
                    "approximate": approximate,
                }
            )
        )

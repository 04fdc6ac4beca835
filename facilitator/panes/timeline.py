"""Provides the Timeline review pane: quick-add at the speed of talk, edits, key times and gaps."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Input, Static

from agenda.agendas import Pane
from agenda.history import Edit
from agenda.model import Event, EventKind, Session, format_duration
from agenda.timeline import (
    TimeParseError,
    add_event,
    delete_event,
    incident_day,
    last_event_time,
    mark_key_event,
    quick_add,
    replace_event,
    split_approximate,
    split_quick_add,
)
from facilitator.keys import QUICK_ADD_KEYS, TIMELINE_KEYS
from facilitator.messages import EditRequested
from facilitator.panes.base import PhasePane, touched_ids
from facilitator.widgets.blame_hint import BlameHint
from facilitator.widgets.quick_add import QuickAddInput
from facilitator.widgets.text import FieldError, show_text
from facilitator.widgets.timeline_table import TimelineTable

SIDEBAR_AND_PADDING = 30
"""The agenda sidebar and the pane's padding, before the pane has a size of its own."""

QUICK_ADD_HINT = (
    "14:05 Error rate crosses 5%   ·   +5m, HH:MM:SS, ISO   ·   'decision: …' for a decision"
)


def metrics_text(session: Session) -> Content:
    parts: list[str | tuple[str, str]] = []
    for label, value in (
        ("Time to detect", session.time_to_detect),
        ("to acknowledge", session.time_to_acknowledge),
        ("to mitigate", session.time_to_mitigate),
        ("Impact", session.impact_duration),
    ):
        if parts:
            parts.append("   ")
        parts.extend([(f"{label} ", "$text-muted"), (format_duration(value), "bold")])
    return Content.assemble(*parts)


CLOCK = re.compile(r"\d{1,2}:\d{2}")
"""A quick-add time a rewrite can name ("At 14:05, …"); other forms of time it cannot."""


class TimelinePane(PhasePane):
    """The timeline is the spine: walk it in order, find the gaps, record what was known."""

    PANE = Pane.TIMELINE

    BINDINGS = [
        Binding(k.key, k.action, k.label, show=k.show) for k in TIMELINE_KEYS + QUICK_ADD_KEYS
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._width = 0
        self._handed: set[str] = set()
        """Ids of quick-added events whose edit the app has not applied yet: lines typed in a
        burst are read before the first is in the session, and must not share its id."""

    def compose(self) -> ComposeResult:
        yield Static(id="metrics")
        yield TimelineTable(self.session, id="events")
        yield Static(id="timeline-hint", markup=False)
        yield QuickAddInput(placeholder=QUICK_ADD_HINT, id="quick-add")
        yield FieldError(id="quick-error")
        yield BlameHint(id="quick-blame")

    @property
    def table(self) -> TimelineTable:
        return self.query_one("#events", TimelineTable)

    def on_mount(self) -> None:
        self._width = self.app.size.width - SIDEBAR_AND_PADDING

    def fill(self) -> None:
        self.reload()

    def on_resize(self, event: Resize) -> None:
        width = self.size.width  # the content width; the event's size includes the padding
        if width and width != self._width:
            self._width = width
            if self.filled:
                self.reload()

    def reload(self) -> None:
        """Rebuild the whole table (on open and on resize; edits use `sync`)."""
        self.query_one("#metrics", Static).update(metrics_text(self.session))
        self.table.available_width = self._width
        self.table.fill()
        self._update_hint()

    def show_edit(self, edit: Edit) -> None:
        self._handed -= edit.touched
        events = touched_ids(edit, "E")
        if events or edit.metrics or not edit.touched:
            self.sync(frozenset(events), metrics=edit.metrics or not edit.touched)

    def restyle(self) -> None:
        if self.filled:
            self.table.fill()  # the cursor stays on its row; a long timeline fills in steps

    def sync(self, touched: frozenset[str], *, metrics: bool) -> None:
        """Show an applied (or undone) edit: only the touched rows change."""
        if not self.filled:
            return  # filled in full when first shown
        self.table.sync(touched)
        if metrics:
            self.query_one("#metrics", Static).update(metrics_text(self.session))
        present = [i for i in touched if self.table.has_row(i)]
        if len(present) == 1:
            self.table.select_event(present[0])
        self._update_hint()

    # ---- the hint line under the table ---------------------------------------------------

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._update_hint()

    def _update_hint(self) -> None:
        gap = self.table.gap_at_cursor()
        event = self.table.event_at_cursor()
        hint = ""
        if gap is not None:
            hint = f"{gap.prompt}  Add what happened with the quick-add line below (a)."
        elif event is not None and event.kind is EventKind.DECISION and not event.known.strip():
            hint = (
                f"Decision point at {event.at:%H:%M}: what did the people involved know then — "
                "which metrics, alerts, runbooks? (e records it)"
            )
        elif not self.session.timeline:
            hint = "No events yet: type the first one below, e.g. 14:00 Deploy v3.2 starts."
        show_text(self.query_one("#timeline-hint", Static), hint)

    # ---- quick add ------------------------------------------------------------------------

    @on(Input.Changed, "#quick-add")
    def _typing(self, changed: Input.Changed) -> None:
        if not changed.value:  # emptied (by hand, or taken by Enter): the message goes too
            self.query_one("#quick-error", FieldError).say("")
        when, description = split_quick_add(changed.value)  # blame named as it is typed
        when = split_approximate(when)[0]
        hint = self.query_one(BlameHint)
        hint.participants = tuple(self.session.participant_names())
        hint.check(description, time=when if CLOCK.fullmatch(when) else "HH:MM")

    def action_quick_add(self) -> None:
        self.take_focus(self.query_one("#quick-add", Input))

    def action_focus_table(self) -> None:
        self.take_focus(self.table)

    def focus_default(self) -> None:
        """The room talks, the facilitator types: the quick-add line gets the keyboard."""
        self.action_quick_add()

    def action_move(self, step: int) -> None:
        """Up and down in the quick-add line move the selection (the anchor for +5m)."""
        if step < 0:
            self.table.action_cursor_up()
        else:
            self.table.action_cursor_down()

    @on(Input.Submitted, "#quick-add")
    def _quick_add(self, submitted: Input.Submitted) -> None:
        error = self.query_one("#quick-error", FieldError)
        if not submitted.value.strip():
            return
        selected = self.table.event_at_cursor()
        try:
            entry = quick_add(
                self.session,
                submitted.value,
                selected=selected.at if selected else None,
                taken=self._handed,
            )
        except TimeParseError as problem:
            error.say(str(problem))
            self.query_one(QuickAddInput).give_back(submitted.value)  # what was typed stays
            return
        # A time typed without a date was dated for the user: say so where it was typed when
        # that date puts it outside the incident (e to fix it).
        error.say(f"{entry.event.id}: {entry.outside} (e edits it)" if entry.outside else "")
        self._handed.add(entry.event.id)
        self.post_message(EditRequested(add_event(entry.event)))

    # ---- row actions --------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def _on_gap(self) -> bool:
        """On a gap row, point at the quick-add line instead of acting on a neighbour."""
        gap = self.table.gap_at_cursor()
        if gap is not None:
            self.app.notify(f"{gap.prompt} Type what happened in the quick-add line (a).")
        return gap is not None

    def action_edit(self) -> None:
        if self._on_gap():
            return
        event = self.table.event_at_cursor()
        if event is None:
            return
        from facilitator.dialogs.event_form import EventForm  # the dialogs: when first opened

        def done(changed: Event | None) -> None:
            if changed is not None and changed != event:
                self.post_message(EditRequested(replace_event(self.session, changed)))

        names = self.session.participant_names()
        form = EventForm(
            event, day=incident_day(self.session), previous=event.at, participants=names
        )
        self.app.push_screen(form, done)

    def action_delete(self) -> None:
        if self._on_gap():
            return
        event = self.table.event_at_cursor()
        if event is not None:
            self.post_message(EditRequested(delete_event(self.session, event.id)))
            self.app.notify(f"Deleted {event.id} at {event.at:%H:%M}. ctrl+z brings it back.")

    def action_key_time(self) -> None:
        if self._on_gap():
            return
        event = self.table.event_at_cursor()
        if event is None:
            return
        from facilitator.dialogs.key_time import KeyTimeChoice, KeyTimeMenu

        def chosen(choice: KeyTimeChoice | None) -> None:
            if choice is not None:
                key, mark = choice
                edit = mark_key_event(self.session, key, event.id if mark else None)
                self.post_message(EditRequested(edit))

        self.app.push_screen(KeyTimeMenu(event, self.session.incident), chosen)

    @on(QuickAddInput.PastedLines)
    def _pasted_lines(self, message: QuickAddInput.PastedLines) -> None:
        self.action_paste(message.text)

    def action_paste(self, text: str = "") -> None:
        # The readers of pasted timelines and the import preview are imported on the first
        # paste: at start they would add ~20 ms before the session shows (make bench, "usable").
        from agenda.sources.merge import plan_import
        from agenda.sources.records import Parsed
        from facilitator.dialogs.import_preview import preview_import
        from facilitator.dialogs.paste_timeline import PasteTimeline

        def pasted(result: Parsed | None) -> None:
            if result is not None and result.records:
                preview_import(self, self.session, plan_import(self.session, result.records))

        dialog = PasteTimeline(
            day=incident_day(self.session), previous=last_event_time(self.session), text=text
        )
        self.app.push_screen(dialog, pasted)

    def reveal(self, kind: str, item_id: str) -> bool:
        """Select an event's row and give the table the keyboard."""
        if kind != "event":
            return False
        self.ensure_filled()
        self.table.select_event(item_id)
        self.take_focus(self.table)
        return True

    def item_under_cursor(self) -> str:
        event = self.table.event_at_cursor()
        return f"event:{event.id}" if event else ""

    def show_marks(self, marks: dict[str, Text]) -> None:
        self.table.set_marks(marks)

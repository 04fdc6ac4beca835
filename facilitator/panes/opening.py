"""Provides the Opening pane: the incident header, its impact, and who is in the room."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from agenda.actions import due_label
from agenda.agendas import Pane
from agenda.history import Edit
from agenda.model import Session, format_duration
from agenda.promises import PreviousActions, Promise
from agenda.visible import visible
from facilitator.panes.base import PhasePane, Row, sync_rows, touches
from facilitator.widgets.text import plain, shown

READING = "Reading the other postmortems in this folder…"


def incident_grid(session: Session) -> Table:
    """The incident header as label / value rows; values wrap under themselves."""
    incident = session.incident
    impact = incident.impact
    breached = {True: "yes", False: "no", None: "unknown"}[impact.sla_breached]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=15, no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    grid.add_row(Text("Incident"), Text(shown(incident.title), style="bold"))
    for label, value in (
        ("Id", incident.id or "—"),
        ("Severity", incident.severity.value),
        ("Status", incident.status.value),
        ("Services", ", ".join(incident.services) or "—"),
        ("Summary", incident.summary or "—"),
        ("Users affected", impact.users or "—"),
        ("Revenue", impact.revenue or "—"),
        ("Error budget", impact.error_budget or "—"),
        ("SLA breached", breached),
        ("Duration", format_duration(session.impact_duration)),
        ("Trigger", incident.trigger or "—"),
        ("Detection", incident.detection or "—"),
        ("Resolution", incident.resolution or "—"),
    ):
        grid.add_row(Text(label), Text(shown(value)))
    return grid


class OpeningPane(PhasePane):
    """Read the header aloud and check who is here."""

    PANE = Pane.OPENING

    def __init__(self, session: Session, today: date) -> None:
        super().__init__(session)
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="opening-body"):
            yield Static(id="incident", classes="card")
            table: DataTable[object] = DataTable(id="participants", cursor_type="row")
            table.border_title = "In the room"
            yield table
            note = Static(READING, id="promises-note", classes="card", markup=False)
            note.border_title = "Last time's promises"
            yield note
            promises: DataTable[object] = DataTable(id="promises", cursor_type="row")
            promises.display = False
            yield promises

    def on_mount(self) -> None:
        table = self.query_one("#participants", DataTable)
        table.add_column("Name", key="name")
        table.add_column("Role", key="role")
        promises = self.query_one("#promises", DataTable)
        for column in ("Postmortem", "Action", "Owner", "Due", "Status"):
            promises.add_column(column, key=column.lower())
        self._show_incident()
        self._sync_people()

    def show_edit(self, edit: Edit) -> None:
        if edit.metrics or touches(edit, "incident"):
            self._show_incident()
        if touches(edit, "meeting"):
            self._sync_people()

    def _show_incident(self) -> None:
        self.query_one("#incident", Static).update(incident_grid(self.session))

    def _sync_people(self) -> None:
        meeting = self.session.meeting
        people = [(p.name, p.role) for p in meeting.participants]
        named = {p.name for p in meeting.participants}
        for name, role in ((meeting.facilitator, "facilitator"), (meeting.scribe, "scribe")):
            if name and name not in named:
                people.append((name, role))
        rows = [
            (f"{i}:{name}", [plain(name), plain(role or "—")], 1)
            for i, (name, role) in enumerate(people)
        ]
        sync_rows(self.query_one("#participants", DataTable), rows, None)

    def show_previous(self, previous: PreviousActions) -> None:
        """The open actions of earlier postmortems sharing a service or tag (read by a worker)."""
        self.query_one("#promises-note", Static).update(previous.line())
        rows = [self._promise_row(p) for p in previous.promises]
        table = self.query_one("#promises", DataTable)
        table.display = bool(rows)
        sync_rows(table, rows, None)

    def _promise_row(self, promise: Promise) -> Row:
        action = promise.action
        status = Text(due_label(action.due, self.today))
        if promise.overdue_days:
            status.stylize("bold red")
        cells = [  # other people's files: control characters shown, never sent raw
            plain(visible(action.session.name), limit=18),
            plain(visible(" ".join(action.title.split())), limit=48),
            plain(visible(action.owner or "no owner"), limit=14),
            Text(action.due.isoformat() if action.due else "no date"),
            status,
        ]
        return f"{action.session.path}:{action.id}", cells, 1

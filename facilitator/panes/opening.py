"""Provides the Opening pane: the incident header, its impact, and who is in the room."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from agenda.agendas import Pane
from agenda.history import Edit
from agenda.model import Session, format_duration
from facilitator.panes.base import PhasePane, sync_rows, touches
from facilitator.widgets.text import plain


def incident_grid(session: Session) -> Table:
    """The incident header as label / value rows; values wrap under themselves."""
    incident = session.incident
    impact = incident.impact
    breached = {True: "yes", False: "no", None: "unknown"}[impact.sla_breached]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=15, no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    grid.add_row(Text("Incident"), Text(incident.title, style="bold"))
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
        grid.add_row(Text(label), Text(value))
    return grid


class OpeningPane(PhasePane):
    """Read the header aloud and check who is here."""

    PANE = Pane.OPENING

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="opening-body"):
            yield Static(id="incident", classes="card")
            table: DataTable[object] = DataTable(id="participants", cursor_type="row")
            table.border_title = "In the room"
            yield table

    def on_mount(self) -> None:
        table = self.query_one("#participants", DataTable)
        table.add_column("Name", key="name")
        table.add_column("Role", key="role")
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

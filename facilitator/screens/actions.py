"""Provides the Action items pane: every promise with its owner, date and factors."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable

from agenda.model import Action, Session
from facilitator.widgets.text import plain


def due_text(action: Action, today: date) -> Text:
    if action.due is None:
        return Text("no date", style="bold red")
    days = (action.due - today).days
    if action.status.is_open and days < 0:
        return Text(f"{action.due.isoformat()} (overdue {-days}d)", style="bold red")
    return Text(action.due.isoformat())


class ActionsPane(Vertical):
    """One owner, one date, one ticket for every action."""

    def __init__(self, session: Session, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.today = today

    def compose(self) -> ComposeResult:
        table: DataTable[object] = DataTable(
            id="action-table", cursor_type="row", zebra_stripes=True
        )
        table.border_title = "Action items"
        yield table

    def on_mount(self) -> None:
        table = self.query_one("#action-table", DataTable)
        for label, key in (
            ("#", "id"),
            ("Action", "title"),
            ("Owner", "owner"),
            ("Due", "due"),
            ("Pri", "priority"),
            ("Type", "type"),
            ("Status", "status"),
            ("Ticket", "ticket"),
            ("Factors", "factors"),
        ):
            table.add_column(label, key=key)
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#action-table", DataTable)
        table.clear()
        for action in self.session.actions:
            table.add_row(
                action.id,
                plain(action.title, limit=60),
                plain(action.owner) if action.owner else Text("no owner", style="bold red"),
                due_text(action, self.today),
                action.priority.value,
                action.type.value,
                action.status.value,
                plain(action.ticket or "—"),
                ", ".join(action.factors) or Text("none", style="yellow"),
                key=action.id,
            )

"""Provides the Action items pane: every promise with its owner, date and factors."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from agenda.model import Action, Session
from facilitator.screens.timeline import SIDEBAR_AND_PADDING
from facilitator.widgets.tables import fill_width


def due_text(action: Action, today: date) -> Text:
    if action.due is None:
        return Text("no date", style="bold red")
    days = (action.due - today).days
    if action.status.is_open and days < 0:
        return Text(f"{action.due.isoformat()}\noverdue {-days}d", style="bold red")
    return Text(action.due.isoformat())


COLUMNS = [
    ("Owner", "owner", 10),
    ("Due", "due", 10),
    ("Pri · type", "priority", 12),
    ("Status", "status", 11),
]


def title_text(action: Action) -> Text:
    """The action's title, then a dim line with its id, ticket and the factors it addresses."""
    text = Text(action.title)
    factors = ", ".join(action.factors) if action.factors else "no factor"
    text.append(f"\n{action.id} · {action.ticket or 'no ticket'} · addresses {factors}", "dim")
    return text


class ActionsPane(Vertical):
    """One owner, one date, one ticket for every action."""

    def __init__(self, session: Session, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.today = today
        self.marks: dict[str, Text] = {}

    def compose(self) -> ComposeResult:
        table: DataTable[object] = DataTable(
            id="action-table", cursor_type="row", zebra_stripes=True
        )
        table.border_title = "Action items"
        yield table

    def on_mount(self) -> None:
        table = self.query_one("#action-table", DataTable)
        table.add_column("", key="mark", width=1)
        self._width = self.app.size.width - SIDEBAR_AND_PADDING
        table.add_column("Action", key="title", width=self._title_width())
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        self.reload()

    def _title_width(self) -> int:
        return fill_width(self._width, [1] + [w for _, _, w in COLUMNS], minimum=20)

    def on_resize(self, event: Resize) -> None:
        width = self.size.width  # the content width; the event's size includes the padding
        if width and width != self._width:
            self._width = width
            table = self.query_one("#action-table", DataTable)
            table.columns[ColumnKey("title")].width = self._title_width()
            self.reload()

    def reload(self) -> None:
        table = self.query_one("#action-table", DataTable)
        table.clear()
        for action in self.session.actions:
            table.add_row(
                self.marks.get(action.id, Text("")),
                title_text(action),
                Text(action.owner) if action.owner else Text("no owner", style="bold red"),
                due_text(action, self.today),
                f"{action.priority.value} {action.type.value}",
                action.status.value,
                key=action.id,
                height=None,
            )

    def set_marks(self, marks: dict[str, Text]) -> None:
        """Mark the rows of actions with findings; only rows whose mark changed are touched."""
        table = self.query_one("#action-table", DataTable)
        changed = {k for k in set(marks) | set(self.marks) if marks.get(k) != self.marks.get(k)}
        self.marks = marks
        for key in changed:
            if key in table.rows:
                table.update_cell(key, "mark", marks.get(key, Text("")))

    def select(self, action_id: str) -> None:
        table = self.query_one("#action-table", DataTable)
        if action_id in table.rows:
            table.move_cursor(row=table.get_row_index(action_id))
            table.focus()

"""Provides the Action items pane: each promise with one owner, a date, and what it fixes."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from agenda.actions import (
    SortOrder,
    add_action,
    delete_action,
    due_label,
    replace_action,
    sort_actions,
)
from agenda.agendas import Pane
from agenda.checks.checklist import coverage
from agenda.history import Edit
from agenda.model import Action, Session
from agenda.queries import find_in
from agenda.visible import visible
from facilitator.dialogs.action_form import ActionForm
from facilitator.keys import ACTION_KEYS
from facilitator.messages import EditRequested
from facilitator.panes.base import PhasePane, Row, sync_rows, touched_ids
from facilitator.panes.timeline import SIDEBAR_AND_PADDING
from facilitator.tones import Tone, tone, toned
from facilitator.widgets.tables import fill_width
from facilitator.widgets.text import shown

COLUMNS = [
    ("Owner", "owner", 10),
    ("Due", "due", 10),
    ("Priority", "priority", 12),
]
SORT_ORDERS = list(SortOrder)


def due_text(action: Action, today: date) -> Text:
    if action.due is None:
        return toned("no date", Tone.ERROR, bold=True)
    label = due_label(action.due, today, open_=action.status.is_open)
    style = tone(Tone.ERROR, bold=True) if label.startswith("overdue") else ""
    if label == action.due.isoformat():
        return Text(label, style=style)
    return Text(f"{action.due.isoformat()}\n{label}", style=style)


def status_text(action: Action) -> Text:
    """ "P1 prevent" over its status; the status is dim until the owner confirmed it aloud."""
    text = Text(f"{action.priority.value} {action.type.value}\n")
    text.append(action.status.value, style="" if action.confirmed else "dim italic")
    return text


def title_text(action: Action) -> Text:
    """The action's title, then a dim line with its id, ticket and the factors it addresses."""
    text = Text(shown(action.title))
    factors = ", ".join(action.factors) if action.factors else "no factor"
    line = f"{action.id} · {action.ticket or 'no ticket'} · addresses {factors}"
    text.append(f"\n{visible(line)}", "dim")
    return text


class ActionsPane(PhasePane):
    """One owner, one date, one ticket for every action; each tied to a contributing factor."""

    PANE = Pane.ACTIONS
    BINDINGS = [Binding(k.key, k.action, k.label) for k in ACTION_KEYS]

    def __init__(self, session: Session, today: date) -> None:
        super().__init__(session)
        self.today = today
        self.marks: dict[str, Text] = {}
        self.order = SortOrder.ENTRY
        self._select_after_sync: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="coverage", markup=False)
        table: DataTable[object] = DataTable(
            id="action-table", cursor_type="row", zebra_stripes=True
        )
        table.border_title = "Action items"
        yield table

    @property
    def table(self) -> DataTable[object]:
        return self.query_one("#action-table", DataTable)

    def on_mount(self) -> None:
        table = self.table
        table.add_column("", key="mark", width=1)
        self._width = self.app.size.width - SIDEBAR_AND_PADDING
        table.add_column("Action", key="title", width=self._title_width())
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)

    def fill(self) -> None:
        self.reload()

    def _title_width(self) -> int:
        return fill_width(self._width, [1] + [w for _, _, w in COLUMNS], minimum=20)

    def on_resize(self, event: Resize) -> None:
        width = self.size.width
        if width and width != self._width:
            self._width = width
            self.table.columns[ColumnKey("title")].width = self._title_width()
            if self.filled:
                self.reload()

    def reload(self) -> None:
        """Show every action in the chosen order (on open, resize and a new sort order)."""
        self.table.border_subtitle = f"sorted by {self.order.value} · s changes"
        self._sync(None)

    def _row(self, action: Action) -> Row:
        owner = (
            Text(shown(action.owner)) if action.owner else toned("no owner", Tone.ERROR, bold=True)
        )
        title = title_text(action)
        cells = [
            self.marks.get(action.id, Text("")),
            title,
            owner,
            due_text(action, self.today),
            status_text(action),
        ]
        # Measured here, not by the table: height=None renders every cell to measure it.
        height = max(2, len(title.wrap(self.app.console, self._title_width())))
        return action.id, cells, height

    def _sync(self, touched: set[str] | None) -> None:
        selected = self.selected_id()
        rows = [self._row(a) for a in sort_actions(self.session.actions, self.order)]
        sync_rows(self.table, rows, touched)
        if selected and selected in self.table.rows:
            self.select(selected, focus=False)
        self.query_one("#coverage", Static).update(coverage(self.session).line)

    def show_edit(self, edit: Edit) -> None:
        if not self.filled:
            return
        actions = touched_ids(edit, "A")
        if actions or touched_ids(edit, "F") or not edit.touched:
            self._sync(actions if edit.touched else None)
        target, self._select_after_sync = self._select_after_sync, None
        if target:  # added from the analysis (n), the keyboard stays there
            self.select(target, focus=self.display)

    def item_under_cursor(self) -> str:
        selected = self.selected_id()
        return f"action:{selected}" if selected else ""

    def reveal(self, kind: str, item_id: str) -> bool:
        self.ensure_filled()
        if kind != "action" or item_id not in self.table.rows:
            return False
        self.select(item_id)
        return True

    def selected_id(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def show_marks(self, marks: dict[str, Text]) -> None:
        """Mark the rows of actions with findings; only rows whose mark changed are touched."""
        table = self.table
        changed = {k for k in set(marks) | set(self.marks) if marks.get(k) != self.marks.get(k)}
        self.marks = marks
        for key in changed:
            if key in table.rows:
                table.update_cell(key, "mark", marks.get(key, Text("")))

    def select(self, action_id: str, *, focus: bool = True) -> None:
        table = self.table
        if action_id in table.rows:
            table.move_cursor(row=table.get_row_index(action_id))
            if focus:
                self.take_focus(table)

    # ---- editing ------------------------------------------------------------------------------

    def _form(self, action: Action, title: str = "") -> ActionForm:
        return ActionForm(
            action,
            today=self.today,
            participants=self.session.participant_names(),
            factors=self.session.analysis.factors,
            title=title,
        )

    def action_add(self) -> None:
        self.add_for_factors([])

    def add_for_factors(self, factors: list[str]) -> None:
        """Open the form for a new action, already linked to these factors."""
        action = Action(id=self.session.next_id("A"), title="new action", factors=factors)

        def done(created: Action | None) -> None:
            if created is not None:
                self.post_message(EditRequested(add_action(created)))
                self._select_after_sync = created.id
                if not self.display:  # added from the analysis (n): say where it went
                    self.app.notify(f"{created.id} added: the Action items phase lists it.")

        self.app.push_screen(
            self._form(action.model_copy(update={"title": ""}), "New action"), done
        )

    @on(DataTable.RowSelected, "#action-table")
    def _row_selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        action = self._selected()
        if action is None:
            return

        def done(changed: Action | None) -> None:
            if changed is not None and changed != action:
                self.post_message(EditRequested(replace_action(self.session, changed)))

        self.app.push_screen(self._form(action), done)

    def action_delete(self) -> None:
        action = self._selected()
        if action is not None:
            self.post_message(EditRequested(delete_action(self.session, action.id)))
            self.app.notify(f"Deleted {action.id}. ctrl+z brings it back.")

    def action_sort(self) -> None:
        self.order = SORT_ORDERS[(SORT_ORDERS.index(self.order) + 1) % len(SORT_ORDERS)]
        self.reload()

    def _selected(self) -> Action | None:
        selected = self.selected_id()
        return find_in(self.session.actions, selected)

"""Provides PhasePane, the one shape of the five phase panes, and the row helpers they share."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from agenda.agendas import Pane
from agenda.history import Edit
from agenda.model import Session

if TYPE_CHECKING:
    from agenda.checks import Finding
    from agenda.promises import PreviousActions

IN_VIEW = 4
"""Lines of a focused table that must be on screen (its title, header and a first row)."""


class PhasePane(Vertical):
    """A phase's pane: shows part of the one session and asks the app for edits.

    The main screen treats all five alike: it hands each applied or undone edit to every
    pane (`show_edit`), asks the pane in view what is under the cursor (`item_under_cursor`),
    brings an item into view (`reveal`), gives it the keyboard (`focus_default`), marks the
    items with findings (`show_marks`) and hands on the findings and last time's promises to
    the panes that list them (`show_findings`, `show_previous`). A pane updates only the rows
    or nodes an edit touched.

    A pane builds its rows the first time it is shown (`fill`), not when the app starts: a
    long session's tables cost nothing until someone looks at them. Until then `show_edit`
    has nothing to update (`filled` is False), and the first look shows the session as it is.
    """

    PANE: ClassVar[Pane]

    def __init__(self, session: Session) -> None:
        super().__init__(id=self.PANE.value)
        self.session = session
        self.filled = False
        """Whether `fill` has built what the pane shows."""

    def fill(self) -> None:
        """Build what the pane shows from the session as it is now (once)."""

    def ensure_filled(self) -> None:
        """Fill the pane if it has not been yet (on its first show, or before a reveal)."""
        if not self.filled:
            self.filled = True
            self.fill()
            gc.freeze()  # its rows join what loading made (facilitator/arrival.py: freeze)

    def on_show(self) -> None:
        self.ensure_filled()

    def show_edit(self, edit: Edit) -> None:
        """Show what an applied or undone edit changed (its ``touched`` ids and sections)."""

    def show_findings(self, findings: list[Finding]) -> None:
        """Show the findings themselves, where a pane lists them (the opening's readiness)."""

    def show_previous(self, previous: PreviousActions) -> None:
        """Show last time's promises, where a pane uses them (the opening and closing)."""

    def item_under_cursor(self) -> str:
        """A reference to the item the facilitator is on ("event:E12"), or "" for none."""
        return ""

    def reveal(self, kind: str, item_id: str) -> bool:
        """Bring an item into view with the cursor on it; False when this pane has none."""
        return False

    def focus_default(self) -> None:
        """Give the keyboard to where work in this pane starts."""
        targets = self.query("DataTable, Tree")
        if targets:
            self.focus_in_view(targets.first())

    def take_focus(self, widget: Widget) -> None:
        """Give ``widget`` the keyboard now. `Widget.focus` does it only after the messages
        the app has queued, and keys typed while a pane was being built wait in that queue:
        they would go to the pane just hidden (and be lost), not to the one they were typed
        for."""
        self.screen.set_focus(widget)

    def focus_in_view(self, widget: Widget) -> None:
        """Give ``widget`` the keyboard and scroll the pane to it once the pane is laid out: a
        pane shown just now has no layout yet, and at 80x24 the widget may sit below the fold."""
        self.take_focus(widget)
        self.call_after_refresh(self._bring_into_view, widget)

    def _bring_into_view(self, widget: Widget) -> None:
        if widget.region.intersection(self.region).height < min(IN_VIEW, widget.region.height):
            widget.scroll_visible(animate=False)  # only when hardly seen: keep what is above

    def show_marks(self, marks: dict[str, Text]) -> None:
        """Mark the items with findings ({item id: mark}); only changed marks are redrawn."""

    def restyle(self) -> None:
        """Show the same in the running theme's colours, once the theme changed: what the pane
        built in Python holds the old theme's (facilitator/tones.py), so it is built again, as
        for an edit that touched everything."""
        if self.filled:
            self.show_edit(EVERYTHING)


def _unchanged(session: Session) -> None:
    """Neither applies nor reverts anything (EVERYTHING is never done, only shown)."""


EVERYTHING = Edit("restyle", _unchanged, _unchanged)
"""An edit that names nothing, so every pane shows all it has again."""


def touches(edit: Edit, *names: str) -> bool:
    """Whether an edit touched any of these items or sections (an edit that names nothing
    touched everything)."""
    return not edit.touched or any(name in edit.touched for name in names)


def touched_ids(edit: Edit, prefix: str) -> set[str]:
    """The ids of one kind of item an edit touched ("A" for actions, "W" for whys)."""
    return {item for item in edit.touched if item[:1] == prefix and item[1:].isdigit()}


Row = tuple[str, Sequence[Any], int]
"""A table row to show: its key, its cells, and its height in lines."""


def sync_rows(table: DataTable[Any], rows: Sequence[Row], touched: Iterable[str] | None) -> None:
    """Bring a keyed table in line with ``rows`` (in the order to show), touching only the
    rows in ``touched`` (None: every row): changed rows are updated cell by cell (added again
    when their height changed), new ones added, gone ones removed, and the order restored when
    it moved."""
    wanted = {key: (cells, height) for key, cells, height in rows}
    columns = [column.key for column in table.ordered_columns]
    shown = {str(key.value) for key in table.rows}
    for key in set(wanted) | shown if touched is None else set(touched):
        present = key in shown
        if present and (key not in wanted or table.rows[RowKey(key)].height != wanted[key][1]):
            table.remove_row(key)
            present = False
        if key not in wanted:
            continue
        cells, height = wanted[key]
        if not present:
            table.add_row(*cells, key=key, height=height)
            continue
        for column, value in zip(columns, cells, strict=True):
            table.update_cell(key, column, value, update_width=True)
    order = [key for key, _, _ in rows]
    if [str(k.value) for k in _row_keys_in_order(table)] != order:
        position = {key: index for index, key in enumerate(order)}
        table.sort(key=_by_position(table, position))


def _row_keys_in_order(table: DataTable[Any]) -> list[Any]:
    return [
        table.coordinate_to_cell_key(Coordinate(row, 0)).row_key for row in range(table.row_count)
    ]


def _by_position(table: DataTable[Any], position: dict[str, int]) -> Any:
    """A sort key for `DataTable.sort`, which hands the key function a row's cells, not its
    key: the cells of each row are told apart by their identity."""
    by_cells = {
        frozenset(id(cell) for cell in table.get_row(row_key)): position[str(row_key.value)]
        for row_key in table.rows
    }
    return lambda cells: by_cells[frozenset(id(cell) for cell in cells)]

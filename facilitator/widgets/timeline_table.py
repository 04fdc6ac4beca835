"""Provides the timeline table: events in time order, gap rows, key-time marks, row updates."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import datetime

from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from agenda.model import Event, EventKind, Session
from agenda.queries import Gap, find_gaps, find_in, key_times_of
from facilitator.widgets.tables import fill_width
from facilitator.widgets.text import shown

COLUMNS = [
    ("", "mark", 1),
    ("Id", "id", 4),
    ("Time", "time", 5),
    ("Kind", "kind", 11),
    ("Source", "source", 7),
    ("Key", "key", 12),
]
WIDE_TIME = 11
"""A time with its date, for timelines that span days."""
GAP_PREFIX = "gap:"
MAX_ROW_HEIGHT = 8
"""A pasted wall of text shows its first lines; the form shows all of it."""


class TimeCell(Text):
    """The time column's cell; carries the key that keeps rows in time order."""

    sort_key: tuple[datetime, int, int]


def time_cell(moment: datetime, sequence: int, *, wide: bool, gap: bool = False) -> TimeCell:
    cell = TimeCell("" if gap else moment.strftime("%m-%d %H:%M" if wide else "%H:%M"))
    cell.sort_key = (moment, sequence, 1 if gap else 0)
    return cell


def description_cell(event: Event) -> Text:
    text = Text(shown(event.description))
    if event.kind is EventKind.DECISION:
        if event.known.strip():
            text.append("\nKnew: ", style="bold italic")
            text.append(shown(event.known), style="italic")
        else:
            text.append("\nWhat did the people involved know here? (e to record it)", "bold yellow")
    return text


def timeline_title(events: list[Event]) -> str:
    """The table's title names the day (or the days) the timeline covers: the rows show only
    HH:MM while every event falls on one day, and a wrong date must still be seen."""
    if not events:
        return "Timeline (UTC)"
    first, last = events[0].at.date(), events[-1].at.date()
    if first == last:
        return f"Timeline (UTC) · {first.isoformat()}"
    return f"Timeline (UTC) · {first.isoformat()} to {last.isoformat()}"


def _id_width(events: Iterable[Event]) -> int:
    """The Id column's width: its heading's, or the longest id's (E1000 on a long timeline)."""
    return max([COLUMNS[1][2], *(len(event.id) for event in events)])


class TimelineTable(DataTable[object]):
    """Rows keyed by event id (and gap:ID for gaps); an edit touches only its own rows."""

    BINDINGS = [  # a row table: Home and End go to the first and last event, not sideways
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.session = session
        self._sequence: dict[str, int] = {}
        self._wide = False
        self._gaps: dict[str, Gap] = {}
        self.available_width = 90
        """The pane's width; the description column takes what the others leave."""
        self.marks: dict[str, Text] = {}
        """The findings mark of each event that has one."""

    # ---- what is where -----------------------------------------------------------------

    def event_at_cursor(self) -> Event | None:
        """The highlighted event; on a gap row, the event before the gap."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value or ""
        if key.startswith(GAP_PREFIX):
            key = self._gaps[key].after
        return find_in(self.session.timeline, key)

    def gap_at_cursor(self) -> Gap | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value or ""
        return self._gaps.get(key)

    def select_event(self, event_id: str) -> None:
        if event_id in self.rows:
            self.move_cursor(row=self.get_row_index(event_id))

    # ---- filling and updating --------------------------------------------------------------

    def _sequence_of(self, event_id: str) -> int:
        if event_id not in self._sequence:
            self._sequence[event_id] = len(self._sequence)
        return self._sequence[event_id]

    def _event_cells(self, event: Event) -> list[object]:
        marks = ", ".join(key.label for key in key_times_of(self.session, event.id))
        return [
            self.marks.get(event.id, Text("")),
            Text(event.id, style="dim"),
            time_cell(event.at, self._sequence_of(event.id), wide=self._wide),
            event.kind.value,
            event.source.value,
            Text(marks, style="bold"),
            description_cell(event),
        ]

    def _add_event_row(self, event: Event) -> None:
        cells = self._event_cells(event)
        self.add_row(*cells, key=event.id, height=self._height(cells))

    @property
    def _id_width(self) -> int:
        return self.columns[ColumnKey("id")].width

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The table's scrollable size. Every column here has a set width and every row a set
        height, so there is nothing to measure; DataTable would measure each new cell all the
        same (35,000 of them at 5,000 events: most of the first fill's time). Overrides a
        private method of Textual 8 (uv.lock pins it); without set widths, Textual's own."""
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )

    def _height(self, cells: list[object]) -> int:
        """The row's height from its wrapped text, computed here rather than by rendering
        every cell (which is what auto-height costs on a long timeline)."""
        console = self.app.console
        height = 1
        for column, cell in zip(self.ordered_columns, cells, strict=True):
            if not (isinstance(cell, Text) and cell.plain and column.width):
                continue
            if "\n" not in cell.plain and cell.cell_len <= column.width:
                continue  # fits on one line: no need to wrap it (most rows, 5,000 of them)
            height = max(height, len(cell.wrap(console, column.width)))
        return min(height, MAX_ROW_HEIGHT)

    def fill(self) -> None:
        """Build every row; used once, and when the width or the day span changes."""
        self.clear()
        for event in self.session.timeline:
            self._sequence_of(event.id)
        events = self.session.sorted_timeline()
        self._wide = len({e.at.date() for e in events}) > 1
        self.border_title = timeline_title(events)
        self.columns[ColumnKey("time")].width = WIDE_TIME if self._wide else COLUMNS[2][2]
        self.columns[ColumnKey("id")].width = _id_width(self.session.timeline)
        fixed = [self.columns[ColumnKey(key)].width for _, key, _ in COLUMNS]
        self.columns[ColumnKey("description")].width = fill_width(
            self.available_width, fixed, minimum=24
        )
        for event in events:
            self._add_event_row(event)
        self._gaps = {}
        self._sync_gaps(events)
        self._sort()

    def sync(self, touched: frozenset[str]) -> None:
        """Bring the rows of the touched events (and the gaps) up to date with the session."""
        events = self.session.sorted_timeline()
        by_id = {e.id: e for e in self.session.timeline}
        wider = _id_width(by_id[key] for key in touched if key in by_id)
        if (len({e.at.date() for e in events}) > 1) != self._wide or wider > self._id_width:
            self.fill()
            return
        self.border_title = timeline_title(events)
        added = []
        for event_id in touched:
            if event_id in self.rows:
                self.remove_row(event_id)
            event = by_id.get(event_id)
            if event is not None:
                self._add_event_row(event)
                added.append(event_id)
        added.extend(self._sync_gaps(events))
        if len(added) == 1:
            self._place(added[0])
        elif added:
            self._sort()

    def _place(self, key: str) -> None:
        """Move one row, just added (so last), to its place in time order by bisection.

        DataTable adds rows only at the end, and its `sort` calls a key for every row and
        sorts them all: at 5,000 events that was most of an edit's time. This rebuilds the
        table's row index as its own `sort` and `remove_row` do (`_row_locations`, private in
        Textual 8, which uv.lock pins), with one list insert instead of a sort."""
        row_key = RowKey(key)
        order = [row.key for row in self.ordered_rows if row.key != row_key]
        moment = self._sort_key(row_key)
        at = bisect_right(order, moment, key=self._sort_key)
        order.insert(at, row_key)
        self._row_locations = TwoWayDict({k: index for index, k in enumerate(order)})
        self._update_count += 1
        self.refresh()

    def _sort_key(self, row_key: RowKey) -> tuple[datetime, int, int]:
        cell = self.get_cell(row_key, "time")
        assert isinstance(cell, TimeCell)
        return cell.sort_key

    def _sync_gaps(self, events: list[Event]) -> list[str]:
        """Add, remove or update the gap rows; returns the keys of the rows it added."""
        added = []
        gaps = {f"{GAP_PREFIX}{g.after}": g for g in find_gaps(self.session, events)}
        for key, gap in self._gaps.items():
            if gaps.get(key) != gap and key in self.rows:
                self.remove_row(key)
        by_id = {e.id: e for e in events}
        for key, gap in gaps.items():
            if key not in self.rows:
                after = by_id[gap.after]
                cell = time_cell(after.at, self._sequence_of(after.id), wide=self._wide, gap=True)
                prompt = Text(f"⋯ {gap.prompt}", style="bold yellow")
                cells: list[object] = [Text(""), Text(""), cell, "", "", "", prompt]
                self.add_row(*cells, key=key, height=self._height(cells))
                added.append(key)
        self._gaps = gaps
        return added

    def _sort(self) -> None:
        self.sort(ColumnKey("time"), key=lambda cell: cell.sort_key)

    def set_marks(self, marks: dict[str, Text]) -> None:
        """Mark the rows of events with findings; only rows whose mark changed are touched."""
        changed = {
            key for key in set(marks) | set(self.marks) if marks.get(key) != self.marks.get(key)
        }
        self.marks = marks
        for key in changed:
            if self.has_row(key):
                self.update_cell(key, "mark", marks.get(key, Text("")))

    def row_keys_in_order(self) -> list[str]:
        """Row keys top to bottom: event ids, and gap:ID for gap rows."""
        return [str(row.key.value) for row in self.ordered_rows]

    def has_row(self, key: str) -> bool:
        return RowKey(key) in self.rows

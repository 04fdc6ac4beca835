"""Provides the timeline table: events in time order, gap rows, key-time marks, row updates."""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import datetime

from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import Column, ColumnKey, DuplicateKey, Row, RowKey

from agenda.model import Event, EventKind, Session
from agenda.queries import Gap, find_gaps, find_in, key_times_of
from facilitator.tones import Tone, tone, toned
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
NARROW_COLUMNS = [("", "mark", 1), ("Id", "id", 4), ("Time", "time", 5), ("Kind · key", "kind", 12)]
"""Below `NARROW_BELOW` columns of pane (80×24, or 100 columns with the sidebar) the source
goes and the key-time mark shares the kind's cell, so that what happened keeps at least 40
characters at 80×24."""
NARROW_BELOW = 90
WIDE_TIME = 11
"""A time with its date, for timelines that span days."""
GAP_PREFIX = "gap:"
FIRST_ROWS = 120
"""Rows a fill adds before the table is first drawn: more than the tallest screen shows."""
LATER_ROWS = 400
"""Rows added at a time after that (about 20 ms each), with keys answered in between."""
MAX_ROW_HEIGHT = 8
"""A pasted wall of text shows its first lines; the form shows all of it."""
MORE = " … (e)"
"""Ends a description cut at `MAX_ROW_HEIGHT` lines: e opens the form, which shows it all."""


TimeKey = tuple[datetime, int, int]
"""Where a row sorts: its event's time, the order events were added in, 1 for a gap row."""


class TimeCell(Text):
    """The time column's cell; carries the key that keeps rows in time order."""

    sort_key: TimeKey


def time_cell(
    moment: datetime, sequence: int, *, wide: bool, gap: bool = False, about: bool = False
) -> TimeCell:
    """The time as the room reads it: ``~14:05`` when it is approximate."""
    shown = moment.strftime("%m-%d %H:%M" if wide else "%H:%M")
    cell = TimeCell("" if gap else f"~{shown}" if about else shown)
    cell.sort_key = (moment, sequence, 1 if gap else 0)
    return cell


def description_cell(event: Event) -> Text:
    text = Text(shown(event.description))
    if event.kind is EventKind.DECISION:
        if event.known.strip():
            text.append("\nKnew: ", style="bold italic")
            text.append(shown(event.known), style="italic")
        else:
            text.append(
                "\nWhat did the people involved know here? (e to record it)",
                tone(Tone.WARNING, bold=True),
            )
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
        self._about = False
        """Whether some event's time is approximate: the time column then has room for "~"."""
        self._gaps: dict[str, Gap] = {}
        self._pending: Iterator[Event | tuple[str, Gap]] | None = None
        """The rows a fill has still to add, in table order."""
        self._by_id: dict[str, Event] = {}
        self.available_width = 90
        """The pane's width; the description column takes what the others leave."""
        self.narrow = False
        """Whether the table shows the narrow set of columns (`NARROW_COLUMNS`)."""
        self.marks: dict[str, Text] = {}
        """The findings mark of each event that has one."""

    # ---- moving past the rows a fill has added so far --------------------------------------

    def action_scroll_bottom(self) -> None:
        self.finish_fill()
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        self._finish_near_end()
        super().action_page_down()

    def action_cursor_down(self) -> None:
        self._finish_near_end()
        super().action_cursor_down()

    def _finish_near_end(self) -> None:
        if self._pending is not None and self.cursor_row + self.size.height >= self.row_count:
            self.finish_fill()

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
        if RowKey(event_id) not in self.rows:  # not added yet (or not there at all)
            self.finish_fill()
        if event_id in self.rows:
            self.move_cursor(row=self.get_row_index(event_id))

    # ---- filling and updating --------------------------------------------------------------

    def _sequence_of(self, event_id: str) -> int:
        if event_id not in self._sequence:
            self._sequence[event_id] = len(self._sequence)
        return self._sequence[event_id]

    def _event_cells(self, event: Event) -> list[object]:
        marks = ", ".join(key.label for key in key_times_of(self.session, event.id))
        mark = self.marks.get(event.id, Text(""))
        ident = Text(event.id, style="dim")
        sequence = self._sequence_of(event.id)
        time = time_cell(event.at, sequence, wide=self._wide, about=event.approximate)
        description = self._cut(description_cell(event))
        if self.narrow:
            kind = Text(event.kind.value)
            if marks:
                kind.append("\n" + marks, style="bold")
            return [mark, ident, time, kind, description]
        kept = [event.kind.value, event.source.value, Text(marks, style="bold")]
        return [mark, ident, time, *kept, description]

    def _cut(self, description: Text) -> Text:
        """A description longer than a row shows: its first lines, the last ending in a mark
        that there is more (a wall of pasted text; the form and presentation show it whole).
        Cut without a mark, a row read as if it ended there."""
        width = self.columns[ColumnKey("description")].width if self.columns else 0
        if not width or ("\n" not in description.plain and description.cell_len <= width):
            return description
        lines = description.wrap(self.app.console, width)
        if len(lines) <= MAX_ROW_HEIGHT:
            return description
        shown = lines[:MAX_ROW_HEIGHT]
        last = shown[-1]
        last.rstrip()
        last.truncate(width - len(MORE), overflow="crop")
        last.append(MORE, style="dim")
        return Text("\n").join(shown)

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

    def _height(self, cells: list[object], columns: list[Column] | None = None) -> int:
        """The row's height from its wrapped text, computed here rather than by rendering
        every cell (which is what auto-height costs on a long timeline)."""
        console = self.app.console
        height = 1
        for column, cell in zip(columns or self.ordered_columns, cells, strict=True):
            if not (isinstance(cell, Text) and cell.plain and column.width):
                continue
            if "\n" not in cell.plain and cell.cell_len <= column.width:
                continue  # fits on one line: no need to wrap it (most rows, 5,000 of them)
            height = max(height, len(cell.wrap(console, column.width)))
        return min(height, MAX_ROW_HEIGHT)

    def _set_columns(self) -> None:
        """The columns for the width: the description always takes what the others leave."""
        self.narrow = self.available_width < NARROW_BELOW
        columns = NARROW_COLUMNS if self.narrow else COLUMNS
        self.clear(columns=True)
        for label, key, width in columns:
            self.add_column(label, key=key, width=width)
        about = any(event.approximate for event in self.session.timeline)  # "~14:05"
        self._about = about
        self.columns[ColumnKey("time")].width = (WIDE_TIME if self._wide else COLUMNS[2][2]) + about
        self.columns[ColumnKey("id")].width = _id_width(self.session.timeline)
        fixed = [self.columns[ColumnKey(key)].width for _, key, _ in columns]
        width = fill_width(self.available_width, fixed, minimum=24)
        self.add_column("What happened", key="description", width=width)

    def fill(self) -> None:
        """Build every row; used once, and when the width or the day span changes. A long
        timeline shows its first rows at once and adds the rest just after. The cursor stays
        on its row: a new width (the pane shown, f6, ctrl+b) must not lose the room's place."""
        under = self._key_at_cursor()
        self._pending = None
        for event in self.session.timeline:
            self._sequence_of(event.id)
        events = self.session.sorted_timeline()
        self._wide = len({e.at.date() for e in events}) > 1
        self.border_title = timeline_title(events)
        self._set_columns()
        by_id = {e.id: e for e in events}
        gaps = {f"{GAP_PREFIX}{g.after}": g for g in find_gaps(self.session, events)}
        order: list[Event | tuple[str, Gap]] = [*events, *gaps.items()]
        order.sort(key=lambda row: self._sort_key_of(row, by_id))  # as DataTable.sort would
        self._gaps = gaps
        self._pending = iter(order)
        self._by_id = by_id
        self._fill_some(FIRST_ROWS)
        if under is not None:
            self.select_event(under)  # on a gap row too: its key is a row key
        if self._pending is not None:
            self.call_after_refresh(self._fill_later)

    def _key_at_cursor(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def _sort_key_of(self, row: Event | tuple[str, Gap], by_id: dict[str, Event]) -> TimeKey:
        if isinstance(row, Event):
            return (row.at, self._sequence_of(row.id), 0)
        after = by_id[row[1].after]
        return (after.at, self._sequence_of(after.id), 1)

    def _fill_some(self, count: int) -> None:
        """Add the next ``count`` rows of a fill (all of them for -1)."""
        if self._pending is None:
            return
        rows = []
        for row in itertools.islice(self._pending, None if count < 0 else count):
            if isinstance(row, Event):
                rows.append((row.id, self._event_cells(row)))
            else:
                rows.append((row[0], self._gap_cells(row[1], self._by_id)))
        if count < 0 or len(rows) < count:
            self._pending = None
        self._add_rows(rows)

    def _fill_later(self) -> None:
        """The rest of a long timeline, a screenful at a time once the first has been drawn:
        keys are answered in between, and anything that needs every row finishes first."""
        self._fill_some(LATER_ROWS)
        if self._pending is not None:
            self.call_later(self._fill_later)

    def finish_fill(self) -> None:
        """Add the rows a fill has not added yet, now."""
        self._fill_some(-1)

    def _add_rows(self, rows: list[tuple[str, list[object]]]) -> None:
        """Add rows at the end, in one go.

        DataTable.add_row sets the cursor (a reactive: its watchers run) and asks for an idle
        pass for every row, which at 5,000 events was most of the fill. This does what add_row
        does to each row, then those once; it keeps private state of Textual 8 (`_data`,
        `_row_locations`, `_new_rows`), as `_place` does, and uv.lock pins that version."""
        columns = self.ordered_columns
        start = self.row_count
        for offset, (key, cells) in enumerate(rows):
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            self._row_locations[row_key] = start + offset
            self._data[row_key] = {
                column.key: cell for column, cell in zip(columns, cells, strict=True)
            }
            self.rows[row_key] = Row(row_key, self._height(cells, columns), None, False)
            self._new_rows.add(row_key)
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if start == 0 and rows and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_count += 1
        self.check_idle()

    def sync(self, touched: frozenset[str]) -> None:
        """Bring the rows of the touched events (and the gaps) up to date with the session."""
        self.finish_fill()
        events = self.session.sorted_timeline()
        by_id = {e.id: e for e in self.session.timeline}
        wider = _id_width(by_id[key] for key in touched if key in by_id)
        about = any(event.approximate for event in events)
        if (
            (len({e.at.date() for e in events}) > 1) != self._wide
            or wider > self._id_width
            or about != self._about
        ):
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
                cells = self._gap_cells(gap, by_id)
                self.add_row(*cells, key=key, height=self._height(cells))
                added.append(key)
        self._gaps = gaps
        return added

    def _gap_cells(self, gap: Gap, by_id: dict[str, Event]) -> list[object]:
        after = by_id[gap.after]
        cell = time_cell(after.at, self._sequence_of(after.id), wide=self._wide, gap=True)
        blanks = [""] * (1 if self.narrow else 3)
        return [
            Text(""),
            Text(""),
            cell,
            *blanks,
            toned(f"⋯ {gap.prompt}", Tone.WARNING, bold=True),
        ]

    def _sort(self) -> None:
        self.sort(ColumnKey("time"), key=lambda cell: cell.sort_key)

    def set_marks(self, marks: dict[str, Text]) -> None:
        """Mark the rows of events with findings; only rows whose mark changed are touched."""
        changed = {
            key for key in set(marks) | set(self.marks) if marks.get(key) != self.marks.get(key)
        }
        self.marks = marks
        for key in changed:
            if RowKey(key) in self.rows:  # rows a fill adds later take the marks from there
                self.update_cell(key, "mark", marks.get(key, Text("")))

    def row_keys_in_order(self) -> list[str]:
        self.finish_fill()
        """Row keys top to bottom: event ids, and gap:ID for gap rows."""
        return [str(row.key.value) for row in self.ordered_rows]

    def has_row(self, key: str) -> bool:
        self.finish_fill()
        return RowKey(key) in self.rows

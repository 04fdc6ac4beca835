"""Provides the Timeline review pane: the events in time order, key times and response metrics."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from agenda.export import key_time_labels
from agenda.model import EventKind, Session, format_duration
from facilitator.widgets.tables import fill_width
from facilitator.widgets.text import plain


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


COLUMNS = [("Time", "time", 5), ("Kind", "kind", 11), ("Source", "source", 7), ("Key", "key", 12)]
WIDE_TIME = 11
"""A time with its date, for timelines that span days."""
SIDEBAR_AND_PADDING = 30
"""The agenda sidebar and the pane's padding, before the pane has a size of its own."""


class TimelinePane(Vertical):
    """The timeline is the spine: walk it in order, find the gaps."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="metrics")
        table: DataTable[object] = DataTable(id="events", cursor_type="row", zebra_stripes=True)
        table.border_title = "Timeline (UTC)"
        yield table

    def on_mount(self) -> None:
        table = self.query_one("#events", DataTable)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        self._width = self.app.size.width - SIDEBAR_AND_PADDING
        table.add_column("What happened", key="description", width=self._description_width())
        self.reload()

    def _description_width(self) -> int:
        table = self.query_one("#events", DataTable)
        fixed = [table.columns[ColumnKey(key)].width for _, key, _ in COLUMNS]
        return fill_width(self._width, fixed, minimum=24)

    def on_resize(self, event: Resize) -> None:
        width = self.size.width  # the content width; the event's size includes the padding
        if width and width != self._width:
            self._width = width
            table = self.query_one("#events", DataTable)
            table.columns[ColumnKey("description")].width = self._description_width()
            self.reload()

    def reload(self) -> None:
        self.query_one("#metrics", Static).update(metrics_text(self.session))
        table = self.query_one("#events", DataTable)
        table.clear()
        events = self.session.sorted_timeline()
        spans_days = len({e.at.date() for e in events}) > 1
        table.columns[ColumnKey("time")].width = WIDE_TIME if spans_days else COLUMNS[0][2]
        table.columns[ColumnKey("description")].width = self._description_width()
        marks = key_time_labels(self.session)
        for event in events:
            when = event.at.strftime("%m-%d %H:%M" if spans_days else "%H:%M")
            description = Text(event.description)
            if event.kind is EventKind.DECISION:
                known = event.known.strip() or "what was known? (not recorded yet)"
                description.append(f"\nKnew: {known}", style="italic")
            table.add_row(
                when,
                event.kind.value,
                event.source.value,
                plain(", ".join(marks.get(event.at, [])), "bold"),
                description,
                key=event.id,
                height=None,
            )

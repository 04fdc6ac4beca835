"""Provides the Timeline review pane: the events in time order, key times and response metrics."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from agenda.export import key_time_labels
from agenda.model import EventKind, Session, format_duration
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
        table.add_column("Time", key="time")
        table.add_column("Kind", key="kind")
        table.add_column("Source", key="source")
        table.add_column("Key", key="key")
        table.add_column("What happened", key="description")
        self.reload()

    def reload(self) -> None:
        self.query_one("#metrics", Static).update(metrics_text(self.session))
        table = self.query_one("#events", DataTable)
        table.clear()
        events = self.session.sorted_timeline()
        spans_days = len({e.at.date() for e in events}) > 1
        marks = key_time_labels(self.session)
        for event in events:
            when = event.at.strftime("%m-%d %H:%M" if spans_days else "%H:%M")
            description = plain(event.description)
            if event.kind is EventKind.DECISION:
                known = event.known.strip() or "what was known? (not recorded yet)"
                description.append(f"\n  knew: {known}", style="italic")
            table.add_row(
                when,
                event.kind.value,
                event.source.value,
                plain(", ".join(marks.get(event.at, [])), "bold"),
                description,
                key=event.id,
                height=None,
            )

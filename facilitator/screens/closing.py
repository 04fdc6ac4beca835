"""Provides the Closing pane: key learnings, owners to confirm, dissent, and the parking lot."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from agenda.model import DissentStatus, Session
from facilitator.widgets.text import plain


class ClosingPane(VerticalScroll):
    """Summarise, confirm owners aloud, and keep every dissenting view on the record."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="learnings", classes="card")
        owners: DataTable[object] = DataTable(id="owners", cursor_type="row")
        owners.border_title = "Owners to confirm"
        yield owners
        dissent: DataTable[object] = DataTable(id="dissent", cursor_type="row")
        dissent.border_title = "Dissenting views"
        yield dissent
        yield Static(id="parking", classes="card")

    def on_mount(self) -> None:
        self.query_one("#owners", DataTable).add_columns("#", "Action", "Owner", "Due", "Confirmed")
        self.query_one("#dissent", DataTable).add_columns("#", "View", "Held by", "About", "Status")
        self.reload()

    def reload(self) -> None:
        analysis = self.session.analysis
        learnings = analysis.key_learnings.strip() or "(not written yet)"
        self.query_one("#learnings", Static).update(
            Content.assemble(("Key learnings", "bold"), "\n", learnings)
        )
        owners = self.query_one("#owners", DataTable)
        owners.clear()
        for action in self.session.actions:
            owners.add_row(
                action.id,
                plain(action.title, limit=44),
                plain(action.owner or "no owner"),
                action.due.isoformat() if action.due else Text("no date", style="bold red"),
                Text("✓ confirmed", style="green") if action.confirmed else Text("not yet"),
                key=action.id,
            )
        dissent = self.query_one("#dissent", DataTable)
        dissent.clear()
        for view in self.session.dissent:
            status = Text(view.status.value)
            if view.status is DissentStatus.OPEN:
                status.stylize("bold yellow")
            dissent.add_row(
                view.id,
                plain(view.view, limit=44),
                plain(view.holder or "anonymous"),
                plain(view.about or "—"),
                status,
                key=view.id,
            )
        parts: list[str | tuple[str, str]] = [("Parking lot", "bold")]
        for item in analysis.parking_lot:
            parts.extend(["\n• ", item.text, (f"  ({item.status.value})", "$text-muted")])
        if not analysis.parking_lot:
            parts.append(("\n  (nothing parked)", "$text-muted"))
        self.query_one("#parking", Static).update(Content.assemble(*parts))

    def reveal(self, item_id: str) -> None:
        """Select a dissenting view's row."""
        table = self.query_one("#dissent", DataTable)
        if item_id in table.rows:
            table.move_cursor(row=table.get_row_index(item_id))
            table.focus()

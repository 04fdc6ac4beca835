"""Provides the Closing pane: key learnings, owners confirming aloud, dissent, the parking lot,
the follow-up date and the anti-pattern checklist."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from agenda.actions import checklist, due_label
from agenda.closing import (
    schedule_follow_up,
    set_dissent_status,
    set_key_learnings,
    set_parking_status,
    toggle_checklist,
    toggle_confirmed,
)
from agenda.model import DissentStatus, ParkingStatus, Session
from facilitator.dialogs.text_entry import TextEntry
from facilitator.keys import CLOSING_KEYS
from facilitator.messages import EditRequested
from facilitator.widgets.text import plain

FOLLOW_UP_DAYS = 14
"""The action review is two weeks out unless the room says otherwise."""


class ClosingPane(VerticalScroll):
    """Summarise, confirm owners aloud, and keep every dissenting view on the record."""

    BINDINGS = [Binding(k.key, k.action, k.label) for k in CLOSING_KEYS]

    def __init__(self, session: Session, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static(id="learnings", classes="card")
        yield Static(id="follow-up", classes="card")
        owners: DataTable[object] = DataTable(id="owners", cursor_type="row")
        owners.border_title = "Owners confirm aloud (c)"
        yield owners
        dissent: DataTable[object] = DataTable(id="dissent", cursor_type="row")
        dissent.border_title = "Dissenting views (k acknowledge · f carry forward · r resolve)"
        yield dissent
        parking: DataTable[object] = DataTable(id="parking", cursor_type="row")
        parking.border_title = "Parking lot (k acknowledges, f carries forward)"
        yield parking
        yield OptionList(id="checklist")

    def on_mount(self) -> None:
        self.query_one("#owners", DataTable).add_columns("#", "Action", "Owner", "Due", "Confirmed")
        self.query_one("#dissent", DataTable).add_columns("#", "View", "Held by", "About", "Status")
        self.query_one("#parking", DataTable).add_columns("#", "Tangent", "Status")
        self.query_one("#checklist", OptionList).border_title = "Anti-pattern checklist"
        self.reload()

    def reload(self) -> None:
        analysis = self.session.analysis
        learnings = analysis.key_learnings.strip() or "(not written yet: l writes them)"
        self.query_one("#learnings", Static).update(
            Content.assemble(
                ("Key learnings", "bold"), ("  l edits", "$text-muted"), "\n", learnings
            )
        )
        follow_up = self.session.meeting.follow_up
        self.query_one("#follow-up", Static).update(
            Content.assemble(
                ("Follow-up review  ", "bold"),
                f"{follow_up.isoformat()} ({due_label(follow_up, self.today)})"
                if follow_up
                else "not scheduled",
                ("  u schedules it · status: ", "$text-muted"),
                self.session.incident.status.value,
            )
        )
        self._fill_owners()
        self._fill_dissent()
        self._fill_parking()
        self._fill_checklist()

    def sync(self) -> None:
        self.reload()

    def _keep_cursor(self, table: DataTable[object]) -> int:
        return table.cursor_row if table.row_count else 0

    def _fill_owners(self) -> None:
        owners = self.query_one("#owners", DataTable)
        row = self._keep_cursor(owners)
        owners.clear()
        for action in self.session.actions:
            owners.add_row(
                action.id,
                plain(action.title, limit=44),
                plain(action.owner or "no owner", limit=16),
                action.due.isoformat() if action.due else Text("no date", style="bold red"),
                Text("✓ confirmed", style="green")
                if action.confirmed
                else Text("not yet", "yellow"),
                key=action.id,
            )
        owners.move_cursor(row=row)

    def _fill_dissent(self) -> None:
        dissent = self.query_one("#dissent", DataTable)
        row = self._keep_cursor(dissent)
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
        dissent.move_cursor(row=row)

    def _fill_parking(self) -> None:
        parking = self.query_one("#parking", DataTable)
        row = self._keep_cursor(parking)
        parking.clear()
        for item in self.session.analysis.parking_lot:
            status = Text(
                item.status.value, "bold yellow" if item.status is ParkingStatus.OPEN else ""
            )
            parking.add_row(item.id, plain(item.text, limit=60), status, key=item.id)
        parking.move_cursor(row=row)

    def _fill_checklist(self) -> None:
        options = self.query_one("#checklist", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for item in checklist(self.session):
            mark, style = ("✓", "$success") if item.done else ("✗", "$error")
            how = "from the session" if item.answer is not None else "ticked by hand: Enter"
            options.add_option(
                Option(
                    Content.assemble(
                        (f"{mark} ", style), item.question, (f"  ({how})", "$text-muted")
                    ),
                    id=item.key,
                )
            )
        options.highlighted = highlighted if highlighted is not None else 0

    # ---- actions --------------------------------------------------------------------------------

    def _row_key(self, table_id: str | None) -> str | None:
        if table_id is None:
            return None
        table = self.query_one(table_id, DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_confirm(self) -> None:
        action_id = self._row_key("#owners")
        if action_id is not None:
            self.post_message(EditRequested(toggle_confirmed(self.session, action_id)))

    def _focused_table(self) -> str | None:
        for table_id in ("#owners", "#dissent", "#parking"):
            if self.app.focused is self.query_one(table_id, DataTable):
                return table_id
        return None

    def action_acknowledge(self) -> None:
        self._review(DissentStatus.ACKNOWLEDGED, ParkingStatus.ACKNOWLEDGED)

    def action_carry_forward(self) -> None:
        self._review(DissentStatus.CARRIED_FORWARD, ParkingStatus.CARRIED_FORWARD)

    def _review(self, dissent_status: DissentStatus, parking_status: ParkingStatus) -> None:
        """Act on the row the facilitator is on, in the dissent or the parking-lot table."""
        table_id = self._focused_table()
        item_id = self._row_key(table_id) if table_id in ("#dissent", "#parking") else None
        if table_id is None or item_id is None:
            self.app.notify("Go to the dissent or parking-lot table first (Tab), then pick a row.")
            return
        if table_id == "#dissent":
            view = next(v for v in self.session.dissent if v.id == item_id)
            if view.status is DissentStatus.RESOLVED:
                self.app.notify(f"{item_id} is resolved; r changes its resolution note.")
                return
            edit = set_dissent_status(self.session, item_id, dissent_status)
        else:
            edit = set_parking_status(self.session, item_id, parking_status)
        self.post_message(EditRequested(edit))

    def action_resolve(self) -> None:
        view_id = self._row_key("#dissent") if self._focused_table() == "#dissent" else None
        if view_id is None:
            self.app.notify("Go to the dissent table first (Tab), then pick a view to resolve.")
            return
        view = next(v for v in self.session.dissent if v.id == view_id)

        def done(note: str | None) -> None:
            if note is not None and note.strip():
                edit = set_dissent_status(
                    self.session, view_id, DissentStatus.RESOLVED, note.strip()
                )
                self.post_message(EditRequested(edit))

        dialog = TextEntry(f"How was {view_id} resolved? (it stays in the record)", view.resolution)
        self.app.push_screen(dialog, done)

    def action_learnings(self) -> None:
        def done(text: str | None) -> None:
            if text is not None and text != self.session.analysis.key_learnings:
                self.post_message(EditRequested(set_key_learnings(self.session, text)))

        dialog = TextEntry(
            "Key learnings: what do we know now that we did not know?",
            self.session.analysis.key_learnings,
            multiline=True,
        )
        self.app.push_screen(dialog, done)

    def action_follow_up(self) -> None:
        from agenda.actions import DueParseError, parse_due

        current = self.session.meeting.follow_up or self.today + timedelta(days=FOLLOW_UP_DAYS)

        def check(text: str) -> str:
            try:
                parse_due(text, self.today)
            except DueParseError as problem:
                return str(problem)
            return ""

        def done(text: str | None) -> None:
            if text is not None:
                day = parse_due(text, self.today)
                self.post_message(EditRequested(schedule_follow_up(self.session, day)))

        dialog = TextEntry(
            "Follow-up review of the actions (2026-12-07, +2w, next friday)",
            current.isoformat(),
            validate=check,
        )
        self.app.push_screen(dialog, done)

    @on(OptionList.OptionSelected, "#checklist")
    def _checklist(self, event: OptionList.OptionSelected) -> None:
        item = next(i for i in checklist(self.session) if i.key == event.option.id)
        if item.answer is None:
            self.post_message(EditRequested(toggle_checklist(self.session, item.key)))
        else:
            self.app.notify("This one is answered from the session: fix the actions or analysis.")

    def reveal(self, item_id: str) -> None:
        """Select a dissenting view's (or parked tangent's) row."""
        for table_id in ("#dissent", "#parking", "#owners"):
            table = self.query_one(table_id, DataTable)
            if item_id in table.rows:
                table.move_cursor(row=table.get_row_index(item_id))
                table.focus()
                return

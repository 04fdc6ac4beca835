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
from textual.widgets.data_table import ColumnKey
from textual.widgets.option_list import Option

from agenda.actions import due_label
from agenda.agendas import Pane
from agenda.checks.checklist import checklist
from agenda.closing import (
    schedule_follow_up,
    set_dissent_status,
    set_key_learnings,
    set_parking_status,
    toggle_checklist,
    toggle_confirmed,
)
from agenda.history import Edit
from agenda.model import (
    Action,
    Dissent,
    DissentStatus,
    DocumentStatus,
    MeetingMode,
    ParkingItem,
    ParkingStatus,
    Session,
)
from agenda.promises import PreviousActions
from agenda.queries import get
from facilitator.dialogs.text_entry import TextEntry
from facilitator.keys import CLOSING_KEYS
from facilitator.messages import EditRequested
from facilitator.panes.base import PhasePane, Row, sync_rows, touched_ids, touches
from facilitator.tones import Tone, tone, toned
from facilitator.widgets.text import plain, shown

FOLLOW_UP_DAYS = 14
"""The action review is two weeks out unless the room says otherwise."""


FIXED_COLUMNS = 50
"""What the other columns of the owners and dissent tables take, with borders and padding."""
MAX_ROW_HEIGHT = 8


ROW_KINDS = {"#owners": "action", "#dissent": "dissent", "#parking": "parking"}
"""What each of the closing's tables lists, as the kind of an item reference."""


class ClosingPane(PhasePane):
    """Summarise, confirm owners aloud, and keep every dissenting view on the record."""

    PANE = Pane.CLOSING
    BINDINGS = [Binding(k.key, k.action, k.label) for k in CLOSING_KEYS]

    def __init__(self, session: Session, today: date) -> None:
        super().__init__(session)
        self._wrap = 44
        self.today = today
        self.previous: PreviousActions | None = None
        """Earlier related postmortems' actions, once the app has read the folder."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="closing-body"):
            yield Static(id="learnings", classes="card")
            yield Static(id="follow-up", classes="card")
            owners: DataTable[object] = DataTable(id="owners", cursor_type="row")
            owners.border_title = (
                "Owners confirm aloud (c)"
                if self.session.meeting.mode is MeetingMode.LIVE
                else "Owners: each one agreed to their action and date (c ticks it)"
            )
            yield owners
            dissent: DataTable[object] = DataTable(id="dissent", cursor_type="row")
            dissent.border_title = "Dissenting views (k acknowledge · f carry forward · r resolve)"
            yield dissent
            parking: DataTable[object] = DataTable(id="parking", cursor_type="row")
            parking.border_title = "Parking lot (k acknowledges, f carries forward)"
            yield parking
            yield OptionList(id="checklist")

    def on_mount(self) -> None:
        self._wrap = self._text_width(self.app.size.width - 30)
        owners, dissent = (
            self.query_one("#owners", DataTable),
            self.query_one("#dissent", DataTable),
        )
        owners.add_column("#")
        owners.add_column("Action", key="text", width=self._wrap)
        owners.add_columns("Owner", "Due", "Confirmed")
        dissent.add_column("#")
        dissent.add_column("View", key="text", width=self._wrap)
        dissent.add_columns("Held by", "About", "Status")
        self.query_one("#parking", DataTable).add_columns("#", "Tangent", "Status")
        self.query_one("#checklist", OptionList).border_title = "Anti-pattern checklist"

    def fill(self) -> None:
        self.reload()

    @staticmethod
    def _text_width(pane: int) -> int:
        """The width of the action titles and dissenting views: the rest of the pane, so they
        show in full (wrapped) and a dissent can be read aloud."""
        return max(20, pane - FIXED_COLUMNS)

    def on_resize(self) -> None:
        wrap = self._text_width(self.size.width)
        if self.size.width and wrap != self._wrap:
            self._wrap = wrap
            for table in (
                self.query_one("#owners", DataTable),
                self.query_one("#dissent", DataTable),
            ):
                table.columns[ColumnKey("text")].width = wrap
            self._sync_tables(None, None, None)

    def _wrapped(self, text: str) -> tuple[Text, int]:
        cell = plain(text)
        lines = len(cell.wrap(self.app.console, self._wrap))
        return cell, min(max(lines, 1), MAX_ROW_HEIGHT)

    def reload(self) -> None:
        self._show_cards()
        self._sync_tables(None, None, None)
        self._fill_checklist()

    def show_edit(self, edit: Edit) -> None:
        if not self.filled:
            return
        if touches(edit, "analysis", "meeting", "incident"):
            self._show_cards()
        everything = not edit.touched
        self._sync_tables(
            None if everything else touched_ids(edit, "A"),
            None if everything else touched_ids(edit, "D"),
            None if everything else touched_ids(edit, "P"),
        )
        self._fill_checklist()

    def _show_cards(self) -> None:
        analysis = self.session.analysis
        learnings = analysis.key_learnings.strip() or "(not written yet: l writes them)"
        self.query_one("#learnings", Static).update(
            Content.assemble(
                ("Key learnings", "bold"), ("  l edits", "$text-muted"), "\n", shown(learnings)
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

    def _sync_tables(
        self, actions: set[str] | None, views: set[str] | None, parked: set[str] | None
    ) -> None:
        session = self.session
        if actions is None or actions:
            sync_rows(
                self.query_one("#owners", DataTable),
                [self._owner_row(a) for a in session.actions],
                actions,
            )
        if views is None or views:
            sync_rows(
                self.query_one("#dissent", DataTable),
                [self._dissent_row(v) for v in session.dissent],
                views,
            )
        if parked is None or parked:
            rows = [self._parking_row(p) for p in session.analysis.parking_lot]
            sync_rows(self.query_one("#parking", DataTable), rows, parked)

    def _owner_row(self, action: Action) -> Row:
        confirmed = (
            toned("✓ confirmed", Tone.SUCCESS)
            if action.confirmed
            else toned("not yet", Tone.WARNING)
        )
        due = (
            Text(action.due.isoformat()) if action.due else toned("no date", Tone.ERROR, bold=True)
        )
        title, height = self._wrapped(action.title)
        cells = [
            Text(action.id),
            title,
            plain(action.owner or "no owner", limit=16),
            due,
            confirmed,
        ]
        return action.id, cells, height

    def _dissent_row(self, view: Dissent) -> Row:
        status = Text(view.status.value)
        if view.status is DissentStatus.OPEN:
            status.stylize(tone(Tone.WARNING, bold=True))
        text, height = self._wrapped(view.view)
        cells = [
            Text(view.id),
            text,
            plain(view.holder or "anonymous", limit=16),
            plain(view.about or "—"),
            status,
        ]
        return view.id, cells, height

    def _parking_row(self, item: ParkingItem) -> Row:
        status = Text(item.status.value)
        if item.status is ParkingStatus.OPEN:
            status.stylize(tone(Tone.WARNING, bold=True))
        return item.id, [Text(item.id), plain(item.text, limit=60), status], 1

    def _fill_checklist(self) -> None:
        """The checklist's answers follow the session; its options are relabelled in place."""
        options = self.query_one("#checklist", OptionList)
        items = checklist(self.session, self.previous)
        for item in items:
            mark, style = ("✓", "$text-success") if item.done else ("✗", "$text-error")
            how = "from the session" if item.answer is not None else "ticked by hand: Enter"
            how = item.note or how
            prompt = Content.assemble(
                (f"{mark} ", style), item.question, (f"  ({how})", "$text-muted")
            )
            if options.option_count < len(items):
                options.add_option(Option(prompt, id=item.key))
            else:
                options.replace_option_prompt(item.key, prompt)
        if options.highlighted is None and options.option_count:
            options.highlighted = 0

    def show_previous(self, previous: PreviousActions) -> None:
        self.previous = previous
        if self.filled:
            self._fill_checklist()

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

    def item_under_cursor(self) -> str:
        """The action, dissenting view or tangent the facilitator is on (shown large when
        presenting, parked by ELMO)."""
        table_id = self._focused_table()
        row = self._row_key(table_id)
        return f"{ROW_KINDS[table_id]}:{row}" if table_id is not None and row else ""

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
            view = get(self.session.dissent, item_id)
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
        view = get(self.session.dissent, view_id)

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
                draft = self.session.incident.status is DocumentStatus.DRAFT
                self.post_message(EditRequested(schedule_follow_up(self.session, day)))
                moved = " The postmortem moves from draft to in review." if draft else ""
                self.app.notify(f"Action review on {day:%a %Y-%m-%d}.{moved}")

        dialog = TextEntry(
            "Follow-up review of the actions (2026-12-07, +2w, next friday)",
            current.isoformat(),
            validate=check,
        )
        self.app.push_screen(dialog, done)

    @on(OptionList.OptionSelected, "#checklist")
    def _checklist(self, event: OptionList.OptionSelected) -> None:
        item = next(i for i in checklist(self.session, self.previous) if i.key == event.option.id)
        if item.answer is None:
            self.post_message(EditRequested(toggle_checklist(self.session, item.key)))
        else:
            self.app.notify("This one is answered from the session: fix the actions or analysis.")

    def reveal(self, kind: str, item_id: str) -> bool:
        """Select a dissenting view's (or parked tangent's, or action's) row."""
        self.ensure_filled()
        for table_id in ("#dissent", "#parking", "#owners"):
            table = self.query_one(table_id, DataTable)
            if item_id in table.rows:
                table.move_cursor(row=table.get_row_index(item_id))
                self.focus_in_view(table)
                return True
        return False

"""Provides the import preview: what an import would add, row by row, each one untickable."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Static

from agenda.model import Session
from agenda.sources.merge import ImportPlan, Row, Verdict, import_edit
from agenda.visible import visible
from facilitator.messages import EditRequested
from facilitator.tones import Tone, toned
from facilitator.widgets.tables import fill_width
from facilitator.widgets.text import FieldError, one_line

TICKED = "✓"
ROW_LINES = 3
"""A long text shows its first lines; the rest is in the event once imported."""
WHAT = 5
"""The column of the record's text, which takes the width the others leave."""


NARROW = 90
"""Below this many columns of table (80×24) the source, who and goes columns narrow, so that
every column is on screen (their text wraps within the row's lines)."""


def columns(plan: ImportPlan, *, narrow: bool = False) -> list[tuple[str, int]]:
    """Each column's label and width; the time shows its date only when the rows span days."""
    days = {row.record.at.date() for row in plan.rows}
    when = ("UTC", 15 if len(days) > 1 else 9)
    if narrow:
        return [("", 1), ("Source", 8), when, ("Who", 8), ("Goes", 9), ("What", 0)]
    return [("", 1), ("Source", 12), when, ("Who", 12), ("Goes", 11), ("What", 0)]


def goes(row: Row) -> str:
    if row.into:
        return f"joins {row.into}"
    if row.lead >= 0:
        return f"joins row {row.lead + 1}"
    return "new"


def row_cells(row: Row, ticked: bool, *, dated: bool) -> list[Text]:
    """A row as the facilitator reads it: nothing it holds is taken as markup or reaches the
    terminal as a control character."""
    record = row.record
    when = record.at.strftime("%m-%d %H:%M:%S" if dated else "%H:%M:%S")
    return [
        toned(TICKED if ticked else " ", Tone.SUCCESS, bold=True),
        Text(record.kind.value),
        Text(f"~{when}" if record.approximate else when),
        Text(visible(one_line(record.who, 12))),
        Text(goes(row), style="" if row.verdict is Verdict.NEW else "italic"),
        Text(visible(one_line(record.text, 400))),
    ]


class ImportPreview(ModalScreen[list[int] | None]):
    """Space unticks (or ticks again) the row under the cursor, a every row; ctrl+s imports
    what is ticked as one edit (ctrl+z takes it all back); Escape imports nothing."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "import_ticked", "Import"),
        Binding("space", "toggle_row", "Tick / untick"),
        Binding("a", "toggle_all", "All / none"),
    ]

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan
        self.ticked = set(range(len(plan.rows)))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import-preview"):
            yield Static(Content(self._title()), id="preview-title", classes="dialog-title")
            yield DataTable(id="preview-rows", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Space unticks a row, a ticks or unticks all · what folds joins an event as one "
                "more source · ctrl+s imports the ticked rows as one edit",
                classes="hint",
                markup=False,
            )
            yield FieldError(id="preview-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import (ctrl+s)", id="import", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        table = self.query_one("#preview-rows", DataTable)
        room = self._room()
        shown = columns(self.plan, narrow=room < NARROW)
        fixed = [width for _, width in shown if width]
        what = fill_width(room, fixed, 24)
        for label, width in shown:
            table.add_column(label, width=width or what)
        console = self.app.console
        dated = shown[2][1] > 9
        for index, row in enumerate(self.plan.rows):
            cells = row_cells(row, True, dated=dated)
            height = min(ROW_LINES, len(cells[WHAT].wrap(console, what)))
            table.add_row(*cells, key=str(index), height=height)
        table.focus()

    def _room(self) -> int:
        """The table's width: the dialog's (95% of the screen; all of a small one, with a
        thinner border and padding: app.tcss) less its border and padding."""
        width = self.app.size.width
        return width - 4 if self.app.has_class("-small") else width * 95 // 100 - 6

    def _title(self) -> str:
        plan = self.plan
        new = sum(1 for i in self.ticked if plan.rows[i].verdict is Verdict.NEW)
        folds = len(self.ticked) - new
        parts = [f"{len(self.ticked)} of {len(plan.rows)} ticked: about {new} new event(s)"]
        if folds:
            parts.append(f"{folds} joining events as another source")
        if plan.already:
            parts.append(f"{plan.already} already in the timeline (left out)")
        return "Import preview — " + ", ".join(parts)

    def _show(self, index: int) -> None:
        table = self.query_one("#preview-rows", DataTable)
        mark = toned(TICKED if index in self.ticked else " ", Tone.SUCCESS, bold=True)
        table.update_cell(str(index), table.ordered_columns[0].key, mark)
        self.query_one("#preview-title", Static).update(Content(self._title()))

    def action_toggle_row(self) -> None:
        table = self.query_one("#preview-rows", DataTable)
        if not table.row_count:
            return
        index = table.cursor_row
        self.ticked ^= {index}
        self._show(index)
        if index + 1 < table.row_count:
            table.move_cursor(row=index + 1)

    def action_toggle_all(self) -> None:
        everything = set(range(len(self.plan.rows)))
        changed = everything if not self.ticked else set(self.ticked)
        self.ticked = everything if not self.ticked else set()
        for index in changed:
            self._show(index)

    @on(Button.Pressed, "#import")
    def action_import_ticked(self) -> None:
        if not self.ticked:
            self.query_one("#preview-error", FieldError).say(
                "Nothing is ticked: tick a row with Space, or cancel with Esc."
            )
            return
        self.dismiss(sorted(self.ticked))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def preview_import(host: Widget, session: Session, plan: ImportPlan) -> None:
    """Show ``plan`` from ``host`` (a pane) and have it post the one edit adding what stays
    ticked; an import that would add nothing says so instead."""
    if not plan.rows:
        host.app.notify("Everything pasted is already in the timeline.")
        return

    def chosen(rows: list[int] | None) -> None:
        if rows:
            edit = import_edit(session, plan, rows)
            host.post_message(EditRequested(edit))
            host.app.notify(f"Done: {edit.label} (ctrl+z takes it back).")

    host.app.push_screen(ImportPreview(plan), chosen)

"""Provides the voices dialog: every participant with what they contributed; Enter taps
"spoke", so the facilitator can see who has not been heard yet and ask them by name."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static

from agenda.model import Session
from agenda.visible import visible
from agenda.voices import Voice, voices

COLUMNS = ("Participant", "Events", "Whys", "Dissent", "Actions", "Spoke")


def voice_cells(voice: Voice) -> list[Text]:
    style = "" if voice.heard else "bold reverse"
    name = Text(visible(voice.name) + ("" if voice.heard else "  (not heard yet)"), style=style)
    counts = (voice.events, voice.whys, voice.dissent, voice.actions, voice.spoke)
    return [name, *(Text(str(count), justify="right") for count in counts)]


class VoicesDialog(ModalScreen[None]):
    """The room's voices; Enter (or a click) on a person counts that they spoke."""

    BINDINGS = [("escape", "dismiss(None)", "Close"), ("f10", "dismiss(None)", "Close")]

    def __init__(self, session: Session, tap: Callable[[int], None]) -> None:
        super().__init__()
        self.session = session
        self.tap = tap

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog voices"):
            yield Label("Voices: who has the room heard?", classes="dialog-title")
            yield Static(
                "Enter taps 'spoke' for the highlighted person (ctrl+z undoes it). "
                "Ask the quiet ones by name.",
                classes="hint",
                markup=False,
            )
            yield DataTable(id="voices-table", cursor_type="row", zebra_stripes=True)
            yield Button("Close (Esc)", id="close")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for index, voice in enumerate(voices(self.session)):
            table.add_row(*voice_cells(voice), key=str(index))
        if not table.row_count:
            self.query_one(".hint", Static).update("No participants listed: add them at opening.")

    def refresh_row(self, index: int) -> None:
        table = self.query_one(DataTable)
        voice = voices(self.session)[index]
        for column, cell in zip(table.ordered_columns, voice_cells(voice), strict=True):
            table.update_cell(str(index), column.key, cell)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        index = int(event.row_key.value or 0)
        self.tap(index)
        self.call_after_refresh(self.refresh_row, index)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

"""Provides the help screen: the keys, and what each phase of the agenda is for."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from agenda.agendas import Agenda
from facilitator.keys import KEYS, PANE_KEYS, Key
from facilitator.tones import Tone, toned


def key_grid(keys: tuple[Key, ...]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold", min_width=8)
    grid.add_column(ratio=1)
    for key in keys:
        grid.add_row(key.key, key.description)
    return grid


def help_text(agenda: Agenda, live: bool) -> Group:
    phases = Table.grid(padding=(0, 2))
    phases.add_column(no_wrap=True, style="bold")
    phases.add_column(no_wrap=True)
    phases.add_column(ratio=1, style="dim")
    for phase in agenda.phases:
        phases.add_row(
            Text(phase.title), f"{phase.minutes} min", Text(phase.say[0] if phase.say else "")
        )
    parts: list[RenderableType] = [
        Text("Postmortem Facilitator", style="bold"),
        Text("Run a blameless postmortem: we're here to learn, not to blame.\n"),
        toned("Keys", Tone.HEADING, bold=True),
        key_grid(KEYS),
        Text(""),
    ]
    for heading, keys in PANE_KEYS:
        parts += [toned(heading, Tone.HEADING, bold=True), key_grid(keys), Text("")]
    parts += [
        toned(f"Agenda: {agenda.title}", Tone.HEADING, bold=True),
        phases,
    ]
    if not live:
        parts.append(Text("\nAsync write-up: no clock; visit the phases in any order."))
    parts.append(Text("\nPress Escape or F1 to close.", style="dim"))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys and the agenda at a glance."""

    BINDINGS = [
        ("escape", "dismiss", "Close"),
        ("f1", "dismiss", "Close"),
        ("q", "dismiss", "Close"),
    ]

    def __init__(self, agenda: Agenda, live: bool) -> None:
        super().__init__()
        self.agenda = agenda
        self.live = live

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(self.text)

    @property
    def text(self) -> Group:
        return help_text(self.agenda, self.live)

"""Provides the help screen: the keys, and what each phase of the agenda is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from agenda.agendas import Agenda
from facilitator.keys import KEYS


def help_text(agenda: Agenda, live: bool) -> Content:
    parts: list[str | tuple[str, str]] = [
        ("Postmortem Facilitator", "bold"),
        "\nRun a blameless postmortem: we're here to learn, not to blame.\n\n",
        ("Keys", "bold $accent"),
    ]
    for key in KEYS:
        parts.extend(["\n  ", (f"{key.key:<10}", "bold"), key.description])
    parts.extend(["\n\n", (f"Agenda: {agenda.title}", "bold $accent")])
    for phase in agenda.phases:
        parts.extend(["\n  ", (f"{phase.title}", "bold"), f"  {phase.minutes} min"])
        if phase.say:
            parts.extend(["\n    ", (phase.say[0], "$text-muted")])
    if not live:
        parts.append("\n\nAsync write-up: no clock; visit the phases in any order.")
    parts.append(("\n\nPress Escape or F1 to close.", "$text-muted"))
    return Content.assemble(*parts)


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
            yield Static(help_text(self.agenda, self.live))

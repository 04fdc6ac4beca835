"""Provides the key-time menu: mark an event as impact start, detected, … resolved."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from agenda.model import Event, Incident, KeyTime

KeyTimeChoice = tuple[KeyTime, bool]
"""Which key time, and whether to set it (True) or clear it (False)."""


class KeyTimeMenu(ModalScreen[KeyTimeChoice | None]):
    """Choose the key moment this event marks; one this event marks already is cleared."""

    BINDINGS = [("escape", "dismiss(None)", "Cancel")]

    def __init__(self, event: Event, incident: Incident) -> None:
        super().__init__()
        self.event = event
        self.incident = incident

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Mark {self.event.at:%H:%M} as…", classes="dialog-title")
            options = []
            for number, key in enumerate(KeyTime, start=1):
                current = getattr(self.incident.times, key.value)
                if self._marks(key):
                    label = Content.assemble(f"{number}  clear ", (key.label, "bold"))
                elif current is not None:
                    label = Content.assemble(
                        f"{number}  ", (key.label, "bold"), (f"  (now {current:%H:%M})", "dim")
                    )
                else:
                    label = Content.assemble(f"{number}  ", (key.label, "bold"))
                options.append(Option(label, id=key.value))
            yield OptionList(*options, id="key-times")

    def on_key(self, event: object) -> None:
        character = getattr(event, "character", None)
        if character and character in "12345":
            self._choose(list(KeyTime)[int(character) - 1])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(KeyTime(event.option.id or ""))

    def _choose(self, key: KeyTime) -> None:
        self.dismiss((key, not self._marks(key)))

    def _marks(self, key: KeyTime) -> bool:
        return bool(getattr(self.incident.key_events, key.value) == self.event.id)

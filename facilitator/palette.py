"""Provides the command palette's commands (ctrl+o): every meeting and app key, every phase,
every item by id or by words (E12, A3, W5, F2), the "spoke" tap, and the display settings."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from agenda.queries import ITEM_KINDS, item_text
from agenda.visible import visible
from facilitator.display import SidebarMode
from facilitator.keys import APP_KEYS, MEETING_KEYS

if TYPE_CHECKING:
    from textual.app import App

    from agenda.agendas import Agenda
    from agenda.model import Session
    from facilitator.display import Display

ITEM_ID = re.compile(r"^\s*([EWFADP])(\d+)\s*$", re.IGNORECASE)
EXACT = 1e6
"""The score of the item asked for by id: above any fuzzy match's (they grow with the length of
the text matched), so Enter goes to it."""
Command = tuple[str, Callable[[], object], str]
"""What the palette lists: the text it matches, what choosing it does, and its help."""


def _one_line(text: str, width: int = 70) -> str:
    line = " ".join(visible(text).split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _highlight(matcher: Matcher, text: str) -> Content:
    """The text as plain content with the matched letters marked (never parsed as markup:
    Textual's own `highlight` would read user text as markup)."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style or "bold", offset, offset + 1)
    return content


class Meeting(Protocol):
    """What the palette needs of the meeting screen (which imports this module)."""

    session: Session
    agenda: Agenda
    display_state: Display

    @property
    def app(self) -> App[Any]: ...
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None: ...
    def run_action(self, action: str) -> Awaitable[bool]: ...
    async def go_to_phase(self, index: int) -> None: ...
    async def go_to_item(self, ref: str) -> None: ...
    def tap_spoke(self, index: int) -> None: ...
    def lay_out(self) -> None: ...
    def use_bell(self, ring: bool) -> None: ...


def _settings_commands(main: Meeting) -> Iterator[Command]:
    """The display settings: the sidebar, the bell (the theme is Textual's own command)."""
    display = main.display_state

    def set_sidebar(mode: SidebarMode) -> None:
        display.change(sidebar=mode)
        main.lay_out()

    def toggle_bell() -> None:
        main.use_bell(not display.settings.bell)

    for mode in SidebarMode:
        if mode is not display.settings.sidebar:
            help = "kept for next time; automatic hides it below 100 columns"
            yield (f"Agenda sidebar: {mode.value}", partial(set_sidebar, mode), help)
    bell = "off" if display.settings.bell else "on"
    yield (f"Time's-up bell: {bell}", toggle_bell, "ring the terminal bell when time is up")


class MeetingCommands(Provider):
    """Everything the main screen can do, and everything in the session, by name."""

    @property
    def main(self) -> Meeting:
        return cast("Meeting", self.screen)  # the provider of the meeting screen only

    def _commands(self) -> Iterator[Command]:
        main = self.main
        for key in MEETING_KEYS:
            if main.check_action(key.action, ()) is not False:
                action = partial(main.run_action, key.action)
                yield (f"{key.label}: {key.description}", action, f"key {key.key}")
        for key in APP_KEYS:
            yield (
                f"{key.label}: {key.description}",
                partial(main.app.run_action, key.action),
                key.key,
            )
        for index, phase in enumerate(main.agenda.phases):
            go = partial(main.go_to_phase, index)
            yield (f"Go to phase {index + 1}: {phase.title}", go, f"{phase.minutes} min")
        for index, person in enumerate(main.session.meeting.participants):
            spoke = partial(main.tap_spoke, index)
            yield (f"Spoke: {_one_line(person.name, 40)}", spoke, "count that they spoke")
        yield from _settings_commands(main)

    def _items(self) -> Iterator[Command]:
        session = self.main.session
        lists = (
            ("event", session.timeline),
            ("why", session.analysis.whys),
            ("factor", session.analysis.factors),
            ("action", session.actions),
            ("dissent", session.dissent),
            ("parking", session.analysis.parking_lot),
        )
        for kind, items in lists:
            for item in items:
                ref = f"{kind}:{item.id}"
                text = f"{item.id}  {_one_line(item_text(session, ref))}"
                yield (text, partial(self.main.go_to_item, ref), f"go to the {kind}")

    async def discover(self) -> Hits:
        for text, command, help in self._commands():
            yield DiscoveryHit(Content(text), command, text=text, help=help)

    async def search(self, query: str) -> Hits:
        by_id = ITEM_ID.match(query)
        exact = ""
        if by_id is not None:
            kind = ITEM_KINDS[by_id.group(1).upper()]
            ref = f"{kind}:{by_id.group(1).upper()}{by_id.group(2)}"
            if self.main.session.find(ref) is not None:
                exact = f"{ref.partition(':')[2]}  {_one_line(item_text(self.main.session, ref))}"
                go = partial(self.main.go_to_item, ref)
                yield Hit(EXACT, Content(exact), go, text=exact, help=f"go to the {kind}")
        matcher = self.matcher(query)
        for source in (self._commands(), self._items()):
            for text, command, help in source:
                score = matcher.match(text)
                if score > 0 and text != exact:  # the item asked for by id is listed once
                    yield Hit(score, _highlight(matcher, text), command, text=text, help=help)

"""Presentation mode, the command palette, voices, and the settings kept between sessions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Digits, Input

from agenda.agendas import Pane
from facilitator.dialogs.dissent import DissentDialog
from facilitator.display import PRESENTATION_THEME
from facilitator.palette import MeetingCommands
from facilitator.presentation import Discussing
from facilitator.settings import CONFIG_ENV, load_settings, settings_path
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, loaded, settle
from tests.app.test_small_screen import SMALL, demo, show
from tests.helpers import FakeNow


async def palette(pilot: AppPilot, query: str) -> None:
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    pilot.app.screen.query_one(Input).value = query
    hits = pilot.app.screen.query_one(CommandList)
    while not hits.option_count:  # the palette searches in a task of its own
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_presentation_mode_shows_time_prompt_and_item_large(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await settle(app)
        await show(pilot, Pane.TIMELINE)
        table = app.main.query_one(TimelineTable)
        table.focus()
        await pilot.press("f6")
        await pilot.pause()
        assert app.theme == PRESENTATION_THEME.name
        digits = app.main.query_one("#present-time", Digits)
        assert digits.display and digits.value == "15:00"
        assert not app.main.query_one("#quick-add").display  # editing chrome hidden
        event = table.event_at_cursor()
        assert event is not None
        discussing = str(app.main.query_one(Discussing).render())
        assert event.description in " ".join(discussing.split())
        await pilot.press("down")
        await pilot.pause()
        nxt = table.event_at_cursor()
        assert nxt is not None and nxt.description[:30] in str(
            app.main.query_one(Discussing).render()
        )
        prompt = str(app.main.query_one("#present-prompt").render())
        assert prompt.strip() in " ".join([*app.agenda.phases[1].ask, *app.agenda.phases[1].say])
        await pilot.press("f6")
        await pilot.pause()
        assert app.theme != PRESENTATION_THEME.name and app.main.query_one("#quick-add").display


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "120x36"])
async def test_the_palette_goes_to_items_by_id_and_by_words(
    tmp_path: Path, now: FakeNow, size: tuple[int, int]
) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        await settle(app)
        action = app.session.actions[2]
        await palette(pilot, action.id)
        assert app.main.item_under_cursor() == f"action:{action.id}"
        event = app.session.sorted_timeline()[5]
        await palette(pilot, event.id.lower())
        assert app.main.item_under_cursor() == f"event:{event.id}"  # in the timeline pane
        await palette(pilot, "go to phase closing")
        assert app.main.phase == 4


async def test_voices_count_contributions_and_tap_spoke(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        await show(pilot, Pane.ANALYSIS)
        quiet = str(app.main.query_one("#quiet").render())
        assert "Not heard yet:" in quiet and "@morgan" in quiet
        await pilot.press("f10")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        names = [str(table.get_cell_at(Coordinate(row, 0))) for row in range(table.row_count)]
        assert names[0].startswith("@morgan") and "not heard yet" in names[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.meeting.participants[0].spoke == 1
        await pilot.press("escape")
        await pilot.pause()
        assert "@morgan" not in str(app.main.query_one("#quiet").render())
        await pilot.press("ctrl+z")
        assert app.session.meeting.participants[0].spoke == 0


async def test_display_choices_are_kept_for_next_time(tmp_path: Path, now: FakeNow) -> None:
    assert str(settings_path()).startswith(os.environ[CONFIG_ENV])  # never the real one
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        await pilot.press("ctrl+b", "f6")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        await settle(app)
    kept = load_settings().settings
    assert (kept.sidebar.value, kept.presentation, kept.theme) == ("hidden", False, "textual-light")


async def test_a_bad_settings_file_is_named_and_left_alone(tmp_path: Path, now: FakeNow) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "nord"\nsidebar = "sideways"\n')
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        shown = [n.message for n in app._notifications]
        assert any(m.startswith(f"settings not used: {path}: sidebar:") for m in shown)
        await pilot.press("ctrl+b")
        await settle(app)
    assert path.read_text() == 'theme = "nord"\nsidebar = "sideways"\n'


async def test_at_closing_the_row_under_the_cursor_is_the_item_discussed(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        await show(pilot, Pane.CLOSING)
        await pilot.press("f6")
        await pilot.pause()
        owners = app.main.query_one("#owners", DataTable)
        owners.focus()
        await pilot.press("down")
        await pilot.pause()
        action = app.session.actions[1]
        assert app.main.item_under_cursor() == f"action:{action.id}"
        assert action.title[:40] in " ".join(str(app.main.query_one(Discussing).render()).split())
        view = app.session.dissent[0]
        app.main.query_one("#dissent", DataTable).focus()
        await pilot.pause()
        assert app.main.item_under_cursor() == f"dissent:{view.id}"
        await pilot.press("f4")  # dissent about a dissenting view: about the analysis instead
        await pilot.pause()
        assert isinstance(app.screen, DissentDialog) and app.screen.about == ""


async def test_an_item_asked_for_by_id_is_listed_once(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        provider = MeetingCommands(app.main)
        hits = [hit async for hit in provider.search("E4")]
        assert [hit.text for hit in hits if (hit.text or "").startswith("E4 ")] == [hits[0].text]

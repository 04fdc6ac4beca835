"""An async write-up: the writer's prompts, what is filled and missing, no meeting chrome, and
switching between a live meeting and a write-up from the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from agenda.model import MeetingMode, Session
from agenda.writing import WRITER_PROMPTS
from facilitator.dialogs.analysis_forms import PickDialog
from facilitator.widgets.agenda_sidebar import AgendaSidebar
from facilitator.widgets.clock_bar import ClockBar
from tests.app.support import SIZE, AppPilot, loaded, screen_text
from tests.app.test_opening_editor import fields, make_app, type_in


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_a_write_up_shows_the_writers_prompts_and_what_is_missing(tmp_path: Path) -> None:
    app = make_app(tmp_path, Session(meeting={"mode": MeetingMode.ASYNC}))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        shown = flat(screen_text(app))
        say, _ = WRITER_PROMPTS[app.agenda.phases[0].pane]
        assert say[0][:40] in shown
        assert "Is everyone who responded here?" not in shown
        assert "What a reader needs" in shown and "✗ Summary" in shown
        await type_in(pilot, app, "incident.summary", "Checkout failed for 18 minutes.")
        assert "✓ Summary" in screen_text(app)
        sidebar = app.screen.query_one(AgendaSidebar)
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("part:timeline")
        await pilot.press("enter")  # a missing part goes to the pane that writes it
        await pilot.pause()
        assert app.screen.query_one("#panes").current == "timeline"  # type: ignore[attr-defined]


async def test_the_closing_of_a_write_up_asks_no_one_to_confirm_aloud(tmp_path: Path) -> None:
    app = make_app(tmp_path, Session(meeting={"mode": MeetingMode.ASYNC}))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await app.main.go_to_phase(len(app.agenda.phases) - 1)
        await pilot.pause()
        assert "aloud" not in screen_text(app)


async def switch_mode(pilot: AppPilot, mode: str) -> None:
    app = pilot.app
    listed = fields(app)  # type: ignore[arg-type]
    listed.focus()
    listed.highlighted = listed.get_option_index("meeting.mode")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PickDialog)
    choices = app.screen.query_one(OptionList)
    choices.highlighted = choices.get_option_index(mode)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def test_switching_between_live_and_async_from_the_app_is_undoable(tmp_path: Path) -> None:
    app = make_app(tmp_path, Session())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert app.screen.query(ClockBar)
        await switch_mode(pilot, "async")
        assert app.session.meeting.mode is MeetingMode.ASYNC
        assert app.clock is None and not app.screen.query(ClockBar)
        assert "What a reader needs" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.pause()
        assert app.session.meeting.mode.value == "live"  # (mypy narrowed it above)
        assert app.clock is not None and app.screen.query(ClockBar)
        assert "Is everyone who responded here?" in flat(screen_text(app))

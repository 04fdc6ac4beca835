"""The software as timekeeper, on a fake clock: time's up, +5 minutes, move on, overrun marks,
"we are N minutes behind", the bell, and ELMO."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.agendas import Pane
from agenda.export import to_markdown
from facilitator.app import FacilitatorApp
from facilitator.timekeeper import TimeBanner
from facilitator.widgets.agenda_sidebar import AgendaSidebar
from facilitator.widgets.clock_bar import ClockBar
from facilitator.widgets.phase_strip import PhaseStrip
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, loaded, settle
from tests.app.test_small_screen import demo, show
from tests.helpers import FakeNow


def banner(app: FacilitatorApp) -> str:
    return app.main.query_one(TimeBanner).text


def sidebar_line(app: FacilitatorApp, index: int) -> str:
    return str(app.main.query_one(AgendaSidebar).get_option_at_index(index).prompt)


async def test_times_up_offers_five_more_minutes(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        now.advance(minutes=4)
        app.main.tick()
        assert banner(app) == ""
        now.advance(minutes=1, seconds=5)
        app.main.tick()
        assert "Time's up for Opening" in banner(app) and "+5 minutes" in banner(app)
        assert "over" in sidebar_line(app, 0)
        await pilot.press("f7")
        app.main.tick()
        assert banner(app) == ""
        assert app.session.meeting.phases[-1].extended_minutes == 5
        assert "(5 min +5)" in str(app.main.query_one(ClockBar).render())
        assert "over" not in sidebar_line(app, 0) and "+5" in sidebar_line(app, 0)
        assert app.dirty  # the extension is in the record, to be saved
        now.advance(minutes=3)
        await pilot.press("ctrl+n")
        record = to_markdown(app.session, app.agenda)
        assert "| Opening | 5 min | +5 min | 8 min |" in record


async def test_moving_on_at_times_up_leaves_a_mark_and_a_debt(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        now.advance(minutes=7)
        app.main.tick()
        assert "Time's up" in banner(app)
        await pilot.press("ctrl+n")
        app.main.tick()
        assert banner(app) == ""
        assert "we are 2 min behind" in str(app.main.query_one(ClockBar).render())
        assert "over: ran 7" in sidebar_line(app, 0)
        assert "⏱ 1 Opening" in str(app.main.query_one(PhaseStrip).render())


async def test_the_bell_rings_once_when_asked_for(
    tmp_path: Path, now: FakeNow, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = demo(tmp_path, now)
    rung: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        monkeypatch.setattr(app, "bell", lambda: rung.append(True))
        now.advance(minutes=6)
        app.main.tick()
        assert rung == []  # off unless chosen
        app.main.query_one(TimeBanner).bell = True
        app.main.tick()
        app.main.tick()
        assert rung == [True]


async def test_elmo_parks_the_topic_and_moves_on(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)
        await show(pilot, Pane.TIMELINE)
        table = app.main.query_one(TimelineTable)
        table.focus()
        table.move_cursor(row=0)
        first = table.event_at_cursor()
        assert first is not None
        parked = len(app.session.analysis.parking_lot)
        await pilot.press("f8")
        await pilot.pause()
        lot = app.session.analysis.parking_lot
        assert len(lot) == parked + 1
        assert lot[-1].text.startswith(f"{first.id}: {first.description[:30]}")
        assert table.cursor_row == 1  # on to the next topic
        assert "ELMO" in banner(app) and first.id in banner(app)
        assert app.main.current_pane is Pane.TIMELINE  # the phase goes on
        app.main.query_one("#quick-add").focus()  # where the keyboard usually is
        await pilot.press("f8")
        await pilot.pause()
        assert len(lot) == parked + 2 and table.cursor_row == 2

"""The timeline pane from the keyboard: quick-add, edit, delete, undo/redo, key times, gaps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.text import Text
from textual import events
from textual.keys import _character_to_key
from textual.widgets import ContentSwitcher, Input, Static, TextArea

from agenda import load_session, save_session
from agenda.model import Event, EventKind, KeyTimes, MeetingMode, Session
from facilitator.app import FacilitatorApp
from facilitator.dialogs.event_form import EventForm
from facilitator.dialogs.import_preview import ImportPreview
from facilitator.dialogs.paste_timeline import PasteTimeline
from facilitator.screens.findings import FindingsScreen
from facilitator.widgets import timeline_table
from facilitator.widgets.incident_header import IncidentHeader
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, build_app, loaded, screen_text, settle
from tests.helpers import FakeNow

DAY = datetime(2024, 1, 15, tzinfo=UTC)


def at(hour: int, minute: int) -> datetime:
    return DAY + timedelta(hours=hour, minutes=minute)


def make_app(tmp_path: Path, now: FakeNow, session: Session | None = None) -> FacilitatorApp:
    session = session or Session(incident={"times": KeyTimes(impact_start=at(14, 0))})
    session.meeting.mode = MeetingMode.ASYNC  # no clock: these tests are about the timeline
    path = tmp_path / "s.toml"
    save_session(session, path)
    return build_app(path, now=now)


async def open_timeline(app: FacilitatorApp, pilot: AppPilot) -> TimelineTable:
    await pilot.press("f2")
    await pilot.pause()
    return app.screen.query_one("#events", TimelineTable)


async def quick_add(pilot: AppPilot, app: FacilitatorApp, line: str) -> None:
    box = app.screen.query_one("#quick-add", Input)
    box.focus()
    box.value = line
    await pilot.press("enter")
    await pilot.pause()


async def edit_added(
    pilot: AppPilot, app: FacilitatorApp, line: str
) -> tuple[TimelineTable, EventForm]:
    """The timeline open, an event added from the quick-add line, and its form opened."""
    table = await open_timeline(app, pilot)
    await quick_add(pilot, app, line)
    table.focus()
    await pilot.press("e")
    assert isinstance(app.screen, EventForm)
    return table, app.screen


def cell_text(table: TimelineTable, key: str, column: int) -> str:
    cell = table.get_row(key)[column]
    assert isinstance(cell, Text)
    return cell.plain


def descriptions(table: TimelineTable) -> list[str]:
    return [cell_text(table, key, 6).split("\n")[0] for key in table.row_keys_in_order()]


async def test_quick_add_keeps_time_order(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:05 Error rate crosses 5%")
        await quick_add(pilot, app, "14:01 Deploy finishes")
        await quick_add(pilot, app, "14:05 Second thing at 14:05")
        assert descriptions(table) == [
            "Deploy finishes",
            "Error rate crosses 5%",
            "Second thing at 14:05",
        ]
        assert app.screen.query_one("#quick-add", Input).value == ""
        assert [e.at for e in app.session.sorted_timeline()] == [at(14, 1), at(14, 5), at(14, 5)]


async def test_relative_time_from_the_selected_event_and_kind_prefix(
    tmp_path: Path, now: FakeNow
) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:05 Alert fires")
        await quick_add(pilot, app, "+3m decision: Roll back")
        event = app.session.sorted_timeline()[-1]
        assert event.at == at(14, 8)
        assert event.kind is EventKind.DECISION and event.description == "Roll back"


async def test_invalid_input_is_explained_and_nothing_is_lost(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        await quick_add(pilot, app, "25:61 Something odd")
        error = app.screen.query_one("#quick-error", Static)
        assert "hours go to 23" in str(error.render())
        assert app.screen.query_one("#quick-add", Input).value == "25:61 Something odd"
        await quick_add(pilot, app, "14:07")
        assert "Add what happened" in str(error.render())
        assert app.session.timeline == []


async def test_hostile_description_shows_literally_and_quits_nothing(
    tmp_path: Path, now: FakeNow
) -> None:
    hostile = "[bold]x[/] [@click=app.quit]y[/]"
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, f"14:05 {hostile}")
        assert descriptions(table) == [hostile]
        assert app.session.timeline[0].description == hostile
        await pilot.click("#events", offset=(50, 2))
        await pilot.pause()
        assert app.is_running


async def test_edit_in_the_form(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table, _ = await edit_added(pilot, app, "14:05 decision: Roll back")
        app.screen.query_one("#time", Input).value = "14:06"
        app.screen.query_one("#known", Input).value = "Error rate 8%, no runbook entry"
        await pilot.press("enter")
        await pilot.pause()
        event = app.session.timeline[0]
        assert event.at == at(14, 6) and event.known == "Error rate 8%, no runbook entry"
        assert "Knew: Error rate 8%" in cell_text(table, event.id, 6)


async def test_the_event_form_names_blame_as_the_description_is_typed(
    tmp_path: Path, now: FakeNow
) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await edit_added(pilot, app, "14:05 Replica lag reaches 4 hours")
        assert '⚠ "' not in screen_text(app)
        description = app.screen.query_one("#description", Input)
        description.value = "The engineer failed to check the replica lag dashboard"
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert '⚠ "failed to" makes a person the subject of a failure' in shown
        assert "At 14:05," in shown  # the rewrite names the event's own time
        await pilot.press("escape")
        assert app.session.timeline[0].description == "Replica lag reaches 4 hours"


async def test_an_approximate_time_shows_its_tilde_in_the_table_and_the_form(
    tmp_path: Path, now: FakeNow
) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table, form = await edit_added(pilot, app, "~14:05 Replica lag reaches 4 hours")
        event = app.session.timeline[0]
        assert event.approximate and cell_text(table, event.id, 2) == "~14:05"
        time = form.query_one("#time", Input)
        assert time.value.startswith("~") and time.value.endswith("14:05:00")
        time.value = time.value.removeprefix("~")  # the room has the exact time now
        await pilot.press("enter")
        await pilot.pause()
        assert not app.session.timeline[0].approximate
        assert cell_text(table, event.id, 2) == "14:05"


async def test_the_quick_add_line_names_blame_as_it_is_typed(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        app.screen.query_one("#quick-add", Input).focus()
        await pilot.press(*"14:05 Sam failed to check the replica lag")
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert '⚠ "failed to" makes a person the subject of a failure' in shown
        assert 'Write instead: "At 14:05,' in shown
        await pilot.press("enter")  # added as typed: the room decides, the finding stays
        await pilot.pause()
        assert app.session.timeline[0].description == "Sam failed to check the replica lag"
        assert '⚠ "' not in screen_text(app)


async def test_a_description_longer_than_a_row_says_there_is_more(
    tmp_path: Path, now: FakeNow
) -> None:
    wall = " ".join(f"step {n} of the restore was checked by hand;" for n in range(1, 60))
    session = Session(timeline=[Event(id="E1", at=at(14, 0), description=wall)])
    app = make_app(tmp_path, now, session)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        shown = cell_text(table, "E1", 6).split("\n")
        assert len(shown) == 8 and shown[-1].endswith("… (e)")  # cut, and it says so
        assert shown[0].startswith("step 1 of the restore")
        table.focus()
        await pilot.press("e")
        assert app.screen.query_one("#description", Input).value == wall  # the form has it all


async def test_form_refuses_bad_time_and_empty_description(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        _, form = await edit_added(pilot, app, "14:05 Alert")
        form.query_one("#time", Input).value = "99:00"
        await pilot.press("enter")
        assert isinstance(app.screen, EventForm)
        assert "hours go to 23" in str(form.query_one("#time-error", Static).render())
        form.query_one("#time", Input).value = "14:05"
        form.query_one("#description", Input).value = "  "
        await pilot.press("enter")
        assert isinstance(app.screen, EventForm)
        await pilot.press("escape")
        assert app.session.timeline[0].description == "Alert"


async def test_delete_undo_redo(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        for line in ("14:01 a", "14:02 b", "14:03 c"):
            await quick_add(pilot, app, line)
        table.focus()
        table.select_event(app.session.timeline[1].id)
        await pilot.press("d")
        assert descriptions(table) == ["a", "c"]
        await pilot.press("ctrl+z")
        assert descriptions(table) == ["a", "b", "c"]
        await pilot.press("ctrl+y")
        assert descriptions(table) == ["a", "c"]
        for _ in range(4):
            await pilot.press("ctrl+z")
        assert app.session.timeline == [] and descriptions(table) == []


async def test_mark_key_time_changes_the_metrics(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:00 Errors begin")
        await quick_add(pilot, app, "14:12 Alert fires")
        metrics = app.screen.query_one("#metrics", Static)
        assert "Time to detect —" in str(metrics.render())
        table.focus()
        table.select_event("E2")
        await pilot.press("k", "2")
        await pilot.pause()
        assert app.session.incident.times.detected == at(14, 12)
        assert "Time to detect 12m" in str(metrics.render())
        assert cell_text(table, "E2", 5) == "detected"
        await pilot.press("ctrl+z")
        assert "Time to detect —" in str(metrics.render())


async def test_gap_row_appears_and_disappears(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:00 Errors begin")
        await quick_add(pilot, app, "14:12 Alert fires")
        assert "gap:E1" in table.row_keys_in_order()
        assert "12 min gap — what was happening?" in " ".join(descriptions(table))
        await quick_add(pilot, app, "14:06 Support tickets arrive")
        assert not [k for k in table.row_keys_in_order() if k.startswith("gap:")]


async def test_paste_reports_unreadable_lines(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        table.focus()
        await pilot.press("v")
        assert isinstance(app.screen, PasteTimeline)
        app.screen.query_one(TextArea).text = "14:00 — Deploy\nnot a line\n14:02 - Timeouts\n"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PasteTimeline)
        problems = str(app.screen.query_one("#problems", Static).render())
        assert "line 2: not a line" in problems
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ImportPreview)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert descriptions(table) == ["Deploy", "Timeouts"]


async def test_timeline_survives_save_and_reload(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await edit_added(pilot, app, "14:05 decision: Roll back")
        app.screen.query_one("#known", Input).value = "Dashboards: error rate 8%"
        await pilot.press("enter")
        await quick_add(pilot, app, "2024-01-16 00:10 After midnight")
        await pilot.press("ctrl+s")
        await settle(app)
    reloaded = load_session(app.path)
    assert reloaded.timeline == app.session.timeline
    assert reloaded.timeline[0].known == "Dashboards: error rate 8%"


async def test_walking_past_midnight_and_back(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        # Going back across midnight takes the date: a bare 14:31 after 00:10 is that afternoon.
        lines = (
            "23:50 Batch job starts",
            "00:10 Cleanup done",
            "2024-01-15 14:31 Slack thread opened",
        )
        for line in lines:
            await quick_add(pilot, app, line)
        days = {e.description: e.at for e in app.session.timeline}
        assert days["Cleanup done"] == at(24, 10)
        assert days["Slack thread opened"] == at(14, 31)
        assert descriptions(table)[0] == "Slack thread opened"
        await pilot.pause()
        assert 0 < table.virtual_size.width <= table.size.width
        table.focus()
        table.select_event("E2")
        await pilot.press("e")
        app.screen.query_one("#time", Input).value = "00:12"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.timeline[1].at == at(24, 12)


async def test_gap_rows_are_not_edited_or_deleted(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:00 a")
        await quick_add(pilot, app, "14:30 b")
        table.focus()
        table.move_cursor(row=table.row_keys_in_order().index("gap:E1"))
        await pilot.press("d", "e")
        await pilot.pause()
        assert len(app.session.timeline) == 2 and not isinstance(app.screen, EventForm)


async def test_many_unreadable_pasted_lines_stay_fixable(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        table.focus()
        await pilot.press("v")
        dialog = app.screen
        dialog.query_one(TextArea).text = "14:00 — ok\n" + "junk\n" * 30
        await pilot.press("ctrl+s")
        await pilot.pause()
        area = dialog.query_one(TextArea)
        button = dialog.query_one("#import")
        assert area.size.height >= 5
        assert button.region.bottom <= SIZE[1]


async def test_pasting_several_lines_into_quick_add_opens_the_paste_dialog(
    tmp_path: Path, now: FakeNow
) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        box = app.screen.query_one("#quick-add", Input)
        box.post_message(events.Paste("14:00 — Deploy\n14:02 - Timeouts\n"))
        await pilot.pause()
        assert isinstance(app.screen, PasteTimeline)
        assert app.screen.query_one(TextArea).text == "14:00 — Deploy\n14:02 - Timeouts\n"
        assert box.value == ""  # the block went to the dialog, not also into the line
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ImportPreview)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.description for e in app.session.sorted_timeline()] == ["Deploy", "Timeouts"]


async def test_a_one_line_paste_into_quick_add_is_inserted_once(
    tmp_path: Path, now: FakeNow
) -> None:
    """Issue #17, item 9: a one-line paste came out twice (`14:40 X14:40 X`)."""
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        box = app.screen.query_one("#quick-add", Input)
        box.post_message(events.Paste("14:40 Failover starts"))
        await pilot.pause()
        assert box.value == "14:40 Failover starts"
        await pilot.press("enter")
        await pilot.pause()
        assert [e.description for e in app.session.timeline] == ["Failover starts"]


async def test_blameful_description_raises_the_count_and_the_finding_jumps_to_it(
    tmp_path: Path, now: FakeNow
) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:00 Error rate crosses 5%")
        await quick_add(pilot, app, "14:01 Deploy finished")
        await settle(app)
        await pilot.pause(0.6)
        await settle(app)
        await pilot.pause()
        before = len(app.findings)
        header = app.screen.query_one(IncidentHeader)
        await quick_add(pilot, app, "14:03 The engineer failed to check the migration")
        await pilot.pause(0.6)
        await settle(app)
        await pilot.pause()
        blame = [f for f in app.findings if f.rule == "blameful-language"]
        assert len(app.findings) == before + 1 and [f.item for f in blame] == ["event:E3"]
        assert f"⚠ {sum(f.severity == 'warning' for f in app.findings)}" in header.plain()
        assert cell_text(table, "E3", 0) == "⚠"
        await pilot.press("ctrl+n", "ctrl+n")  # move away: the finding must bring us back
        await pilot.press("f3")
        assert isinstance(app.screen, FindingsScreen)
        await pilot.press("tab")
        screen = app.screen
        index = screen.shown().index(blame[0])
        await pilot.press(*(["down"] * index), "enter")
        await pilot.pause()
        assert app.screen.query_one("#panes", ContentSwitcher).current == "timeline"
        assert table.has_focus
        selected = table.event_at_cursor()
        assert selected is not None and selected.id == "E3"


async def test_keys_typed_right_after_enter_stay_in_the_quick_add_line(
    tmp_path: Path, now: FakeNow
) -> None:
    """On a busy machine the next line's first key reaches the quick-add line before the
    pane has taken the submitted one; emptying the line then dropped it (`14:13` → `4:13`)."""
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        box = app.screen.query_one("#quick-add", Input)
        box.value = "14:12 Failover starts"
        await box.action_submit()  # Enter: the pane hears of it a moment later
        box.insert_text_at_cursor("1")  # the next key, first
        await pilot.pause()
        assert [e.description for e in app.session.timeline] == ["Failover starts"]
        assert box.value == "1"


async def test_lines_typed_in_one_burst_are_one_event_each(tmp_path: Path, now: FakeNow) -> None:
    """All the keys arrive before the app has answered one (tmux send-keys, a paste without
    bracketed paste): each Enter still ends its own line."""
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        for character in "14:07 Third\r14:09 Fourth\r~14:11 Fifth\r":
            key = "enter" if character == "\r" else _character_to_key(character)
            app.post_message(events.Key(key, None if key == "enter" else character))
        await pilot.pause()
        await pilot.pause()
        timeline = app.session.timeline
        assert [e.description for e in timeline] == ["Third", "Fourth", "Fifth"]
        # Not three E1s, which saved a file that would not open again.
        assert [e.id for e in timeline] == ["E1", "E2", "E3"]
        assert app.screen.query_one("#quick-add", Input).value == ""


async def test_the_day_is_always_in_sight_and_rows_show_ids(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, "2024-01-15 23:50 Replica lag alert")
        await pilot.pause()
        assert "2024-01-15" in screen_text(app)  # one day: the title names it
        assert cell_text(table, "E1", 1) == "E1"
        await quick_add(pilot, app, "2024-01-16 00:10 Failover starts")
        await pilot.pause()
        assert [cell_text(table, key, 2) for key in ("E1", "E2")] == [
            "01-15 23:50",
            "01-16 00:10",
        ]
        assert "2024-01-15 to 2024-01-16" in screen_text(app)
        table.focus()
        await pilot.press("home")  # a row table: Home goes to the first event
        first = table.event_at_cursor()
        await pilot.press("end")
        last = table.event_at_cursor()
        assert (first and first.id, last and last.id) == ("E1", "E2")


async def test_a_time_outside_the_incident_is_flagged_where_it_is_typed(
    tmp_path: Path, now: FakeNow
) -> None:
    app = make_app(tmp_path, now)  # impact started 2024-01-15 14:00
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:05 Error rate crosses 5%")
        assert "before the first key time" not in screen_text(app)
        await quick_add(pilot, app, "2024-01-12 09:00 Config change merged")
        await pilot.pause()
        assert "E2: 3 days before the first key time" in " ".join(screen_text(app).split())
        assert [e.description for e in app.session.timeline][-1] == "Config change merged"


async def test_a_long_timelines_ids_stay_on_one_line(tmp_path: Path, now: FakeNow) -> None:
    """Past E999 an id is five characters: its column widens rather than wrapping each of
    those rows into two lines."""
    timeline = [Event(id=f"E{995 + i}", at=at(14, i), description=f"step {i}") for i in range(10)]
    session = Session(incident={"times": KeyTimes(impact_start=at(14, 0))}, timeline=timeline)
    app = make_app(tmp_path, now, session)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        await quick_add(pilot, app, "14:10 Page the database team")
        assert [row.height for row in table.ordered_rows] == [1] * 11
        assert "E1004" in screen_text(app)


async def test_a_long_timeline_fills_after_its_first_rows_and_nothing_waits_for_the_rest(
    tmp_path: Path, now: FakeNow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long timeline shows its first rows at once and adds the rest just after; an edit
    made before the rest is in finds every row, in time order."""
    monkeypatch.setattr(timeline_table, "FIRST_ROWS", 4)
    monkeypatch.setattr(timeline_table, "LATER_ROWS", 5)
    timeline = [Event(id=f"E{i}", at=at(14, i), description=f"step {i}") for i in range(1, 31)]
    session = Session(incident={"times": KeyTimes(impact_start=at(14, 0))}, timeline=timeline)
    app = make_app(tmp_path, now, session)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        table = await open_timeline(app, pilot)
        assert table.row_count == 30  # the rest came without anyone asking

        table.fill()  # as on open: the first rows now, the rest after this frame
        assert table.row_count == 4
        app.session.timeline.append(
            Event(id="E31", at=at(14, 15) + timedelta(seconds=30), description="paged")
        )
        table.sync(frozenset({"E31"}))  # an edit before the rest is in
        assert descriptions(table)[14:17] == ["step 15", "paged", "step 16"]
        assert table.row_count == 31

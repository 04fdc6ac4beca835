"""The walking-skeleton app, driven from the keyboard with Pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual import events
from textual.widgets import ContentSwitcher, DataTable, Input, Tree

from agenda import load_session, save_session
from agenda.clock import ClockState
from agenda.model import MeetingMode
from agenda.queries import find_gaps
from agenda.safety import recovery_path
from facilitator.app import FacilitatorApp
from facilitator.dialogs.file_dialogs import SaveFailed
from facilitator.dialogs.quit import QuitDialog
from facilitator.dialogs.secrets import SecretsDialog
from facilitator.samples import make_demo_copy
from facilitator.screens.help import HelpScreen
from facilitator.widgets.clock_bar import ClockBar
from facilitator.widgets.incident_header import IncidentHeader
from facilitator.widgets.key_footer import KeyFooter
from tests.app.support import (
    SIZE,
    build_app,
    copy_sample,
    fill_every_pane,
    loaded,
    screen_text,
    settle,
)
from tests.helpers import SAMPLES, FakeNow


def demo_app(tmp_path: Path, now: FakeNow) -> FacilitatorApp:
    return build_app(
        make_demo_copy(directory=tmp_path, today=now().date()), now=now, start_clock=True
    )


def pane(app: FacilitatorApp) -> str | None:
    return app.screen.query_one("#panes", ContentSwitcher).current


def clock_text(app: FacilitatorApp) -> str:
    return str(app.screen.query_one(ClockBar).render())


async def test_walk_all_five_phases_save_and_reload(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert pane(app) == "opening"
        seen = [pane(app)]
        for _ in range(4):
            now.advance(minutes=6)
            await pilot.press("ctrl+n")
            seen.append(pane(app))
        assert seen == ["opening", "timeline", "analysis", "actions", "closing"]
        now.advance(minutes=5)
        await pilot.press("ctrl+n")
        assert app.clock is not None and app.clock.state is ClockState.FINISHED
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        assert not app.dirty
    reloaded = load_session(app.path)
    assert reloaded == app.session
    assert [r.phase for r in reloaded.meeting.phases] == [
        "opening",
        "timeline",
        "analysis",
        "actions",
        "closing",
    ]
    assert all(r.ended is not None for r in reloaded.meeting.phases)


async def test_clock_bar_shows_warning_and_overrun(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        bar = app.screen.query_one(ClockBar)
        assert "4:59" in clock_text(app) or "5:00" in clock_text(app)
        now.advance(minutes=4, seconds=30)
        bar.update_reading()
        await pilot.pause()
        assert bar.has_class("-warning") and not bar.has_class("-overrun")
        now.advance(minutes=2)
        bar.update_reading()
        await pilot.pause()
        assert bar.has_class("-overrun")
        assert "OVER BY 1:30" in clock_text(app)


async def test_pause_and_resume(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+t")
        assert "PAUSED" in clock_text(app)
        now.advance(minutes=10)
        await pilot.press("ctrl+t")
        assert "5:00 left" in clock_text(app)


async def test_sidebar_jumps_to_any_phase(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pilot.press("ctrl+g", "down", "down", "down", "enter")
        assert pane(app) == "actions"
        await pilot.press("ctrl+p")
        assert pane(app) == "analysis"
        assert app.session.meeting.phases[-1].phase == "analysis"


async def test_panes_show_the_session_data(tmp_path: Path, now: FakeNow) -> None:
    app = build_app(copy_sample(tmp_path), now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await fill_every_pane(pilot)
        session = app.session
        await pilot.press("f2")
        events = app.screen.query_one("#events", DataTable)
        assert events.row_count == len(session.timeline) + len(find_gaps(session))
        actions = app.screen.query_one("#action-table", DataTable)
        assert actions.row_count == len(session.actions)
        tree: Tree[str] = app.screen.query_one("#whys", Tree)
        labels = []
        for node_id in (w.id for w in session.analysis.whys):
            found = [n for n in tree._tree_nodes.values() if n.data == node_id]
            assert len(found) == 1
            labels.append(str(found[0].label))
        assert any(label.startswith("Why 4 ") for label in labels)
        dissent = app.screen.query_one("#dissent", DataTable)
        assert dissent.row_count == len(session.dissent)
        await pilot.pause()


async def test_user_text_is_shown_literally(tmp_path: Path, now: FakeNow) -> None:
    path = copy_sample(tmp_path)
    session = load_session(path)
    hostile = "[bold]x[/] [@click=app.quit]y[/] [$accent]v"
    session.incident.title = hostile
    session.timeline[0].description = hostile
    session.actions[0].owner = "[/]"

    save_session(session, path)
    app = build_app(path, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert hostile in app.screen.query_one(IncidentHeader).plain()
        await pilot.press("f2")
        events = app.screen.query_one("#events", DataTable)
        cells = events.get_row(session.timeline[0].id)
        assert [c.plain for c in cells if isinstance(c, Text) and c.plain.startswith("[b")] == [
            hostile
        ]
        await pilot.press("f2", "ctrl+n", "ctrl+n", "ctrl+n")
        await fill_every_pane(pilot)
        owners = app.screen.query_one("#action-table", DataTable)
        assert owners.get_row(session.actions[0].id)[2].plain == "[/]"
        await pilot.click("#header")
        assert app.is_running


async def test_quit_asks_when_there_are_unsaved_changes(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.dirty
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("escape")
        assert app.is_running and not isinstance(app.screen, QuitDialog)
        await pilot.press("ctrl+q", "s")
        await pilot.pause()
    assert load_session(app.path) == app.session


async def test_quit_without_saving_drops_the_autosave_too(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = load_session(app.path)
        await pilot.press("f5")
        app.screen.query_one(Input).value = "a tangent we then threw away"
        await pilot.press("enter")
        app.keeping._autosave_now()  # what the autosave timer does 2 s after the edit
        await settle(app)
        assert recovery_path(app.path).exists()
        await pilot.press("ctrl+q", "d")
        await settle(app)
        await pilot.pause()
        assert not app.is_running
    assert not recovery_path(app.path).exists()  # reopening offers nothing back
    assert load_session(app.path) == before


async def test_an_autosave_due_as_the_user_quits_without_saving_keeps_nothing(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f5")
        app.screen.query_one(Input).value = "a tangent we then threw away"
        await pilot.press("enter")
        await pilot.press("ctrl+q", "d")
        app.keeping._autosave_now()  # the timer armed by the edit, firing as the app goes
        await settle(app)
        await pilot.pause()
        assert not app.is_running
    assert not recovery_path(app.path).exists()  # the next open offers nothing back


async def test_quit_without_changes_does_not_ask(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_help_screen(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True)
        console.print(app.screen.text)
        text = console.export_text()
        assert "ctrl+n" in text and "Timeline review" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_async_mode_has_no_clock_and_shows_filled_sections(
    tmp_path: Path, now: FakeNow
) -> None:
    path = copy_sample(tmp_path)
    session = load_session(path)
    session.meeting.mode = MeetingMode.ASYNC
    session.meeting.phases = []
    session.actions = []

    save_session(session, path)
    app = build_app(path, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert not app.screen.query(ClockBar)
        await pilot.pause()
        await pilot.press("ctrl+g", "end", "enter")
        assert pane(app) == "closing"
        await pilot.press("ctrl+g", "home", "enter")
        assert pane(app) == "opening"
        sidebar = app.screen.query_one("#agenda")
        prompts = [str(o.prompt) for o in sidebar.options]  # type: ignore[attr-defined]
        assert "filled" in prompts[1] and "empty" in prompts[3]
        assert app.session.meeting.phases == []


async def test_opening_a_missing_file_starts_a_new_session(tmp_path: Path, now: FakeNow) -> None:
    path = tmp_path / "fresh-incident.toml"
    app = build_app(path, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.session.incident.title == "fresh incident"
        await pilot.press("ctrl+s")
        await settle(app)
    assert load_session(path) == app.session


async def test_save_failure_is_reported_and_offers_save_as(tmp_path: Path, now: FakeNow) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.document.path = tmp_path / "vanished" / "s.toml"
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        assert app.dirty
        assert isinstance(app.screen, SaveFailed)
        assert "No such file or directory" in str(app.screen.query_one("#save-message").render())
        app.screen.query_one(Input).value = str(tmp_path / "rescued.toml")
        await pilot.press("enter")
        await settle(app)
        await pilot.pause()
        assert not app.dirty and app.path == tmp_path / "rescued.toml"
    assert load_session(tmp_path / "rescued.toml") == app.session


async def test_opening_a_live_session_waits_for_the_facilitator(
    tmp_path: Path, now: FakeNow
) -> None:
    path = make_demo_copy(directory=tmp_path, today=now().date())
    before = path.read_bytes()
    app = build_app(path, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert app.clock is not None and app.clock.state is ClockState.NOT_STARTED
        assert "Not started" in clock_text(app) and not app.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert path.read_bytes() == before


async def test_save_and_quit_pauses_so_the_meeting_resumes_where_it_was(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        now.advance(minutes=2)
        await pilot.press("ctrl+q", "s")
        await pilot.pause()
    now.advance(minutes=90)
    again = build_app(app.path, now=now)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert again.clock is not None and again.clock.state is ClockState.PAUSED
        assert "3:00 left" in clock_text(again)
        assert "PAUSED" in clock_text(again)


async def test_async_mode_hides_the_clock_key(tmp_path: Path, now: FakeNow) -> None:
    path = tmp_path / "minor.toml"
    session = load_session(copy_sample(tmp_path))
    session.meeting.mode = MeetingMode.ASYNC
    save_session(session, path)
    app = build_app(path, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        shown = [a.binding.action for a in app.active_bindings.values() if a.enabled]
        assert "toggle_clock" not in shown and "save" in shown


def test_demo_copy_is_fresh_recent_and_leaves_the_sample_alone(tmp_path: Path) -> None:
    sample = SAMPLES[0]
    before = sample.read_bytes()
    copy = make_demo_copy(sample.stem, tmp_path, today=date(2026, 11, 23))
    original, demo = load_session(sample), load_session(copy)
    assert sample.read_bytes() == before
    assert demo.meeting.date == date(2026, 11, 23) and demo.meeting.phases == []
    shift = demo.meeting.date - (original.meeting.date or date.min)
    assert [e.at - shift for e in demo.timeline] == [e.at for e in original.timeline]
    assert [e.at.time() for e in demo.timeline] == [e.at.time() for e in original.timeline]
    assert [a.due for a in demo.actions] == [
        a.due + shift if a.due else None for a in original.actions
    ]


async def test_export_writes_the_document_beside_the_session(tmp_path: Path, now: FakeNow) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
    document = (tmp_path / f"{path.stem}.md").read_text(encoding="utf-8")
    assert document.startswith("# Postmortem: ")
    for action in app.session.actions:
        assert action.id in document and action.due is not None
        assert action.due.isoformat() in document


async def test_export_with_a_secret_asks_and_can_redact(tmp_path: Path, now: FakeNow) -> None:
    path = copy_sample(tmp_path)
    session = load_session(path)
    session.timeline[0].description = "creds postgres://admin:hunter2@db.internal:5432/app"
    save_session(session, path)
    app = build_app(path, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+e")
        await settle(app)  # the export job finds the secret and asks
        await pilot.pause()
        assert isinstance(app.screen, SecretsDialog)
        assert not (tmp_path / f"{path.stem}.md").exists()
        await pilot.press("r")
        await pilot.pause()
    document = (tmp_path / f"{path.stem}.md").read_text(encoding="utf-8")
    assert "hunter2" not in document and "REDACTED" in document
    assert "hunter2" in load_session(path).timeline[0].description


async def test_ctrl_q_quits_from_a_dialog_too(tmp_path: Path, now: FakeNow) -> None:
    app = build_app(copy_sample(tmp_path), now=now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_footer_follows_the_keys_of_the_pane_in_front(tmp_path: Path, now: FakeNow) -> None:
    def footer_labels() -> set[str]:
        return {key.description for key in app.screen.query_one(KeyFooter).keys}

    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+g", "down", "enter", "escape")
        await pilot.pause()
        assert pane(app) == "timeline"
        assert "Key time" in footer_labels()
        assert "Next why" not in footer_labels()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert pane(app) == "analysis"
        assert "Next why" in footer_labels()
        assert "Key time" not in footer_labels()


def footer_line(app: FacilitatorApp) -> str:
    return app.main.query_one(KeyFooter).render().plain


async def test_a_key_in_the_footer_is_pressed_by_a_click_and_cut_keys_come_in_on_the_wheel(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        line = footer_line(app)
        assert line.rstrip().endswith("▏^o palette")
        next_at = line.index("^n Next")
        await pilot.click(KeyFooter, offset=(next_at + 1, 0))
        await pilot.pause()
        assert pane(app) == "timeline"
        line = footer_line(app)
        shown = [key.description for key in app.screen.query_one(KeyFooter).keys]
        cut = next(description for description in shown if description not in line)
        footer = app.screen.query_one(KeyFooter)
        for _ in shown:  # the wheel brings each cut key in, the palette staying at the right
            footer.post_message(events.MouseScrollDown(footer, 1, 0, 0, 1, 0, False, False, False))
            await pilot.pause()
            if cut in footer_line(app):
                break
        assert cut in footer_line(app) and footer_line(app).rstrip().endswith("▏^o palette")


async def test_the_footer_names_no_key_while_a_dialog_is_over_the_screen(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert "^n Next" in footer_line(app)
        await pilot.press("ctrl+q")  # unsaved: the quit dialog, where d quits without saving
        assert isinstance(app.screen, QuitDialog)
        assert footer_line(app).strip() == ""
        assert "Delete" not in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert "^n Next" in footer_line(app)

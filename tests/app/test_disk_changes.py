"""Someone else's change to the file (a git pull, another editor, import-timeline) is noticed
within seconds, and nothing is merged silently: the user picks a version (issue #17, item 11)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from agenda import load_session, save_session
from agenda.agendas import Pane
from facilitator.app import FacilitatorApp
from facilitator.dialogs.file_dialogs import DiskChangedDialog, ExternalChange
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, build_app, copy_sample, loaded, settle


def change_elsewhere(path: Path, title: str) -> None:
    theirs = load_session(path)
    theirs.incident.title = title
    save_session(theirs, path)


async def look(app: FacilitatorApp, pilot: AppPilot) -> None:
    """What the 2 s timer does: look at the disk in a worker, then answer on the UI thread."""
    app.keeping.check_disk()
    await settle(app)
    await pilot.pause()


async def add_tangent(app: FacilitatorApp, pilot: AppPilot, text: str) -> None:
    await pilot.press("f5")
    app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_with_nothing_unsaved_a_change_on_disk_is_offered_for_reload(
    tmp_path: Path,
) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await look(app, pilot)
        assert not isinstance(app.screen, DiskChangedDialog)  # nothing changed yet
        change_elsewhere(path, "Pulled from git")
        await look(app, pilot)
        assert isinstance(app.screen, DiskChangedDialog)
        await pilot.press("r")
        await settle(app)
        await pilot.pause()
        assert app.session.incident.title == "Pulled from git" and not app.dirty


async def test_unsaved_edits_are_kept_unless_the_user_chooses_to_lose_them(
    tmp_path: Path,
) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await add_tangent(app, pilot, "mine")
        change_elsewhere(path, "Theirs")
        await look(app, pilot)
        assert isinstance(app.screen, DiskChangedDialog)
        await pilot.press("r")  # typed by chance as the dialog appeared: loses nothing
        await pilot.pause()
        assert isinstance(app.screen, DiskChangedDialog)
        await pilot.press("k")
        await pilot.pause()
        assert app.session.analysis.parking_lot[-1].text == "mine"
        await look(app, pilot)
        assert not isinstance(app.screen, DiskChangedDialog)  # asked once per version
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        assert isinstance(app.screen, ExternalChange)  # and saving over theirs asks again
    assert load_session(path).incident.title == "Theirs"


async def test_reload_losing_my_changes_takes_ctrl_r_and_keeps_the_line_being_typed(
    tmp_path: Path,
) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await add_tangent(app, pilot, "mine")
        await pilot.press("f2")
        await pilot.pause()
        app.main.query_one("#quick-add", Input).value = "14:50 half typed"
        change_elsewhere(path, "Theirs")
        await look(app, pilot)
        assert isinstance(app.screen, DiskChangedDialog)
        await pilot.press("ctrl+r")
        await settle(app)
        await pilot.pause()
        await pilot.pause()
        assert app.session.incident.title == "Theirs" and not app.dirty
        assert all(item.text != "mine" for item in app.session.analysis.parking_lot)
        assert app.main.query_one("#quick-add", Input).value == "14:50 half typed"


async def test_this_copys_own_save_is_not_someone_elses_change(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await add_tangent(app, pilot, "mine")
        await pilot.press("ctrl+s")
        app.keeping.check_disk()  # while the save may still be under way
        await settle(app)
        await pilot.pause()
        await look(app, pilot)
        assert not isinstance(app.screen, DiskChangedDialog)
        assert load_session(path).analysis.parking_lot[-1].text == "mine"


async def test_a_change_is_not_asked_about_over_an_open_form(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f5")
        change_elsewhere(path, "Theirs")
        await look(app, pilot)
        assert not isinstance(app.screen, DiskChangedDialog)
        await pilot.press("escape")
        await look(app, pilot)
        assert isinstance(app.screen, DiskChangedDialog)


async def test_a_reload_keeps_the_pane_the_item_and_the_keyboard_where_they_were(
    tmp_path: Path,
) -> None:
    """Found using the app: a reload while the timeline was looked at from another phase (f2)
    went back to the phase's pane with nothing focused, and what was typed next was lost."""
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        if app.main.current_pane is Pane.TIMELINE:
            await pilot.press("ctrl+n")
        await pilot.press("f2")
        table = app.screen.query_one(TimelineTable)
        table.focus()
        await pilot.press("down", "down", "down")
        under = app.main.item_under_cursor()
        assert under.startswith("event:")
        change_elsewhere(path, "Pulled from git")
        await look(app, pilot)
        await pilot.press("r")
        await settle(app)
        await pilot.pause()
        assert app.session.incident.title == "Pulled from git"
        assert app.main.current_pane is Pane.TIMELINE
        assert app.main.item_under_cursor() == under
        assert isinstance(app.focused, TimelineTable)

"""The read-only follow view (`facilitator FILE --follow`): no lock, no write, every edit refused,
and the facilitator's saves and autosaves shown in place with the cursor kept."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from agenda.document import Opened, SessionFile
from agenda.locking import lock_path
from agenda.model import Event, PhaseRecord
from agenda.safety import recovery_path
from agenda.storage import load_session, save_session, snapshot
from facilitator.follow import FollowApp, FollowScreen, open_follow
from facilitator.widgets.incident_header import IncidentHeader
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, copy_sample, settle
from tests.helpers import FakeNow


def _follow(path: Path, now: FakeNow | None = None) -> FollowApp:
    return open_follow(path, now=now or FakeNow(), cursor_blink=False)


def _notes(app: FollowApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app tells the user, as it tells it."""
    said: list[str] = []

    def notify(message: str, **_: Any) -> None:
        said.append(message)

    monkeypatch.setattr(app, "notify", notify)
    return said


async def _look(app: FollowApp, pilot: AppPilot) -> None:
    """What the half-second timer does, at once: look at the files, then show what was read."""
    await settle(app)  # a look the timer started before the change ends first
    await pilot.pause()
    app.look()
    await settle(app)
    await pilot.pause()


def _header(app: FollowApp) -> str:
    return app.screen.query_one(IncidentHeader).plain()


def _save(opened: Opened) -> None:
    """Save as the facilitator's copy does, through its SessionFile."""
    opened.file.changed()
    opened.file.saved(opened.file.save(snapshot(opened.session), opened.file.changes))


async def test_it_takes_no_lock_and_says_what_it_follows(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    facilitator = SessionFile.open(path)  # the facilitator's copy holds the lock
    held = lock_path(path).read_bytes()
    app = _follow(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "⟳ following pm.toml — read-only" in _header(app).replace(path.name, "pm.toml")
        assert facilitator.session.incident.title in " ".join(_header(app).split())
    assert lock_path(path).read_bytes() == held
    facilitator.file.close()


async def test_every_editing_key_and_click_is_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_sample(tmp_path)
    before = path.read_bytes()
    app = _follow(path)
    original = load_session(path)
    async with app.run_test(size=SIZE) as pilot:
        said = _notes(app, monkeypatch)
        await pilot.press("f2")  # the timeline: looking is allowed
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        assert app.focused is table  # not the hidden quick-add line
        await pilot.press("down")
        assert table.cursor_row == 1  # the arrows still move through what is shown
        keys = ["e", "enter", "d", "k", "v", "a", "ctrl+z", "ctrl+s", "f9", "ctrl+e"]
        await pilot.press(*keys, "ctrl+n", "ctrl+p", "ctrl+t", "f4", "f5")
        await settle(app)
        await pilot.pause()
        by_keys = app.refusals
        assert by_keys == 15  # each of them refused
        await pilot.click(TimelineTable, offset=(30, 3))
        await pilot.click(TimelineTable, offset=(30, 3))  # on the selected row: its form
        await pilot.pause()
        assert app.refusals > by_keys
        assert isinstance(app.screen, FollowScreen)  # no form, no dialog
        assert app.session == original
        assert said and all("Read-only" in note for note in said)
        assert len(said) < app.refusals  # a burst of keys: one notice, not a stack of them
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no autosave, lock, export


async def test_a_save_shows_in_place_with_the_cursor_on_the_same_event(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    facilitator = SessionFile.open(path)
    app = _follow(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        watched = facilitator.session.timeline[4]
        table.select_event(watched.id)
        first = facilitator.session.timeline[0]
        earlier = Event(id="E99", at=first.at - timedelta(minutes=5), description="Canary starts")
        facilitator.session.timeline.insert(0, earlier)
        facilitator.session.incident.title = "Saved cards broke checkout"
        _save(facilitator)
        await _look(app, pilot)
        assert "Saved cards broke checkout" in _header(app)
        assert table.has_row("E99")
        assert app.main.item_under_cursor() == f"event:{watched.id}"
        assert app.session == facilitator.session
        assert "⟳ following" in _header(app)
    facilitator.file.close()


async def test_the_autosave_shows_while_newer_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_sample(tmp_path)
    facilitator = SessionFile.open(path)
    app = _follow(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        facilitator.session.actions[0].title = "Validate saved payment references (typed)"
        facilitator.file.changed()
        facilitator.file.autosave(snapshot(facilitator.session))
        await _look(app, pilot)
        assert "unsaved" in _header(app)
        assert app.session.actions[0].title == "Validate saved payment references (typed)"
        owners = app.screen.query_one("#owners", DataTable)
        assert "(typed)" in str(owners.get_cell_at(owners.cursor_coordinate.__class__(0, 1)))
        _save(facilitator)  # the save removes the autosave: the file is what shows
        assert not recovery_path(path).exists()
        await _look(app, pilot)
        assert "unsaved" not in _header(app)
    facilitator.file.close()


async def test_an_unreadable_save_keeps_the_last_version_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_sample(tmp_path)
    app = _follow(path)
    title = app.session.incident.title
    async with app.run_test(size=SIZE) as pilot:
        said = _notes(app, monkeypatch)
        path.write_text(path.read_text(encoding="utf-8") + "\n<<<<<<< HEAD\n", encoding="utf-8")
        await _look(app, pilot)
        await _look(app, pilot)
        assert app.session.incident.title == title
        assert len(said) == 1 and str(path) in said[0]  # said once, not every half second


async def test_the_view_moves_with_the_facilitators_phase_and_clock(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    now = FakeNow()
    session = load_session(path)
    start = now() - timedelta(minutes=3)
    session.meeting.phases = [
        PhaseRecord(phase="opening", started=start - timedelta(minutes=5), ended=start),
        PhaseRecord(phase="timeline", started=start),
    ]
    save_session(session, path)
    facilitator = SessionFile.open(path, now=now)
    app = _follow(path, now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.clock is not None
        assert (app.clock.state.value, app.main.current_pane.value) == ("running", "timeline")
        assert app.clock.reading().phase_elapsed == 180  # running, not paused on opening
        facilitator.session.meeting.phases[-1].ended = now()
        facilitator.session.meeting.phases.append(PhaseRecord(phase="analysis", started=now()))
        _save(facilitator)
        await _look(app, pilot)
        assert app.main.current_pane.value == "analysis"
        assert app.clock.phase.key == "analysis"
    facilitator.file.close()


async def test_ending_by_a_signal_writes_nothing_beside_the_followed_file(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    facilitator = SessionFile.open(path)
    app = _follow(path)
    async with app.run_test(size=SIZE) as pilot:
        facilitator.session.incident.title = "Renamed by the facilitator"
        _save(facilitator)
        await _look(app, pilot)
        assert app.session.incident.title == "Renamed by the facilitator"
        # What SIGTERM or SIGHUP does in an editing copy: keep the work, let the lock go.
        assert app.survival.keep({"quick-add": "typed by a viewer"}) is False
        assert isinstance(app.screen, FollowScreen)  # no "changed on disk?" question either
    assert not recovery_path(path).exists()
    assert lock_path(path).exists()  # still the facilitator's
    facilitator.file.close()

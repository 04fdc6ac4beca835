"""The follow view's core: the newer of the file and its autosave, read without a lock, and the
change between two versions as an Edit that touches only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agenda import following
from agenda.agendas import resolve_agenda
from agenda.clock import ClockState, MeetingClock
from agenda.document import SessionFile
from agenda.files import read_text
from agenda.following import Follower, Source, Unreadable, Version, change_between
from agenda.locking import lock_path
from agenda.model import PhaseRecord, Session
from agenda.safety import recovery_path
from agenda.storage import load_session, snapshot
from tests.helpers import SAMPLES, FakeNow


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "pm.toml"
    shutil.copy(SAMPLES[0], path)
    return path


def _version(follower: Follower) -> Version:
    result = follower.poll()
    assert isinstance(result, Version), result
    return result


def test_the_first_look_reads_the_file_and_the_next_finds_nothing_new(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    follower = Follower(path)
    first = _version(follower)
    assert first.source is Source.FILE
    assert first.session == load_session(path)
    assert follower.poll() is None
    assert not lock_path(path).exists()  # a viewer never takes the lock


def test_a_save_by_the_facilitators_copy_is_read_while_it_holds_the_lock(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    opened = SessionFile.open(path)  # the facilitator's copy, holding the lock
    follower = Follower(path)
    _version(follower)
    opened.session.incident.title = "Checkout failed for saved cards"
    opened.file.save(snapshot(opened.session), 1)
    seen = _version(follower)
    assert seen.session.incident.title == "Checkout failed for saved cards"
    assert seen.source is Source.FILE
    opened.file.close()


def test_the_autosave_is_shown_while_newer_and_the_file_again_once_saved(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    opened = SessionFile.open(path)
    follower = Follower(path)
    _version(follower)
    opened.session.incident.title = "Typed, not saved yet"
    opened.file.changed()
    opened.file.autosave(snapshot(opened.session), drafts={"quick-add": "14:0"})
    unsaved = _version(follower)
    assert unsaved.source is Source.AUTOSAVE
    assert unsaved.session.incident.title == "Typed, not saved yet"
    opened.file.save(snapshot(opened.session), opened.file.changes)  # removes the autosave
    assert not recovery_path(path).exists()
    saved = _version(follower)
    assert (saved.source, saved.session.incident.title) == (Source.FILE, "Typed, not saved yet")
    opened.file.close()


def test_an_unreadable_file_is_reported_and_read_again_once_fixed(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    good = path.read_text(encoding="utf-8")
    follower = Follower(path)
    _version(follower)
    path.write_text(good.replace('title = "', "title = ", 1), encoding="utf-8")
    problem = follower.poll()
    assert isinstance(problem, Unreadable)
    assert str(path) in problem.message
    path.write_text(good.replace("Checkout errors", "Checkout failures", 1), encoding="utf-8")
    assert _version(follower).session.incident.title.startswith("Checkout failures")


def test_a_file_that_is_gone_is_reported(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    follower = Follower(path)
    _version(follower)
    path.unlink()
    result = follower.poll()
    assert isinstance(result, Unreadable) and "no such file any more" in result.message


# ---- the change between two versions -----------------------------------------------------------


def test_the_same_session_is_no_change() -> None:
    session = load_session(SAMPLES[0])
    assert change_between(session, session.model_copy(deep=True)) is None


def test_a_change_touches_only_the_items_and_sections_that_differ() -> None:
    before = load_session(SAMPLES[0])
    after = before.model_copy(deep=True)
    after.timeline[2].description = "Rewritten by the scribe"
    after.actions = after.actions[1:]
    after.analysis.went_well.append("Rollback was quick")
    edit = change_between(before, after)
    assert edit is not None
    removed = before.actions[0].id
    assert edit.touched == {after.timeline[2].id, removed, "went_well", "analysis"}
    assert edit.metrics  # the timeline changed: the metrics line is worked out again
    shown = before.model_copy(deep=True)
    edit.apply(shown)
    assert shown == after


def test_key_times_count_as_metrics_and_the_incident_as_a_section() -> None:
    before = load_session(SAMPLES[0])
    after = before.model_copy(deep=True)
    after.incident.times.resolved = None
    edit = change_between(before, after)
    assert edit is not None
    assert (edit.touched, edit.metrics) == (frozenset({"incident"}), True)


def test_a_reordered_list_touches_every_item_in_it() -> None:
    before = load_session(SAMPLES[0])
    after = before.model_copy(deep=True)
    after.actions.reverse()
    edit = change_between(before, after)
    assert edit is not None
    assert edit.touched == {a.id for a in after.actions}
    assert not edit.metrics


# ---- the clock of a followed meeting ------------------------------------------------------------


def test_a_followed_clock_keeps_running_where_an_opened_one_comes_back_paused() -> None:
    now = FakeNow()
    session = Session()
    session.meeting.phases.append(PhaseRecord(phase="timeline", started=now()))
    agenda = resolve_agenda("default", Path("pm.toml"))
    followed = MeetingClock(agenda, session.meeting.model_copy(deep=True), now, following=True)
    assert (followed.state, followed.phase.key) == (ClockState.RUNNING, "timeline")
    assert followed.meeting == session.meeting  # the record is left as it was
    now.advance(minutes=4)
    assert followed.reading().phase_elapsed == 240
    reopened = MeetingClock(agenda, session.meeting.model_copy(deep=True), now)
    assert reopened.state is ClockState.PAUSED


def test_an_autosave_removed_by_a_save_mid_look_is_no_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(tmp_path)
    opened = SessionFile.open(path)
    follower = Follower(path)
    _version(follower)
    opened.session.incident.title = "Saved just as the view looked"
    opened.file.changed()
    opened.file.autosave(snapshot(opened.session))
    real = read_text

    def saved_meanwhile(read: Path, what: str = "session") -> str:
        monkeypatch.setattr(following, "read_text", real)
        opened.file.save(snapshot(opened.session), opened.file.changes)  # removes the autosave
        return real(read, what)

    monkeypatch.setattr(following, "read_text", saved_meanwhile)
    assert follower.poll() is None  # not "cannot read the autosave": it looks again
    seen = _version(follower)
    assert (seen.source, seen.session.incident.title) == (
        Source.FILE,
        "Saved just as the view looked",
    )
    opened.file.close()

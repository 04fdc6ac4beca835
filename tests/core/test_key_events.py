"""Key times belong to one event: the version 1 → 2 migration, the one label, and the edits that
move or clear a key time with its event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agenda import StorageError, load_session, save_session
from agenda.history import History
from agenda.model import SCHEMA_VERSION, Event, KeyTime, Session
from agenda.queries import key_time_labels, unmarked_key_times
from agenda.timeline import delete_event, mark_key_event, replace_event, set_key_time

VERSION_1 = """# kept by hand: the cache outage
schema_version = 1

[incident]
title = "Cache outage"   # as the tracker calls it

[incident.times]
impact_start = 2024-01-15T14:00:00Z
detected = 2024-01-15T14:05:00Z
resolved = 2024-01-15T15:00:00Z

[[timeline]]
id = "E1"
at = 2024-01-15T14:00:00Z
description = "Cache nodes restart"

[[timeline]]
id = "E2"
at = 2024-01-15T14:05:00Z
description = "Alert fires"

[[timeline]]
id = "E3"
at = 2024-01-15T14:05:00Z
description = "Support pings the channel"
"""


def test_a_version_1_key_time_marks_the_first_event_at_its_time(tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    path.write_text(VERSION_1, encoding="utf-8")
    session = load_session(path)
    marks = session.incident.key_events
    assert (marks.impact_start, marks.detected, marks.resolved) == ("E1", "E2", "")
    # resolved is carried by no event: it keeps its own time
    assert session.incident.times.resolved == datetime(2024, 1, 15, 15, 0, tzinfo=UTC)


def test_saving_a_migrated_file_keeps_its_comments_and_changes_only_the_version(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.toml"
    path.write_text(VERSION_1, encoding="utf-8")
    save_session(load_session(path), path)
    text = path.read_text(encoding="utf-8")
    assert f"schema_version = {SCHEMA_VERSION}\n" in text
    assert "# kept by hand: the cache outage" in text
    assert 'title = "Cache outage"   # as the tracker calls it' in text
    assert '[incident.key_events]\nimpact_start = "E1"\ndetected = "E2"\n' in text
    assert load_session(path).incident.key_events.detected == "E2"


def test_a_key_event_that_names_no_event_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        f'schema_version = {SCHEMA_VERSION}\n[incident.key_events]\ndetected = "E9"\n',
        encoding="utf-8",
    )
    with pytest.raises(StorageError, match=r"incident.key_events.detected: no event 'E9'"):
        load_session(path)


def test_a_marked_key_time_is_its_events_time_whatever_the_file_says(tmp_path: Path) -> None:
    path = tmp_path / "moved.toml"
    text = VERSION_1.replace("schema_version = 1", f"schema_version = {SCHEMA_VERSION}")
    text += '\n[incident.key_events]\ndetected = "E3"\n'
    path.write_text(
        text.replace('id = "E3"\nat = 2024-01-15T14:05', 'id = "E3"\nat = 2024-01-15T14:07')
    )
    session = load_session(path)
    assert session.incident.times.detected == datetime(2024, 1, 15, 14, 7, tzinfo=UTC)
    assert [key for key in KeyTime if getattr(session.incident.key_events, key.value)] == [
        KeyTime.DETECTED
    ]


def utc(hour: int, minute: int) -> datetime:
    return datetime(2024, 1, 15, hour, minute, tzinfo=UTC)


def session_with(*times: tuple[int, int]) -> Session:
    return Session(
        timeline=[
            Event(id=f"E{i}", at=utc(h, m), description=f"at {h}:{m}")
            for i, (h, m) in enumerate(times, start=1)
        ]
    )


def test_key_time_marking_changes_the_metrics_and_undoes() -> None:
    session = session_with((14, 0), (14, 12))
    history = History()
    history.do(session, set_key_time(session, KeyTime.IMPACT_START, utc(14, 0)))
    history.do(session, set_key_time(session, KeyTime.DETECTED, utc(14, 12)))
    assert session.time_to_detect == timedelta(minutes=12)
    history.undo(session)
    assert session.time_to_detect is None
    history.redo(session)
    assert session.time_to_detect == timedelta(minutes=12)


def test_key_times_follow_an_edited_event() -> None:
    session = session_with((14, 0), (14, 12))
    history = History()
    history.do(session, mark_key_event(session, KeyTime.IMPACT_START, "E1"))
    history.do(session, mark_key_event(session, KeyTime.DETECTED, "E2"))
    moved = session.timeline[1].model_copy(update={"at": utc(14, 9)})
    history.do(session, replace_event(session, moved))
    assert session.time_to_detect == timedelta(minutes=9)
    history.undo(session)
    assert session.time_to_detect == timedelta(minutes=12)
    assert session.timeline[1].at == utc(14, 12)


def test_only_the_marked_event_shows_its_key_time() -> None:
    session = session_with((14, 5), (14, 5), (14, 5))
    History().do(session, mark_key_event(session, KeyTime.DETECTED, "E2"))
    assert key_time_labels(session) == {"E2": ["detected"]}


def test_marking_another_event_moves_the_label_and_undo_moves_it_back() -> None:
    session = session_with((14, 5), (14, 7))
    history = History()
    history.do(session, mark_key_event(session, KeyTime.DETECTED, "E1"))
    edit = mark_key_event(session, KeyTime.DETECTED, "E2")
    assert edit.touched == {"E1", "E2"}
    history.do(session, edit)
    assert key_time_labels(session) == {"E2": ["detected"]}
    assert session.incident.times.detected == utc(14, 7)
    history.undo(session)
    assert key_time_labels(session) == {"E1": ["detected"]}
    assert session.incident.times.detected == utc(14, 5)


def test_deleting_the_marked_event_clears_its_key_time_and_undo_restores_it() -> None:
    session = session_with((14, 5), (14, 5))
    history = History()
    history.do(session, mark_key_event(session, KeyTime.DETECTED, "E2"))
    history.do(session, delete_event(session, "E2"))
    assert session.incident.times.detected is None
    assert key_time_labels(session) == {}
    assert Session.model_validate(session.model_dump()) == session
    history.undo(session)
    assert key_time_labels(session) == {"E2": ["detected"]}
    assert session.incident.times.detected == utc(14, 5)


def test_deleting_another_event_at_the_same_minute_leaves_the_key_time() -> None:
    session = session_with((14, 5), (14, 5))
    history = History()
    history.do(session, mark_key_event(session, KeyTime.DETECTED, "E2"))
    history.do(session, delete_event(session, "E1"))
    assert key_time_labels(session) == {"E2": ["detected"]}


def test_a_key_time_on_no_event_keeps_its_own_time() -> None:
    session = session_with((14, 5))
    History().do(session, set_key_time(session, KeyTime.IMPACT_START, utc(13, 50)))
    assert key_time_labels(session) == {}
    assert unmarked_key_times(session) == [KeyTime.IMPACT_START]
    assert session.incident.times.impact_start == utc(13, 50)

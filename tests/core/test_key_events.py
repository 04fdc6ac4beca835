"""Key times belong to one event: the version 1 → 2 migration, the one label, and the edits that
move or clear a key time with its event."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from agenda import StorageError, load_session, save_session
from agenda.model import SCHEMA_VERSION, KeyTime

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

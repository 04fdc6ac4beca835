"""The quick-add line: a kind and a source either side of the time, the incident's date, and a
time outside the incident flagged where it is typed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from agenda.history import History
from agenda.model import Event, KeyTime, Session
from agenda.timeline import TimeParseError, add_event, mark_key_event, quick_add


def utc(hour: int, minute: int, day: date = date(2024, 1, 15)) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def session_with(*times: tuple[int, int]) -> Session:
    return Session(
        timeline=[
            Event(id=f"E{i}", at=utc(h, m), description=f"at {h}:{m}")
            for i, (h, m) in enumerate(times, start=1)
        ]
    )


@pytest.mark.parametrize(
    ("line", "kind", "source", "description"),
    [
        ("decision: 13:52 Roll back to v3.1", "decision", "human", "Roll back to v3.1"),
        ("13:52 decision: Roll back to v3.1", "decision", "human", "Roll back to v3.1"),
        ("alert: 14:05 Error rate over 5%", "event", "alert", "Error rate over 5%"),
        ("14:05 alert: Error rate over 5%", "event", "alert", "Error rate over 5%"),
        ("alert: decision: 14:05 Page the DBA", "decision", "alert", "Page the DBA"),
        ("observation: 14:05 metric: p99 at 3 s", "observation", "metric", "p99 at 3 s"),
        ("14:05 Deploy v3.2", "event", "human", "Deploy v3.2"),
        ("14:05 action: decision: both", "action", "human", "decision: both"),
    ],
)
def test_quick_add_takes_kind_and_source_before_or_after_the_time(
    line: str, kind: str, source: str, description: str
) -> None:
    session = session_with((13, 0))
    event = quick_add(session, line).event
    assert (event.kind, event.source, event.description) == (kind, source, description)
    assert event.at.hour in (13, 14)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("decision: Roll back", "not a time"),
        ("decision: 14:05 observation: x", "Two kinds"),
        ("alert: 14:05 chat: x", "Two sources"),
        ("alert: 14:05", "Add what happened"),
    ],
)
def test_quick_add_says_what_is_wrong(line: str, says: str) -> None:
    with pytest.raises(TimeParseError, match=says):
        quick_add(session_with((13, 0)), line)


def test_quick_add_dates_a_time_from_the_incident_date() -> None:
    session = Session()
    session.incident.date = date(2019, 7, 2)
    history = History()
    for line in ("13:31 x", "23:50 y", "00:10 z"):
        history.do(session, add_event(quick_add(session, line).event))
    assert [e.at for e in session.timeline] == [
        datetime(2019, 7, 2, 13, 31, tzinfo=UTC),
        datetime(2019, 7, 2, 23, 50, tzinfo=UTC),
        datetime(2019, 7, 3, 0, 10, tzinfo=UTC),
    ]


def test_quick_add_flags_a_time_outside_the_incident() -> None:
    session = session_with((14, 0), (14, 30))
    History().do(session, mark_key_event(session, KeyTime.IMPACT_START, "E1"))
    History().do(session, mark_key_event(session, KeyTime.RESOLVED, "E2"))
    assert quick_add(session, "14:10 inside").outside == ""
    entry = quick_add(session, "2024-01-14 09:00 the day before")
    assert "before the first key time" in entry.outside


def test_a_tilde_before_the_time_marks_it_approximate() -> None:
    session = session_with((13, 0))
    about = quick_add(session, "~14:05 decision: Page the DBA").event
    assert (about.at, about.approximate, about.kind) == (utc(14, 5), True, "decision")
    assert about.description == "Page the DBA"
    assert not quick_add(session, "14:05 Page the DBA").event.approximate
    with pytest.raises(TimeParseError, match="Start the line with a time"):
        quick_add(session, "~ Page the DBA")


def test_lines_read_before_the_first_is_added_get_ids_of_their_own() -> None:
    session = session_with((13, 0))
    first = quick_add(session, "14:05 Page the DBA").event
    second = quick_add(session, "14:06 DBA joins", taken={first.id}).event
    assert (first.id, second.id) == ("E2", "E3")

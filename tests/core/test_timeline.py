"""Timeline logic: times as the room calls them out, pasted timelines, gaps, key times, undo."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from agenda.checks import run_checks
from agenda.history import History
from agenda.model import Dissent, Event, KeyTimes, Session
from agenda.queries import find_gaps
from agenda.sources.merge import import_edit, plan_import
from agenda.sources.published import read_published
from agenda.sources.records import ReadOptions, split_kind
from agenda.timeline import (
    TimeParseError,
    add_event,
    delete_event,
    incident_day,
    new_event,
    parse_time,
    replace_event,
    split_quick_add,
)

DAY = date(2024, 1, 15)


def utc(hour: int, minute: int, second: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:05", utc(14, 5)),
        ("9:05", utc(9, 5)),
        ("14:05:30", utc(14, 5, 30)),
        ("2024-01-16 02:10", utc(2, 10, day=date(2024, 1, 16))),
        ("2024-01-16T02:10", utc(2, 10, day=date(2024, 1, 16))),
        ("2024-01-15T14:05:00Z", utc(14, 5)),
        ("2024-01-15T16:05:00+02:00", utc(14, 5)),
        ("2024-01-15T09:05-0500", utc(14, 5)),
        ("2024-01-15t14:05z", utc(14, 5)),
    ],
)
def test_accepted_time_forms(text: str, expected: datetime) -> None:
    assert parse_time(text, day=DAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("+5m", utc(14, 10)), ("+90s", utc(14, 6, 30)), ("-2m", utc(14, 3)), ("+1h", utc(15, 5))],
)
def test_relative_to_the_selected_event(text: str, expected: datetime) -> None:
    assert parse_time(text, day=DAY, selected=utc(14, 5)) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("25:61", "hours go to 23"),
        ("14:60", "minutes and seconds to 59"),
        ("14h05", "is not a time"),
        ("", "no time given"),
        ("yesterday", "is not a time"),
        ("2024-02-30 10:00", "not a valid date"),
        ("+5m", "no event is selected"),
        ("2024-13-01T10:00Z", "not a valid ISO"),
    ],
)
def test_invalid_times_say_what_is_accepted(text: str, fragment: str) -> None:
    with pytest.raises(TimeParseError, match=fragment):
        parse_time(text, day=DAY)


def test_midnight_rollover_after_the_previous_event() -> None:
    assert parse_time("00:10", day=DAY, previous=utc(23, 50)) == utc(0, 10, day=date(2024, 1, 16))


def test_an_earlier_time_the_same_day_does_not_roll() -> None:
    assert parse_time("14:05", day=DAY, previous=utc(14, 30)) == utc(14, 5)


def test_hh_mm_follows_the_day_of_the_previous_event() -> None:
    previous = utc(1, 0, day=date(2024, 1, 16))
    assert parse_time("01:30", day=DAY, previous=previous) == utc(1, 30, day=date(2024, 1, 16))


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("14:05 Error rate crosses 5%", ("14:05", "Error rate crosses 5%")),
        ("2024-01-15 14:05 Alert fires", ("2024-01-15 14:05", "Alert fires")),
        ("+5m   On-call acks", ("+5m", "On-call acks")),
        ("14:05", ("14:05", "")),
    ],
)
def test_split_quick_add(line: str, parts: tuple[str, str]) -> None:
    assert split_quick_add(line) == parts


SEED_TIMELINE = """\
14:00 — Deploy v2.3.1 pushed to production (contained DB migration)
14:02 - First query timeouts (queries blocked by lock)
14:22     | Burn rate alert fires (checkout error rate 3x SLO)
- 14:32 - Alert fired for high error rate
2024-01-15T14:40:00Z Error rate at baseline, resolved

HH:MM UTC | Event
14:45 UTC | Incident channel closed
25:00 — Impossible
Just some notes
"""


def pasted(text: str) -> tuple[list[tuple[datetime, str]], list[tuple[int, str, str]]]:
    """A pasted timeline as the timeline pane reads it: (time, text) and (line, text, why)."""
    parsed = read_published(text, "pasted", ReadOptions(day=DAY))
    return (
        [(record.at, record.text) for record in parsed.records],
        [(p.line, p.text, p.message) for p in parsed.problems],
    )


def test_import_reads_each_seed_format_and_reports_the_rest() -> None:
    events, problems = pasted(SEED_TIMELINE)
    assert events == [
        (utc(14, 0), "Deploy v2.3.1 pushed to production (contained DB migration)"),
        (utc(14, 2), "First query timeouts (queries blocked by lock)"),
        (utc(14, 22), "Burn rate alert fires (checkout error rate 3x SLO)"),
        (utc(14, 32), "Alert fired for high error rate"),
        (utc(14, 40), "Error rate at baseline, resolved"),
        (utc(14, 45), "Incident channel closed"),
    ]
    assert [(line, text) for line, text, _ in problems] == [
        (7, "HH:MM UTC | Event"),
        (9, "25:00 — Impossible"),
        (10, "Just some notes"),
    ]
    assert "hours go to 23" in problems[1][2]


def test_import_rolls_over_midnight() -> None:
    events, _ = pasted("23:55 — a\n00:05 — b\n")
    assert [when for when, _ in events] == [utc(23, 55), utc(0, 5, day=date(2024, 1, 16))]


def session_with(*times: tuple[int, int]) -> Session:
    return Session(
        timeline=[
            Event(id=f"E{i}", at=utc(h, m), description=f"event {i}")
            for i, (h, m) in enumerate(times, start=1)
        ]
    )


def test_gaps_inside_the_impact_window() -> None:
    session = session_with((13, 0), (14, 0), (14, 5), (14, 17), (14, 20), (15, 0))
    session.incident.times = KeyTimes(impact_start=utc(14, 0), resolved=utc(14, 20))
    gaps = find_gaps(session)
    assert [(g.after, g.before, g.minutes) for g in gaps] == [("E3", "E4", 12)]
    assert gaps[0].prompt == "12 min gap — what was happening?"


def test_a_long_gap_reads_the_same_in_the_timeline_and_in_the_findings() -> None:
    session = session_with((2, 0), (20, 47))
    (gap,) = find_gaps(session)
    assert gap.prompt == "18h 47m gap — what was happening?"
    (finding,) = [f for f in run_checks(session, today=DAY) if f.rule == "timeline-gap"]
    assert finding.message.startswith("18h 47m with no event")  # not "1127 min"


def test_gap_threshold_is_per_session() -> None:
    session = session_with((14, 0), (14, 7))
    assert find_gaps(session) == []
    session.meeting.gap_threshold_minutes = 5
    assert [g.minutes for g in find_gaps(session)] == [7]


def test_gap_disappears_when_an_event_fills_it() -> None:
    session = session_with((14, 0), (14, 20))
    assert len(find_gaps(session)) == 1
    session.timeline.append(Event(id="E3", at=utc(14, 10), description="filled"))
    assert find_gaps(session) == []


def test_incident_day_prefers_impact_start() -> None:
    session = session_with((9, 0))
    assert incident_day(session) == DAY
    session.incident.times.impact_start = utc(1, 0, day=date(2024, 2, 2))
    assert incident_day(session) == date(2024, 2, 2)


def test_add_delete_undo_redo_back_to_the_start() -> None:
    session = session_with((14, 0))
    original = session.model_copy(deep=True)
    history = History()
    for minute in (1, 2, 3):
        history.do(session, add_event(new_event(session, utc(14, minute), f"m{minute}")))
    history.do(session, delete_event(session, "E1"))
    history.do(
        session, replace_event(session, session.timeline[0].model_copy(update={"description": "x"}))
    )
    assert [e.id for e in session.timeline] == ["E2", "E3", "E4"]
    while history.undo(session):
        pass
    assert session == original
    while history.redo(session):
        pass
    assert [e.description for e in session.timeline] == ["x", "m2", "m3"]


def test_undo_of_a_delete_restores_entry_order() -> None:
    session = session_with((14, 0), (14, 0), (14, 0))
    history = History()
    history.do(session, delete_event(session, "E2"))
    history.undo(session)
    assert [e.id for e in session.sorted_timeline()] == ["E1", "E2", "E3"]


def test_new_ids_are_never_in_use_after_delete() -> None:
    session = session_with((14, 0), (14, 1))
    History().do(session, delete_event(session, "E2"))
    assert new_event(session, utc(14, 2), "x").id not in {e.id for e in session.timeline}


def test_deleting_an_event_clears_dissent_about_it_and_undo_restores_it() -> None:
    session = session_with((14, 0), (14, 1))
    session.dissent.append(Dissent(id="D1", view="Not the trigger", about="event:E2"))
    history = History()
    history.do(session, delete_event(session, "E2"))
    assert session.dissent[0].about == ""
    assert Session.model_validate(session.model_dump()) == session
    history.undo(session)
    assert session.dissent[0].about == "event:E2"


@pytest.mark.parametrize(
    ("text", "kind", "rest"),
    [
        ("decision: Roll back to v3.1", "decision", "Roll back to v3.1"),
        ("Observation:error rate 8%", "observation", "error rate 8%"),
        ("Deploy v3.2", "event", "Deploy v3.2"),
        ("decisions were made", "event", "decisions were made"),
    ],
)
def test_split_kind(text: str, kind: str, rest: str) -> None:
    assert split_kind(text) == (kind, rest)


def test_import_as_one_undoable_edit_with_fresh_ids() -> None:
    session = session_with((14, 0))
    records = read_published("14:05 — a\n14:06 — decision: b\n", "pasted", ReadOptions(day=DAY))
    history = History()
    history.do(session, import_edit(session, plan_import(session, records.records)))
    events = session.timeline[1:]
    assert [e.id for e in events] == ["E2", "E3"]
    assert events[1].kind == "decision" and events[1].description == "b"
    assert len(session.timeline) == 3
    history.undo(session)
    assert [e.id for e in session.timeline] == ["E1"]


def test_after_midnight_a_later_hour_is_that_day_not_the_day_before() -> None:
    # Issue #11: after 2017-02-01 00:30, "18:14 back online" was stored as 01-31 18:14,
    # before the incident began.
    after_midnight = utc(0, 30, day=date(2024, 1, 16))
    assert parse_time("18:14", day=DAY, previous=after_midnight) == utc(
        18, 14, day=date(2024, 1, 16)
    )
    assert parse_time("00:20", day=DAY, previous=after_midnight) == utc(
        0, 20, day=date(2024, 1, 16)
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["13:31", "23:50", "00:10"], [(2, 13, 31), (2, 23, 50), (3, 0, 10)]),
        (["23:00", "00:30", "18:14"], [(2, 23, 0), (3, 0, 30), (3, 18, 14)]),
        (["14:05", "14:02", "14:10"], [(2, 14, 5), (2, 14, 2), (2, 14, 10)]),
        (["22:00", "01:00", "23:30", "00:15"], [(2, 22, 0), (3, 1, 0), (3, 23, 30), (4, 0, 15)]),
    ],
)
def test_a_walk_through_the_night_is_dated_by_the_shortest_step_forward(
    lines: list[str], expected: list[tuple[int, int, int]]
) -> None:
    previous = None
    dated = []
    for line in lines:
        previous = parse_time(line, day=date(2019, 7, 2), previous=previous)
        dated.append(previous)
    assert dated == [datetime(2019, 7, d, h, m, tzinfo=UTC) for d, h, m in expected]


def test_rollover_across_several_days() -> None:
    late_day_three = utc(23, 50, day=date(2024, 1, 17))
    assert parse_time("00:10", day=DAY, previous=late_day_three) == utc(
        0, 10, day=date(2024, 1, 18)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2:05 PM", utc(14, 5)),
        ("2:05pm", utc(14, 5)),
        ("12:30 am", utc(0, 30)),
        ("9:15 a.m.", utc(9, 15)),
    ],
)
def test_twelve_hour_times(text: str, expected: datetime) -> None:
    assert parse_time(text, day=DAY) == expected


def test_import_reads_am_pm_and_refuses_empty_descriptions() -> None:
    events, problems = pasted(
        "14:25 — a\n2:05 PM - b\n14:24 —\n14:25 -\n14:27 — decision:\n14:07\n14:30 — c\n"
    )
    assert events == [(utc(14, 25), "a"), (utc(14, 5), "b"), (utc(14, 30), "c")]
    assert [(line, why) for line, _, why in problems] == [
        (3, "no description after the time"),
        (4, "no description after the time"),
        (5, "no description after the time"),
        (6, "no description after the time"),
    ]


def test_long_gaps_read_in_hours() -> None:
    session = session_with((14, 0), (23, 0))
    assert find_gaps(session)[0].prompt == "9h 00m gap — what was happening?"


def test_split_quick_add_keeps_am_pm_with_the_time() -> None:
    assert split_quick_add("2:05 PM Alert fires") == ("2:05 PM", "Alert fires")
    assert split_quick_add("2:05 Pmod restarts") == ("2:05", "Pmod restarts")

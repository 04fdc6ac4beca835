"""The session model: ids, links, UTC times and the computed response metrics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from agenda.model import (
    Action,
    Event,
    Factor,
    KeyTimes,
    Session,
    format_duration,
)

T0 = datetime(2024, 1, 15, 14, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_naive_time_is_refused_with_a_message_saying_so() -> None:
    with pytest.raises(ValidationError, match="no timezone"):
        Event(id="E1", at=datetime(2024, 1, 15, 14, 0), description="Deploy")


def test_times_with_an_offset_are_kept_in_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    event = Event(id="E1", at=datetime(2024, 1, 15, 16, 0, tzinfo=plus_two), description="x")
    assert event.at == T0
    assert event.at.utcoffset() == timedelta(0)


def test_duplicate_ids_are_refused_across_kinds() -> None:
    with pytest.raises(ValidationError, match="duplicate id 'E1'"):
        Session(
            timeline=[
                Event(id="E1", at=T0, description="a"),
                Event(id="E1", at=T0, description="b"),
            ]
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"actions": [{"id": "A1", "title": "x", "factors": ["F9"]}]}, "no contributing factor"),
        ({"analysis": {"whys": [{"id": "W2", "parent": "W1"}]}}, "no why node 'W1'"),
        ({"dissent": [{"id": "D1", "view": "v", "about": "event:E7"}]}, "names no item"),
        (
            {"analysis": {"whys": [{"id": "W1", "parent": "W2"}, {"id": "W2", "parent": "W1"}]}},
            "loops back",
        ),
    ],
)
def test_dangling_and_circular_links_are_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Session.model_validate(data)


def test_next_id_never_reuses_a_number() -> None:
    session = Session(
        timeline=[Event(id="E1", at=T0, description="a"), Event(id="E7", at=T0, description="b")]
    )
    assert session.next_id("E") == "E8"
    assert session.next_id("A") == "A1"


def test_metrics_are_computed_from_key_times() -> None:
    session = Session()
    session.incident.times = KeyTimes(
        impact_start=at(0), detected=at(12), acknowledged=at(13), mitigated=at(25), resolved=at(30)
    )
    assert session.time_to_detect == timedelta(minutes=12)
    assert session.time_to_acknowledge == timedelta(minutes=1)
    assert session.time_to_mitigate == timedelta(minutes=25)
    assert session.impact_duration == timedelta(minutes=30)


def test_metrics_are_none_when_a_key_time_is_missing() -> None:
    session = Session()
    session.incident.times = KeyTimes(detected=at(12))
    assert session.time_to_detect is None
    assert session.time_to_acknowledge is None
    assert session.time_to_mitigate is None
    assert session.impact_duration is None


def test_whys_forest_depth_and_children() -> None:
    session = Session.model_validate(
        {
            "analysis": {
                "whys": [
                    {"id": "W1", "question": "Checkout failed"},
                    {"id": "W2", "parent": "W1", "answer": "NPE"},
                    {"id": "W3", "parent": "W2", "answer": "no docs"},
                    {"id": "W4", "parent": "W2", "answer": "no contract test"},
                ]
            }
        }
    )
    assert [w.id for w in session.why_roots()] == ["W1"]
    assert [w.id for w in session.why_children("W2")] == ["W3", "W4"]
    assert session.why_depth("W4") == 2
    assert session.why_depth("W1") == 0


def test_find_resolves_item_references() -> None:
    session = Session.model_validate(
        {
            "analysis": {"factors": [{"id": "F1", "title": "No timeout"}]},
            "actions": [{"id": "A1", "title": "Add timeout", "factors": ["F1"]}],
        }
    )
    factor, action = session.find("factor:F1"), session.find("action:A1")
    assert isinstance(factor, Factor) and factor.title == "No timeout"
    assert isinstance(action, Action) and action.title == "Add timeout"
    assert session.find("action:A2") is None
    assert session.find("nonsense") is None


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (None, "—"),
        (timedelta(seconds=45), "45s"),
        (timedelta(minutes=12), "12m"),
        (timedelta(minutes=12, seconds=5), "12m 05s"),
        (timedelta(hours=1, minutes=5), "1h 05m"),
    ],
)
def test_format_duration(delta: timedelta | None, text: str) -> None:
    assert format_duration(delta) == text

"""Action items without a UI: due dates against a fixed today, sorting, coverage, checklist."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agenda.actions import (
    DueParseError,
    SortOrder,
    due_label,
    is_ticket,
    parse_due,
    sort_actions,
)
from agenda.checks.checklist import checklist, coverage
from agenda.model import Action, DissentStatus, Factor, ParkingStatus, Session

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("+3d", date(2026, 11, 26)),
        ("+2w", date(2026, 12, 7)),
        ("+ 10d", date(2026, 12, 3)),
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 24)),
        ("friday", date(2026, 11, 27)),
        ("this friday", date(2026, 11, 27)),
        ("next friday", date(2026, 12, 4)),
        ("Next Monday", date(2026, 11, 30)),
        ("monday", date(2026, 11, 30)),
        ("  2027-01-15  ", date(2027, 1, 15)),
    ],
)
def test_due_dates_people_say(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("end of sprint", "sprints and quarters end on different days"),
        ("next sprint", "sprints and quarters end on different days"),
        ("EOQ", "sprints and quarters end on different days"),
        ("soon", "sprints and quarters end on different days"),
        ("ASAP", "sprints and quarters end on different days"),
        ("2026-02-30", "not a valid date"),
        ("in a while", "not a date: use 2026-12-01, +3d, +2w"),
        ("", "no date given"),
        ("+3m", "not a date"),
    ],
)
def test_refused_due_dates_say_what_would_do(text: str, hint: str) -> None:
    with pytest.raises(DueParseError, match=re.escape(hint)):
        parse_due(text, TODAY)


@pytest.mark.parametrize(
    ("due", "label"),
    [
        (date(2026, 12, 2), "in 9 days"),
        (date(2026, 11, 24), "in 1 day"),
        (TODAY, "due today"),
        (date(2026, 11, 21), "overdue 2 days"),
        (None, "no date"),
    ],
)
def test_due_label(due: date | None, label: str) -> None:
    assert due_label(due, TODAY) == label


def actions() -> list[Action]:
    return [
        Action(
            id="A1", title="a", priority="P2", due=date(2026, 12, 9), impact="low", effort="high"
        ),
        Action(id="A2", title="b", priority="P0", due=None, impact="high", effort="low"),
        Action(
            id="A3", title="c", priority="P1", due=date(2026, 12, 1), impact="high", effort="high"
        ),
    ]


@pytest.mark.parametrize(
    ("order", "ids"),
    [
        (SortOrder.DUE, ["A3", "A1", "A2"]),
        (SortOrder.PRIORITY, ["A2", "A3", "A1"]),
        (SortOrder.VALUE, ["A2", "A3", "A1"]),
        (SortOrder.ENTRY, ["A1", "A2", "A3"]),
    ],
)
def test_sorting(order: SortOrder, ids: list[str]) -> None:
    assert [a.id for a in sort_actions(actions(), order)] == ids


def test_coverage_line() -> None:
    session = Session(
        analysis={"factors": [Factor(id=f"F{i}", title=f"f{i}") for i in range(1, 6)]},
        actions=[
            Action(id="A1", title="a", factors=["F1", "F2"]),
            Action(id="A2", title="b", factors=["F2", "F4", "F5"]),
        ],
    )
    found = coverage(session)
    assert found.line == "5 factors · 4 covered by an action · 1 without: F3 f3"
    assert [f.id for f in found.uncovered] == ["F3"]
    assert coverage(Session()).line == "No contributing factors yet"


def test_checklist_is_answered_from_the_session_where_it_can_be() -> None:
    session = Session(
        meeting={"participants": [{"name": "@alice"}], "checklist": ["shared"]},
        analysis={"factors": [Factor(id="F1", title="Root cause: human error")]},
        actions=[
            Action(id="A1", title="a", owner="@alice", due=date(2026, 12, 1), ticket="ENG-1"),
            Action(id="A2", title="b", owner="SRE team", ticket="ENG-2"),
        ],
    )
    answers = {item.key: (item.answer, item.done) for item in checklist(session)}
    assert answers == {
        "owners": (False, False),
        "due": (False, False),
        "tracked": (True, True),
        "no-human-error": (False, False),
        "shared": (None, True),
        "previous": (None, False),
    }


def test_closing_edits_undo_cleanly() -> None:
    from agenda.closing import (
        schedule_follow_up,
        set_dissent_status,
        set_key_learnings,
        set_parking_status,
        toggle_checklist,
        toggle_confirmed,
    )
    from agenda.history import History

    session = Session.model_validate(
        {
            "actions": [{"id": "A1", "title": "a"}],
            "dissent": [{"id": "D1", "view": "v"}],
            "analysis": {"parking_lot": [{"id": "P1", "text": "t"}]},
        }
    )
    original = session.model_copy(deep=True)
    history = History()
    history.do(session, toggle_confirmed(session, "A1"))
    history.do(session, set_dissent_status(session, "D1", DissentStatus.ACKNOWLEDGED))
    history.do(session, set_parking_status(session, "P1", ParkingStatus.CARRIED_FORWARD))
    history.do(session, set_key_learnings(session, "We learned"))
    history.do(session, schedule_follow_up(session, date(2026, 12, 7)))
    history.do(session, toggle_checklist(session, "shared"))
    assert session.actions[0].confirmed and session.dissent[0].status == "acknowledged"
    assert session.analysis.parking_lot[0].status == "carried forward"
    assert session.meeting.follow_up == date(2026, 12, 7)
    assert session.incident.status == "in review" and session.meeting.checklist == ["shared"]
    while history.undo(session):
        pass
    assert session == original


@pytest.mark.parametrize(
    ("text", "ticket"),
    [
        ("ENG-1234", True),
        ("#12", True),
        ("infrastructure#1094", True),
        ("gitlab-org/infrastructure#1094", True),
        ("https://tracker.example/ENG-1", True),
        ("soon", False),
        ("infrastructure 1094", False),
    ],
)
def test_a_ticket_is_a_key_an_issue_or_a_url(text: str, ticket: bool) -> None:
    assert is_ticket(text) is ticket

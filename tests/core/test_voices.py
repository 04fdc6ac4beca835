"""What each participant contributed, and who the room has not heard yet."""

from __future__ import annotations

from agenda.history import History
from agenda.model import Session
from agenda.storage import dumps_session, load_session, loads_session
from agenda.voices import not_heard, tap_spoke, voices
from tests.helpers import SAMPLES


def room() -> Session:
    return Session.model_validate(
        {
            "meeting": {"participants": [{"name": "@alice"}, {"name": "Bob"}, {"name": "@carol"}]},
            "timeline": [
                {"id": "E1", "at": "2024-01-01T10:00:00Z", "description": "alice deploys"},
                {"id": "E2", "at": "2024-01-01T10:01:00Z", "description": "x", "who": "bob"},
                {"id": "E3", "at": "2024-01-01T10:02:00Z", "description": "@alicef here"},
            ],
            "analysis": {"whys": [{"id": "W1", "question": "Why?", "answer": "@Bob said so"}]},
            "dissent": [{"id": "D1", "view": "no", "holder": "Bob"}],
            "actions": [{"id": "A1", "title": "t", "owner": "@alice"}],
        }
    )


def test_counts_what_each_participant_contributed() -> None:
    counts = {v.name: (v.events, v.whys, v.dissent, v.actions) for v in voices(room())}
    assert counts == {"@alice": (1, 0, 0, 1), "Bob": (1, 1, 1, 0), "@carol": (0, 0, 0, 0)}


def test_the_quiet_ones_are_listed_until_tapped() -> None:
    session, history = room(), History()
    assert not_heard(session) == ["@carol"]
    history.do(session, tap_spoke(session, 2))
    assert not_heard(session) == []
    assert voices(session)[2].spoke == 1
    history.undo(session)
    assert not_heard(session) == ["@carol"]


def test_a_tap_is_kept_in_the_file() -> None:
    session = load_session(SAMPLES[0])
    tap_spoke(session, 0).apply(session)
    assert loads_session(dumps_session(session)).meeting.participants[0].spoke == 1


def test_an_item_reads_in_full_by_reference() -> None:
    from agenda.queries import item_text

    session = room()
    assert item_text(session, "event:E1") == "alice deploys"
    assert item_text(session, "why:W1") == "@Bob said so"
    assert item_text(session, "dissent:D1") == "no"
    assert item_text(session, "action:A9") == ""

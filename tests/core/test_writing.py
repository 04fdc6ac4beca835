"""Solo mode, core side: the writer's prompts instead of the meeting's, and which parts of the
document are filled and which are missing."""

from __future__ import annotations

import pytest

from agenda.agendas import Pane, Phase, load_agenda
from agenda.model import MeetingMode, Session
from agenda.sections import document_parts, filled_and_missing
from agenda.storage import load_session
from agenda.writing import WRITER_PROMPTS, prompts_for
from tests.helpers import SAMPLES

MEETING_WORDS = ("everyone", "room", "aloud", "here?")


@pytest.mark.parametrize("phase", load_agenda("default").phases, ids=lambda p: p.key)
def test_an_async_session_gets_the_writers_prompts(phase: Phase) -> None:
    session = Session()
    assert prompts_for(session, phase) == phase
    session.meeting.mode = MeetingMode.ASYNC
    written = prompts_for(session, phase)
    assert (written.say, written.ask) == WRITER_PROMPTS[phase.pane]
    assert (written.key, written.title, written.pane) == (phase.key, phase.title, phase.pane)
    text = " ".join(written.say + written.ask).lower()
    assert not any(word in text for word in MEETING_WORDS)


def test_every_pane_has_writers_prompts() -> None:
    assert set(WRITER_PROMPTS) == set(Pane)
    assert all(say and ask for say, ask in WRITER_PROMPTS.values())


def test_a_new_session_has_everything_still_to_write() -> None:
    filled, missing = filled_and_missing(Session())
    assert filled == []
    assert [part.label for part in missing][:5] == [
        "Title",
        "Incident date",
        "Authors",
        "Summary",
        "Impact",
    ]
    assert {part.pane for part in missing} == set(Pane)


def test_a_sample_is_filled_but_for_what_it_leaves_out() -> None:
    session = load_session(SAMPLES[0])
    _, missing = filled_and_missing(session)
    assert [part.key for part in missing] == ["incident.date", "incident.severity_answers"]


def test_writing_a_summary_moves_it_from_missing_to_filled() -> None:
    session = Session()
    session.incident.summary = "Checkout failed for 8% of customers for 37 minutes."
    filled, _ = filled_and_missing(session)
    assert [part.key for part in filled] == ["incident.summary"]


def test_key_times_say_which_are_still_unmarked() -> None:
    session = load_session(SAMPLES[0])
    session.incident.key_events.acknowledged = ""
    session.incident.times.acknowledged = None
    part = next(p for p in document_parts(session) if p.key == "incident.times")
    assert not part.filled and part.hint == "Mark acknowledged (k)"

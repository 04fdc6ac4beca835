"""A document in review or final has every part a reader needs; final is refused while an
error stands; severity is no lower than the impact implies; events fall within the incident;
what is overdue is judged as of the document's own time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from agenda.checks import Severity, run_checks
from agenda.history import History
from agenda.model import DocumentStatus, Event, Reviewer, Session
from agenda.review import ReviewError
from agenda.severity import CoreFlow, UserShare, Workaround, implied_severity
from agenda.status import as_of, change_status, final_refusals
from agenda.storage import load_session
from agenda.timeline import mark_key_event
from agenda.vocabulary import KeyTime
from agenda.vocabulary import Severity as Sev
from tests.helpers import SAMPLES

TODAY = date(2024, 3, 20)
NOW = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)


def findings(session: Session, rule: str) -> list[tuple[Severity, str, str]]:
    return [
        (f.severity, f.field, f.message) for f in run_checks(session, today=TODAY) if f.rule == rule
    ]


def empty_in_review() -> Session:
    session = Session()
    session.incident.status = DocumentStatus.IN_REVIEW
    return session


def test_an_empty_document_in_review_names_every_missing_part() -> None:
    fields = {field for _, field, _ in findings(empty_in_review(), "incomplete")}
    assert fields == {
        "incident.summary",
        "incident.impact",
        "incident.trigger",
        "incident.detection",
        "incident.resolution",
        "incident.times",
    }


def test_a_document_in_review_with_only_the_summary_empty_gets_a_finding_naming_it() -> None:
    session = load_session(SAMPLES[0])
    session.incident.status = DocumentStatus.IN_REVIEW
    assert findings(session, "incomplete") == []
    session.incident.summary = ""
    assert findings(session, "incomplete") == [
        (Severity.ERROR, "incident.summary", "in review with no summary")
    ]


def test_a_draft_may_be_incomplete() -> None:
    assert findings(Session(), "incomplete") == []


def test_final_is_refused_with_the_reasons_while_an_error_stands() -> None:
    session = empty_in_review()
    reasons = final_refusals(session, TODAY)
    assert "in review with no summary (incident.summary)" in reasons
    with pytest.raises(ReviewError, match="in review with no summary"):
        change_status(session, DocumentStatus.FINAL, today=TODAY, at=NOW)
    with pytest.raises(ReviewError, match="no summary"):  # an override does not skip it
        change_status(
            session, DocumentStatus.FINAL, today=TODAY, at=NOW, force_by="@vp", reason="now"
        )


def test_a_complete_document_in_review_becomes_final_and_undo_reopens_it() -> None:
    session = load_session(SAMPLES[0])
    session.incident.status = DocumentStatus.IN_REVIEW
    session.review.reviewers = [Reviewer(name="@lee", approved=NOW)]
    assert final_refusals(session, TODAY) == []
    history = History()
    history.do(session, change_status(session, DocumentStatus.FINAL, today=TODAY, at=NOW))
    statuses = [session.incident.status]
    history.undo(session)
    statuses.append(session.incident.status)
    assert statuses == [DocumentStatus.FINAL, DocumentStatus.IN_REVIEW]


def test_a_draft_or_a_pending_review_is_a_reason_too() -> None:
    session = load_session(SAMPLES[0])
    session.incident.status = DocumentStatus.DRAFT
    session.review.reviewers = [Reviewer(name="@lee")]
    assert final_refusals(session, TODAY) == [
        "it is still a draft; send it for review first",
        "waiting for approval from @lee",
    ]


# ---- severity from impact -----------------------------------------------------------------------


def test_the_worst_answer_wins() -> None:
    session = Session()
    answers = session.incident.severity_answers
    assert implied_severity(answers) is None
    answers.workaround = Workaround.EASY
    assert implied_severity(answers) is Sev.SEV4
    answers.users = UserShare.MANY
    assert implied_severity(answers) is Sev.SEV2
    answers.core_flow = CoreFlow.DOWN
    assert implied_severity(answers) is Sev.SEV1


def test_a_severity_lower_than_the_answers_imply_is_a_finding() -> None:
    session = Session()
    session.incident.severity = Sev.SEV3
    session.incident.severity_answers.users = UserShare.MOST
    [(severity, field, message)] = findings(session, "severity-below-impact")
    assert (severity, field) == (Severity.WARNING, "incident.severity")
    assert "imply SEV1" in message and "most (over 50%)" in message
    session.incident.severity = Sev.SEV1
    assert findings(session, "severity-below-impact") == []


# ---- the incident window ----------------------------------------------------------------------


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2019, 7, day, hour, minute, tzinfo=UTC)


def test_an_event_well_before_the_first_key_time_or_far_after_the_last_is_flagged() -> None:
    session = Session(
        timeline=[
            Event(id="E1", at=at(2, 13, 42), description="Impact starts"),
            Event(id="E2", at=at(2, 14, 52), description="Resolved"),
            Event(id="E3", at=at(2, 12, 0), description="Deploy an hour before"),
            Event(id="E4", at=at(1, 18, 14), description="Misdated: the day before"),
            Event(id="E5", at=at(4, 9, 0), description="Two days later"),
        ]
    )
    History().do(session, mark_key_event(session, KeyTime.IMPACT_START, "E1"))
    History().do(session, mark_key_event(session, KeyTime.RESOLVED, "E2"))
    flagged = {
        f.item for f in run_checks(session, today=TODAY) if f.rule == "event-outside-incident"
    }
    assert flagged == {"event:E4", "event:E5"}


def test_with_no_key_time_the_incident_date_bounds_the_events() -> None:
    session = Session(timeline=[Event(id="E1", at=at(1, 23, 0), description="x")])
    assert findings(session, "event-outside-incident") == []
    session.incident.date = date(2019, 7, 2)
    assert len(findings(session, "event-outside-incident")) == 1


# ---- as of ---------------------------------------------------------------------------------------


def test_a_final_document_is_judged_as_of_its_follow_up_and_a_draft_as_of_today() -> None:
    session = load_session(SAMPLES[0])
    session.incident.status = DocumentStatus.FINAL
    session.meeting.follow_up = date(2023, 12, 1)
    assert as_of(session, TODAY) == date(2023, 12, 1)
    assert as_of(session, date(2023, 11, 20)) == date(2023, 11, 20)  # not judged from the future
    session.meeting.follow_up = None
    session.review.reviewers = [Reviewer(name="@lee", approved=NOW)]
    assert as_of(session, date(2030, 1, 1)) == NOW.date()
    session.incident.status = DocumentStatus.DRAFT
    assert as_of(session, TODAY) == TODAY

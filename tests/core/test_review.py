"""The review flow: reviewers, approvals, comments, and final only with every approval or a
recorded override; old files load unchanged; the document and the checks show it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from agenda import load_session
from agenda.checks import run_checks
from agenda.export import to_markdown
from agenda.history import History
from agenda.model import Session
from agenda.review import (
    ReviewError,
    add_comment,
    add_reviewer,
    approve,
    pending_reviewers,
    remove_reviewer,
    resolve_comment,
    set_status,
)
from agenda.storage import dumps_session, loads_session
from agenda.vocabulary import DocumentStatus
from tests.helpers import SAMPLES

NOW = datetime(2024, 2, 14, 10, 0, tzinfo=UTC)


def in_review(*reviewers: str) -> tuple[Session, History]:
    session, history = Session(), History()
    for name in reviewers:
        history.do(session, add_reviewer(session, name))
    history.do(session, set_status(session, DocumentStatus.IN_REVIEW, at=NOW))
    return session, history


def review_findings(session: Session) -> dict[str, str]:
    found = run_checks(session, today=date(2024, 3, 1))
    return {f.rule: f.message for f in found if f.rule.startswith("review")}


def test_final_waits_for_every_reviewer() -> None:
    session, history = in_review("@lee", "@kim")
    history.do(session, approve(session, "@LEE", NOW))
    with pytest.raises(ReviewError, match="@kim") as refused:
        set_status(session, DocumentStatus.FINAL, at=NOW)
    assert refused.value.can_override
    history.do(session, approve(session, "@kim", NOW))
    assert pending_reviewers(session) == []
    history.do(session, set_status(session, DocumentStatus.FINAL, at=NOW))
    assert session.incident.status is DocumentStatus.FINAL
    assert session.review.forced is None
    assert review_findings(session) == {}


def test_a_draft_goes_through_review_first() -> None:
    session = Session()
    with pytest.raises(ReviewError, match="draft"):
        set_status(session, DocumentStatus.FINAL, at=NOW)


def test_an_override_is_recorded_with_who_why_and_the_pending_reviewers() -> None:
    session, history = in_review("@lee", "@kim")
    history.do(session, approve(session, "@lee", NOW))
    with pytest.raises(ReviewError, match="reason"):
        set_status(session, DocumentStatus.FINAL, at=NOW, force_by="@erin")
    history.do(
        session,
        set_status(session, DocumentStatus.FINAL, at=NOW, force_by="@erin", reason="Due today"),
    )
    forced = session.review.forced
    assert forced is not None and forced.by == "@erin" and forced.pending == ["@kim"]
    assert "made final by @erin" in review_findings(session)["review-overridden"]
    again = loads_session(dumps_session(session))
    assert again.review == session.review
    assert "Made final without every approval" in to_markdown(again)
    history.undo(session)
    assert session.incident.status is DocumentStatus.IN_REVIEW and session.review.forced is None


def test_a_final_document_edited_by_hand_without_approvals_is_flagged() -> None:
    session, _ = in_review("@lee")
    session.incident.status = DocumentStatus.FINAL
    assert "@lee" in review_findings(session)["review-incomplete"]


def test_reopening_clears_an_override() -> None:
    session, history = in_review("@lee")
    history.do(
        session, set_status(session, DocumentStatus.FINAL, at=NOW, force_by="@e", reason="r")
    )
    history.do(session, set_status(session, DocumentStatus.IN_REVIEW, at=NOW))
    assert session.review.forced is None
    with pytest.raises(ReviewError):
        set_status(session, DocumentStatus.FINAL, at=NOW)


def test_approvals_comments_and_undo() -> None:
    session, history = in_review("@lee")
    with pytest.raises(ReviewError, match="not a reviewer"):
        approve(session, "@nobody", NOW)
    with pytest.raises(ReviewError, match="already"):
        add_reviewer(session, "@LEE")
    history.do(session, add_comment(session, "@kim", "Add the pool graph", NOW))
    assert "review-comments" in review_findings(session)
    history.do(session, resolve_comment(session, 1))
    assert "review-comments" not in review_findings(session)
    with pytest.raises(ReviewError, match="no comment 2"):
        resolve_comment(session, 2)
    history.do(session, approve(session, "@lee", NOW))
    history.do(session, approve(session, "@lee", NOW, approved=False))
    assert pending_reviewers(session)[0].name == "@lee"
    history.do(session, remove_reviewer(session, "@lee"))
    assert session.review.reviewers == []
    while history.undo(session):
        pass
    assert session.review.reviewers == [] and session.review.comments == []


def test_old_files_load_unchanged_and_write_no_review() -> None:
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        session = load_session(sample)
        assert session.review.reviewers == [] and session.review.forced is None
        assert dumps_session(session) == text


def test_the_review_is_written_as_arrays_of_tables() -> None:
    session, history = in_review("@lee", "@kim")
    history.do(session, add_comment(session, "@kim", "one\ntwo", NOW))
    text = dumps_session(session)
    assert text.count("[[review.reviewers]]") == 2 and "[[review.comments]]" in text


def test_reviewers_are_listed_once() -> None:
    session, _ = in_review("@lee")
    text = dumps_session(session) + '\n[[review.reviewers]]\nname = "@Lee"\n'
    with pytest.raises(Exception, match="listed twice"):
        loads_session(text)


def test_review_comments_are_scanned_for_secrets_before_export() -> None:
    session, history = in_review("@lee")
    history.do(session, add_comment(session, "@lee", "token ghp_" + "a1B2" * 9, NOW))
    assert any(f.rule == "secret" for f in run_checks(session, today=date(2024, 3, 1)))

"""Provides the document's status changes with every rule that guards them: the review's
(approvals, or an override on record) and the checks' (no error-level finding may stand in a
final document), and the day a document's findings are judged as of."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from agenda.checks import Severity
from agenda.history import Edit
from agenda.model import DocumentStatus, Session
from agenda.review import ReviewError, pending_reviewers, set_status

if TYPE_CHECKING:
    from agenda.agendas import Agenda


def final_refusals(session: Session, today: date, agenda: Agenda | None = None) -> list[str]:
    """Why the document cannot be made final now, one reason a line (empty when it can): the
    error-level findings, then what the review still waits for."""
    reasons = _errors(session, today, agenda)
    if session.incident.status is DocumentStatus.DRAFT:
        reasons.append("it is still a draft; send it for review first")
    pending = pending_reviewers(session)
    if pending:
        reasons.append(f"waiting for approval from {', '.join(r.name for r in pending)}")
    return reasons


def change_status(
    session: Session,
    status: DocumentStatus,
    *,
    today: date,
    at: datetime,
    force_by: str = "",
    reason: str = "",
    agenda: Agenda | None = None,
) -> Edit:
    """Move the document to ``status`` (see `agenda.review.set_status`); "final" is refused
    with the reasons while an error-level finding stands, override or not: an override is for
    a review that cannot wait, not for a document with a part missing."""
    status = DocumentStatus(status)
    if status is DocumentStatus.FINAL and status is not session.incident.status:
        errors = _errors(session, today, agenda)
        if errors:
            raise ReviewError("cannot make the document final: " + "; ".join(errors))
    return set_status(session, status, at=at, force_by=force_by, reason=reason)


def _errors(session: Session, today: date, agenda: Agenda | None) -> list[str]:
    from agenda.checks import run_checks  # every rule: when making final, not on import

    return [
        f"{finding.message} ({finding.field or finding.item})"
        for finding in run_checks(session, today=today, agenda=agenda)
        if finding.severity is Severity.ERROR
    ]


def as_of(session: Session, today: date) -> date:
    """The day what is overdue is counted from: today for a document still being worked on;
    for a final one, its follow-up review, else the day it became final (the last approval or
    the override), else its meeting — a historical write-up is judged as of its own time; never
    a day after ``today``."""
    if session.incident.status is not DocumentStatus.FINAL:
        return today
    if session.meeting.follow_up is not None:
        return min(session.meeting.follow_up, today)  # never a day that has not come yet
    review = session.review
    stamps = [r.approved for r in review.reviewers if r.approved is not None]
    if review.forced is not None:
        stamps.append(review.forced.at)
    if stamps:
        return min(max(stamps).date(), today)
    return min(session.meeting.date or today, today)

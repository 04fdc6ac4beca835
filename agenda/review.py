"""Provides the review flow: reviewers, approvals and comments, and the status rule that a
document goes draft → in review → final only once every listed reviewer approved (or with a
recorded override). From 001_7e5ac253e3df0ccb.txt, "Postmortem Review Process"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from agenda.history import Edit
from agenda.model import ForcedFinal, Review, ReviewComment, Reviewer, Session
from agenda.vocabulary import DocumentStatus

REVIEW = frozenset({"review"})
"""What a review edit touches, for the panes that show it."""


class ReviewError(ValueError):
    """A review step the document's state does not allow; the message says what would."""

    def __init__(self, message: str, *, can_override: bool = False) -> None:
        super().__init__(message)
        self.can_override = can_override
        """Making the document final was refused, and an override would be accepted."""


def _key(name: str) -> str:
    return name.strip().casefold()


def find_reviewer(session: Session, name: str) -> Reviewer | None:
    return next((r for r in session.review.reviewers if _key(r.name) == _key(name)), None)


def pending_reviewers(session: Session) -> list[Reviewer]:
    """The listed reviewers who have not approved yet."""
    return [r for r in session.review.reviewers if r.approved is None]


def open_comments(session: Session) -> list[ReviewComment]:
    return [c for c in session.review.comments if not c.resolved]


def _names(reviewers: list[Reviewer]) -> str:
    return ", ".join(r.name for r in reviewers)


def _review_edit(session: Session, label: str, change: Callable[[Review], None]) -> Edit:
    """An edit that replaces the review with a changed copy; undo puts the old one back."""
    before = session.review.model_copy(deep=True)
    after = session.review.model_copy(deep=True)
    change(after)
    after = Review.model_validate(after.model_dump())

    def put(session: Session, value: Review) -> None:
        session.review = value.model_copy(deep=True)

    return Edit(label, lambda s: put(s, after), lambda s: put(s, before), REVIEW)


def add_reviewer(session: Session, name: str, role: str = "") -> Edit:
    name = name.strip()
    if not name:
        raise ReviewError("a reviewer needs a name, e.g. @lee")
    if find_reviewer(session, name) is not None:
        raise ReviewError(f"{name} is already a reviewer")
    if session.incident.status is DocumentStatus.FINAL:
        raise ReviewError("the document is final; reopen it for review to add a reviewer")
    return _review_edit(
        session,
        f"reviewer {name}",
        lambda r: r.reviewers.append(Reviewer(name=name, role=role.strip())),
    )


def remove_reviewer(session: Session, name: str) -> Edit:
    reviewer = _listed(session, name)
    return _review_edit(
        session,
        f"remove reviewer {reviewer.name}",
        lambda r: r.reviewers.remove(next(x for x in r.reviewers if x.name == reviewer.name)),
    )


def _listed(session: Session, name: str) -> Reviewer:
    reviewer = find_reviewer(session, name)
    if reviewer is None:
        listed = _names(session.review.reviewers) or "nobody yet"
        raise ReviewError(f"{name.strip()} is not a reviewer (the reviewers: {listed})")
    return reviewer


def approve(session: Session, name: str, at: datetime, *, approved: bool = True) -> Edit:
    """A reviewer approves the document (or takes the approval back)."""
    reviewer = _listed(session, name)
    if session.incident.status is DocumentStatus.FINAL:
        raise ReviewError("the document is already final")
    if approved and reviewer.approved is not None:
        raise ReviewError(f"{reviewer.name} approved already")
    if not approved and reviewer.approved is None:
        raise ReviewError(f"{reviewer.name} has not approved")

    def change(review: Review) -> None:
        target = next(r for r in review.reviewers if r.name == reviewer.name)
        target.approved = at if approved else None

    verb = "approved by" if approved else "approval withdrawn by"
    return _review_edit(session, f"{verb} {reviewer.name}", change)


def add_comment(session: Session, reviewer: str, text: str, at: datetime) -> Edit:
    if not reviewer.strip() or not text.strip():
        raise ReviewError("a comment needs who made it and what it says")
    comment = ReviewComment(reviewer=reviewer.strip(), text=text, at=at)
    return _review_edit(
        session, f"comment by {comment.reviewer}", lambda r: r.comments.append(comment)
    )


def resolve_comment(session: Session, number: int) -> Edit:
    """Mark comment ``number`` (counted from 1, as listed) addressed."""
    comments = session.review.comments
    if not 1 <= number <= len(comments):
        raise ReviewError(f"no comment {number}; there are {len(comments)}")
    if comments[number - 1].resolved:
        raise ReviewError(f"comment {number} is resolved already")

    def change(review: Review) -> None:
        review.comments[number - 1].resolved = True

    return _review_edit(session, f"resolve comment {number}", change)


def set_status(
    session: Session,
    status: DocumentStatus,
    *,
    at: datetime,
    force_by: str = "",
    reason: str = "",
) -> Edit:
    """Move the document along draft → in review → final, or reopen it.

    Final needs the document in review and every listed reviewer's approval; ``force_by`` and
    ``reason`` override that and are recorded with the reviewers still pending. Reopening
    clears an earlier override: the next final is judged afresh."""
    status = DocumentStatus(status)
    current = session.incident.status
    if status is current:
        raise ReviewError(f"the document is {current.value} already")
    forced: ForcedFinal | None = None
    if status is DocumentStatus.FINAL:
        pending = pending_reviewers(session)
        blocked = ""
        if current is DocumentStatus.DRAFT:
            blocked = "it is still a draft; send it for review first"
        elif pending:
            blocked = f"waiting for approval from {_names(pending)}"
        if blocked and not force_by.strip():
            raise ReviewError(f"cannot make the document final: {blocked}", can_override=True)
        if blocked:
            if not reason.strip():
                raise ReviewError("an override needs a reason, recorded in the document")
            forced = ForcedFinal(
                by=force_by.strip(), reason=reason.strip(), at=at, pending=[r.name for r in pending]
            )
    before = (current, session.review.forced)
    after = (status, forced)

    def put(session: Session, value: tuple[DocumentStatus, ForcedFinal | None]) -> None:
        session.incident.status = value[0]
        session.review.forced = value[1]

    return Edit(
        f"status {status.value}",
        lambda s: put(s, after),
        lambda s: put(s, before),
        REVIEW | {"incident"},
    )

"""Provides the review rules: a final document every listed reviewer approved, or an override
on record; comments still open."""

from __future__ import annotations

from collections.abc import Iterator

from agenda.checks.findings import Context, Finding, Severity
from agenda.review import open_comments, pending_reviewers
from agenda.vocabulary import DocumentStatus


def review_state(context: Context) -> Iterator[Finding]:
    session = context.session
    status = session.incident.status
    pending = pending_reviewers(session)
    forced = session.review.forced
    if status is DocumentStatus.FINAL and pending and forced is None:
        yield Finding(
            "review-incomplete",
            Severity.WARNING,
            "session",
            f"final without the approval of {', '.join(r.name for r in pending)}",
            "Get their approval, or record who overrode the review and why: "
            "facilitator review FILE --status final --force-by NAME --reason TEXT",
            field="review",
        )
    if status is DocumentStatus.FINAL and forced is not None:
        yield Finding(
            "review-overridden",
            Severity.INFO,
            "session",
            f"made final by {forced.by} on {forced.at:%Y-%m-%d} without every approval: "
            f"{forced.reason}",
            "Ask the pending reviewers to approve it afterwards",
            field="review",
        )
    if status is not DocumentStatus.DRAFT:
        unresolved = open_comments(session)
        if unresolved:
            yield Finding(
                "review-comments",
                Severity.INFO,
                "session",
                f"{len(unresolved)} review comment(s) not resolved yet",
                "Address each comment, then mark it resolved",
                field="review",
            )

"""Provides the closing phase's edits: confirmations, dissent and parking-lot review, follow-up."""

from __future__ import annotations

from datetime import date

from agenda.history import Edit
from agenda.model import DissentStatus, DocumentStatus, ParkingStatus, Session
from agenda.queries import get


def toggle_confirmed(session: Session, action_id: str) -> Edit:
    """The owner confirmed the action aloud (or the tick is taken back)."""
    action = get(session.actions, action_id)
    value = not action.confirmed

    def apply(session: Session) -> None:
        get(session.actions, action_id).confirmed = value

    def revert(session: Session) -> None:
        get(session.actions, action_id).confirmed = not value

    verb = "confirmed" if value else "unconfirmed"
    return Edit(f"{verb} {action_id}", apply, revert, frozenset({action_id}))


def set_dissent_status(
    session: Session, dissent_id: str, status: DissentStatus, resolution: str | None = None
) -> Edit:
    status = DissentStatus(status)
    view = get(session.dissent, dissent_id)
    before = (view.status, view.resolution)
    after = (status, view.resolution if resolution is None else resolution)

    def put(session: Session, value: tuple[DissentStatus, str]) -> None:
        target = get(session.dissent, dissent_id)
        target.status, target.resolution = value

    return Edit(
        f"{status.value} {dissent_id}",
        lambda s: put(s, after),
        lambda s: put(s, before),
        frozenset({dissent_id}),
    )


def set_parking_status(session: Session, item_id: str, status: ParkingStatus) -> Edit:
    status = ParkingStatus(status)
    item = get(session.analysis.parking_lot, item_id)
    before = item.status

    def put(session: Session, value: ParkingStatus) -> None:
        get(session.analysis.parking_lot, item_id).status = value

    return Edit(
        f"{status.value} {item_id}",
        lambda s: put(s, status),
        lambda s: put(s, before),
        frozenset({item_id}),
    )


def set_key_learnings(session: Session, text: str) -> Edit:
    before = session.analysis.key_learnings

    def put(session: Session, value: str) -> None:
        session.analysis.key_learnings = value

    return Edit(
        "key learnings", lambda s: put(s, text), lambda s: put(s, before), frozenset({"analysis"})
    )


def schedule_follow_up(session: Session, day: date) -> Edit:
    """Set the action review date; a draft moves to "in review", as the closing phase ends."""
    before = (session.meeting.follow_up, session.incident.status)
    status = (
        DocumentStatus.IN_REVIEW
        if session.incident.status is DocumentStatus.DRAFT
        else session.incident.status
    )

    def put(session: Session, value: tuple[date | None, DocumentStatus]) -> None:
        session.meeting.follow_up, session.incident.status = value

    return Edit(
        "follow-up",
        lambda s: put(s, (day, status)),
        lambda s: put(s, before),
        frozenset({"meeting", "incident"}),
    )


def toggle_checklist(session: Session, key: str) -> Edit:
    """Tick (or untick) a checklist question answered by hand."""
    before = list(session.meeting.checklist)
    after = [k for k in before if k != key] if key in before else [*before, key]

    def put(session: Session, value: list[str]) -> None:
        session.meeting.checklist = list(value)

    return Edit(
        "checklist", lambda s: put(s, after), lambda s: put(s, before), frozenset({"meeting"})
    )

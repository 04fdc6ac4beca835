"""Provides the question the 5 Whys ask of each chain: does it end at a person?"""

from __future__ import annotations

from agenda.checks.language import person_is_subject
from agenda.model import Session, WhyNode


def why_stops_at_person(session: Session, why: WhyNode, names: list[str] | None = None) -> bool:
    """Whether a why chain ends here, at a person: an answered leaf, not marked systemic,
    whose answer makes a person the cause."""
    if not why.parent or why.systemic or session.why_children(why.id):
        return False
    return chain_ends_at_person(why.answer, names or session.participant_names())


def chain_ends_at_person(answer: str, participants: list[str]) -> bool:
    """Whether a why's answer makes a person the cause: "The technician pulled…", "@bob
    deployed…", a participant's name; not "the deploy pipeline…", "the database…", nor "we…"
    said by the system's owners."""
    return person_is_subject(answer, participants)

"""Provides the room's voices: what each participant contributed, and the "spoke" tap."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agenda.history import Edit
from agenda.model import Session


@dataclass(frozen=True)
class Voice:
    """One participant and what the record holds of them."""

    name: str
    """The participant's name as listed in the meeting."""
    events: int
    """Timeline events they did or said, or that name them."""
    whys: int
    """Whys whose question, answer or evidence names them."""
    dissent: int
    """Dissenting views they hold."""
    actions: int
    """Action items they own."""
    spoke: int
    """Times the facilitator tapped "spoke" for them."""

    @property
    def total(self) -> int:
        return self.events + self.whys + self.dissent + self.actions + self.spoke

    @property
    def heard(self) -> bool:
        """Whether the room has heard from them: a tap, a view, an owned action or a why.

        Timeline events do not count: they record the incident, not this meeting."""
        return bool(self.spoke or self.dissent or self.actions or self.whys)


def _bare(name: str) -> str:
    return name.strip().lstrip("@").casefold()


def _mentions(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w@])@?{re.escape(_bare(name))}(?!\w)", re.IGNORECASE)


def voices(session: Session) -> list[Voice]:
    """Every participant, in the order listed, with a count of what each contributed."""
    result = []
    for person in session.meeting.participants:
        bare, named = _bare(person.name), _mentions(person.name)
        if not bare:  # a blank name: listed, so indexes match the participants, but credits none
            result.append(Voice(person.name, 0, 0, 0, 0, person.spoke))
            continue
        events = sum(
            1 for e in session.timeline if _bare(e.who) == bare or named.search(e.description)
        )
        whys = sum(
            1
            for w in session.analysis.whys
            if any(named.search(text) for text in (w.question, w.answer, w.evidence))
        )
        held = sum(1 for d in session.dissent if _bare(d.holder) == bare)
        owned = sum(1 for a in session.actions if _bare(a.owner) == bare)
        result.append(Voice(person.name, events, whys, held, owned, person.spoke))
    return result


def not_heard(session: Session) -> list[str]:
    """The participants the room has not heard from yet, to ask by name."""
    return [voice.name for voice in voices(session) if not voice.heard]


def tap_spoke(session: Session, index: int) -> Edit:
    """Count one more time participant ``index`` spoke; undo takes it back."""
    name = session.meeting.participants[index].name

    def apply(s: Session) -> None:
        s.meeting.participants[index].spoke += 1

    def revert(s: Session) -> None:
        person = s.meeting.participants[index]
        person.spoke = max(0, person.spoke - 1)

    return Edit(f"{name} spoke", apply, revert)

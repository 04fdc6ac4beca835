"""Provides the closing's questions answered from the session: which factors an action covers,
and the anti-pattern checklist (001_7e5ac253e3df0ccb.txt)."""

from __future__ import annotations

from dataclasses import dataclass

from agenda.model import Factor, Session
from agenda.promises import PreviousActions


@dataclass(frozen=True)
class Coverage:
    """How many contributing factors an action addresses."""

    factors: int
    covered: int
    uncovered: list[Factor]

    @property
    def line(self) -> str:
        """ "5 factors · 4 covered by an action · 1 without (F3)"."""
        if not self.factors:
            return "No contributing factors yet"
        plural = "s" if self.factors != 1 else ""
        text = f"{self.factors} factor{plural} · {self.covered} covered by an action"
        if self.uncovered:
            named = "; ".join(f"{f.id} {_short(f.title)}" for f in self.uncovered)
            text += f" · {len(self.uncovered)} without: {named}"
        return text


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def coverage(session: Session) -> Coverage:
    addressed = {ref for action in session.actions for ref in action.factors}
    factors = session.analysis.factors
    uncovered = [f for f in factors if f.id not in addressed]
    return Coverage(len(factors), len(factors) - len(uncovered), uncovered)


@dataclass(frozen=True)
class ChecklistItem:
    """One question of the anti-pattern checklist (001_7e5ac253e3df0ccb.txt)."""

    key: str
    question: str
    answer: bool | None
    """True / False when the session can answer it; None when a person must tick it."""
    ticked: bool = False
    """For a question answered by hand: ticked in the meeting."""
    note: str = ""
    """What the answer rests on, when the session alone does not show it."""

    @property
    def done(self) -> bool:
        return bool(self.answer) if self.answer is not None else self.ticked


MANUAL_QUESTIONS = {
    "shared": "Has the postmortem been shared with relevant stakeholders?",
    "previous": "Have previous postmortem action items been completed?",
}


def checklist(session: Session, previous: PreviousActions | None = None) -> list[ChecklistItem]:
    """The anti-pattern checklist, answered from the session where it can be; "previous
    actions completed?" from ``previous`` (`agenda.promises`) when earlier related
    postmortems had action items, and by hand otherwise."""
    from agenda.checks.language import concludes_human_error, owner_problem  # when shown

    names = session.participant_names()
    actions = session.actions
    ticked = set(session.meeting.checklist)
    leaves = [w for w in session.analysis.whys if not session.why_children(w.id)]
    concluded_human_error = any(
        concludes_human_error(text)  # the same test the human-error rule uses
        for text in [f.title for f in session.analysis.factors] + [w.answer for w in leaves]
    )
    return [
        ChecklistItem(
            "owners",
            "Are action items assigned to named individuals (not teams)?",
            bool(actions) and all(not owner_problem(a.owner, names) for a in actions),
        ),
        ChecklistItem(
            "due",
            "Do all action items have due dates?",
            bool(actions) and all(a.due is not None for a in actions),
        ),
        ChecklistItem(
            "tracked",
            "Are action items tracked in the team's engineering backlog?",
            bool(actions) and all(a.ticket.strip() for a in actions),
        ),
        ChecklistItem(
            "no-human-error",
            'Does the root cause analysis avoid "human error" as a conclusion?',
            not concluded_human_error,
        ),
        *(
            _previous_item(key, question, previous)
            if key == "previous" and previous is not None and previous.completed is not None
            else ChecklistItem(key, question, None, key in ticked)
            for key, question in MANUAL_QUESTIONS.items()
        ),
    ]


def _previous_item(key: str, question: str, previous: PreviousActions) -> ChecklistItem:
    return ChecklistItem(key, question, previous.completed, note=previous.line())

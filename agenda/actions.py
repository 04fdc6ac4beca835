"""Provides action-item logic without a UI: due dates, sorting, coverage and the checklist."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from agenda.checks.language import owner_problem
from agenda.history import Edit, append_item, index_of, replace_item
from agenda.model import Action, Factor, Level, Priority, Session

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DUE_FORMS = "2026-12-01, +3d, +2w, tomorrow, friday or next friday"
_REFUSED = re.compile(
    r"^(?:end of (?:the )?(?:sprint|quarter|month|week|year)|next (?:sprint|quarter|month|week)|"
    r"eo[swmqy]|asap|soon|later|tbd|tba|someday|next release|q[1-4])$",
    re.IGNORECASE,
)


class DueParseError(ValueError):
    """A due date that is not a date; the message says what would be."""


def parse_due(text: str, today: date) -> date:
    """A due date as people say it in the meeting, against ``today``."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise DueParseError(f"no date given: use {DUE_FORMS}")
    if _REFUSED.match(cleaned):
        raise DueParseError(
            f'"{text.strip()}" is not a date: sprints and quarters end on different days for '
            f"different teams; say the day ({DUE_FORMS})"
        )
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            raise DueParseError(f'"{text.strip()}" is not a valid date') from None
    relative = re.fullmatch(r"\+\s*(\d{1,4})\s*([dw])", cleaned)
    if relative:
        days = int(relative[1]) * (7 if relative[2] == "w" else 1)
        return today + timedelta(days=days)
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    weekday = re.fullmatch(r"(next |this )?(" + "|".join(WEEKDAYS) + r")", cleaned)
    if weekday:
        wanted = WEEKDAYS.index(weekday[2])
        if weekday[1] == "next ":  # that day in next week (Monday to Sunday)
            return today + timedelta(days=7 - today.weekday() + wanted)
        return today + timedelta(days=(wanted - today.weekday()) % 7 or 7)
    raise DueParseError(f'"{text.strip()}" is not a date: use {DUE_FORMS}')


def due_label(due: date | None, today: date, *, open_: bool = True) -> str:
    """ "in 9 days", "due today", "overdue 2 days", or "no date"."""
    if due is None:
        return "no date"
    days = (due - today).days
    if not open_:
        return due.isoformat()
    if days == 0:
        return "due today"
    if days > 0:
        return f"in {days} day{'s' if days != 1 else ''}"
    return f"overdue {-days} day{'s' if days != -1 else ''}"


# ---- ordering -----------------------------------------------------------------------------------


class SortOrder(StrEnum):
    """How the action table is ordered."""

    ENTRY = "entry"
    DUE = "due date"
    PRIORITY = "priority"
    VALUE = "impact × effort"


_LEVEL = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


def value_score(action: Action) -> int:
    """High impact and low effort first (the prioritisation matrix of 002_73995bcd30ed75d8.txt)."""
    impact = _LEVEL.get(action.impact, 0) if action.impact else 0
    effort = _LEVEL.get(action.effort, 2) if action.effort else 2
    return impact * 3 - effort


def sort_actions(actions: list[Action], order: SortOrder) -> list[Action]:
    keys: dict[SortOrder, Callable[[Action], object]] = {
        SortOrder.DUE: lambda a: (a.due is None, a.due or date.max),
        SortOrder.PRIORITY: lambda a: list(Priority).index(a.priority),
        SortOrder.VALUE: lambda a: -value_score(a),
    }
    if order is SortOrder.ENTRY:
        return list(actions)
    return sorted(actions, key=keys[order])  # type: ignore[arg-type]


# ---- coverage and the closing checklist ----------------------------------------------------


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

    @property
    def done(self) -> bool:
        return bool(self.answer) if self.answer is not None else self.ticked


MANUAL_QUESTIONS = {
    "shared": "Has the postmortem been shared with relevant stakeholders?",
    "previous": "Have previous postmortem action items been completed?",
}


def checklist(session: Session) -> list[ChecklistItem]:
    """The anti-pattern checklist, answered from the session where it can be."""
    from agenda.checks.rules import HUMAN_ERROR  # the same test the human-error rule uses

    names = session.participant_names()
    actions = session.actions
    ticked = set(session.meeting.checklist)
    leaves = [w for w in session.analysis.whys if not session.why_children(w.id)]
    concluded_human_error = any(
        HUMAN_ERROR.search(text)
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
            ChecklistItem(key, question, None, key in ticked)
            for key, question in MANUAL_QUESTIONS.items()
        ),
    ]


# ---- edits --------------------------------------------------------------------------------


def add_action(action: Action) -> Edit:
    return append_item(lambda s: s.actions, action, f"add {action.id}")


def replace_action(session: Session, changed: Action) -> Edit:
    return replace_item(session, lambda s: s.actions, changed)


def delete_action(session: Session, action_id: str) -> Edit:
    """Remove an action; dissent about it stays, about nothing; undo puts both back."""
    index = index_of(session.actions, action_id)
    action = session.actions[index]
    ref = f"action:{action_id}"
    about_it = [view.id for view in session.dissent if view.about == ref]

    def apply(session: Session) -> None:
        del session.actions[index_of(session.actions, action_id)]
        for view in session.dissent:
            if view.id in about_it:
                view.about = ""

    def revert(session: Session) -> None:
        session.actions.insert(min(index, len(session.actions)), action)
        for view in session.dissent:
            if view.id in about_it:
                view.about = ref

    return Edit(f"delete {action_id}", apply, revert, frozenset({action_id}))


def set_meeting_value(session: Session, name: str, value: object, label: str) -> Edit:
    """Set one field of the meeting record (follow-up date, checklist ticks)."""
    before = getattr(session.meeting, name)

    def apply(session: Session) -> None:
        setattr(session.meeting, name, value)

    def revert(session: Session) -> None:
        setattr(session.meeting, name, before)

    return Edit(label, apply, revert, frozenset({"meeting"}))

"""Provides action-item logic without a UI: due dates, sorting, coverage and the checklist."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum

from agenda.history import Edit, append_item, index_of, replace_item
from agenda.model import Action, Level, Priority, Session

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DUE_FORMS = "2026-12-01, +3d, +2w, tomorrow, friday or next friday"
_REFUSED = re.compile(
    r"^(?:end of (?:the )?(?:sprint|quarter|month|week|year)|next (?:sprint|quarter|month|week)|"
    r"eo[swmqy]|asap|soon|later|tbd|tba|someday|next release|q[1-4])$",
    re.IGNORECASE,
)


TICKET = re.compile(
    r"^(?:[A-Z][A-Z0-9_]*-\d+|#\d+|(?:[\w.-]+/)?[\w.-]+#\d+|https?://\S+)$", re.IGNORECASE
)
"""A tracker key (ENG-1234), a GitHub or GitLab issue (#12, repo#12, org/repo#12) or a URL."""


def is_ticket(text: str) -> bool:
    """Whether an action's ticket reads as a tracker key, an issue or a URL."""
    return TICKET.match(text.strip()) is not None


def complete_owner(typed: str, participants: list[str]) -> str:
    """The participant a typed prefix means ("@al" or "al" → "@alice") when exactly one
    matches; otherwise what was typed (free text is allowed)."""
    if not typed or typed in participants:
        return typed
    bare = typed.lstrip("@").lower()
    matches = [p for p in participants if p.lstrip("@").lower().startswith(bare)]
    return matches[0] if len(matches) == 1 else typed


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

    return Edit(f"delete {action_id}", apply, revert, frozenset({action_id, *about_it}))

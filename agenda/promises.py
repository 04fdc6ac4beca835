"""Provides last time's promises: the action items of earlier postmortems in the same folder
that share a service or a tag with this one, and which of them are still open or overdue.

"Missing historical context" and "have previous postmortem action items been completed?" are
the seed's anti-patterns (001_7e5ac253e3df0ccb.txt); the opening shows these, and the closing
checklist answers that question from them. Reading the folder is I/O (`folder_scan`, for a
worker); matching is pure and cheap (`previous_actions`), so it can follow the header as the
room fills in services and tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from agenda.model import Session
from agenda.repository import ActionRecord, Scan, SessionRecord, scan_folder
from agenda.vocabulary import ActionStatus


@dataclass(frozen=True)
class Promise:
    """An action item still open from an earlier postmortem."""

    action: ActionRecord
    shared: tuple[str, ...]
    """The services and tags it has in common with this postmortem."""
    overdue_days: int


@dataclass(frozen=True)
class PreviousActions:
    """What earlier, related postmortems promised, and what is still open."""

    sessions: int
    """How many earlier postmortems share a service or tag."""
    total: int
    """Their action items, won't-do ones excluded."""
    done: int
    promises: tuple[Promise, ...]
    """The open ones: overdue first (longest overdue first), then by due date."""

    @property
    def overdue(self) -> int:
        return sum(1 for p in self.promises if p.overdue_days)

    @property
    def completed(self) -> bool | None:
        """Whether every related earlier action is done; None when there were none."""
        return None if not self.total else not self.promises

    def line(self) -> str:
        """ "2 of 7 actions from 3 earlier postmortems still open (1 overdue)"."""
        if not self.sessions:
            return "No earlier postmortem in this folder shares a service or tag"
        if not self.total:
            return f"{self.sessions} earlier related postmortem(s), with no action items"
        text = (
            f"{len(self.promises)} of {self.total} action(s) from {self.sessions} earlier "
            "related postmortem(s) still open"
        )
        return text + (f" ({self.overdue} overdue)" if self.overdue else "")


def folder_scan(session_path: Path) -> Scan:
    """The other postmortems in the session's folder (not below it: a session kept in a home
    folder must not read the whole home). I/O: call it from a worker or before the app starts."""
    return scan_folder(session_path.parent, recursive=False, exclude=[session_path])


def session_day(session: Session) -> date | None:
    """The incident's day, as `agenda.repository.record_of` gives it for the other files."""
    if session.incident.date is not None:
        return session.incident.date
    times = session.incident.times
    moment = times.impact_start or times.detected
    return moment.date() if moment is not None else session.meeting.date


def _shared(record: SessionRecord, names: dict[str, str]) -> tuple[str, ...]:
    found = [names[n.casefold()] for n in (*record.services, *record.tags) if n.casefold() in names]
    return tuple(dict.fromkeys(found))


def previous_actions(scan: Scan, session: Session, today: date) -> PreviousActions:
    """The actions of earlier postmortems in ``scan`` sharing a service or tag with ``session``.

    Earlier means an incident day before this one's; a postmortem with no date yet (this one
    at its opening, or an undated other) is compared with every other. The same incident
    id in another file (a copy) is not "earlier"."""
    names = {n.casefold(): n for n in (*session.incident.services, *session.incident.tags)}
    day = session_day(session)
    own_id = session.incident.id.strip()
    sessions = total = done = 0
    promises: list[Promise] = []
    for record in scan.records:
        shared = _shared(record, names)
        if not shared or (own_id and record.id.strip() == own_id):
            continue
        if day is not None and record.day is not None and record.day >= day:
            continue
        sessions += 1
        for action in record.actions:
            if action.status is ActionStatus.WONT_DO:
                continue
            total += 1
            done += action.status is ActionStatus.DONE
            if action.is_open:
                promises.append(Promise(action, shared, action.overdue_days(today)))
    promises.sort(key=lambda p: (-p.overdue_days, p.action.due or date.max, p.action.id))
    return PreviousActions(sessions, total, done, tuple(promises))

"""Provides the postmortem database: a folder of session files read into compact records.

Each file is read, parsed and validated like any session, then boiled down to what the queries
ask about (header, key durations, factor categories, action items) and dropped, so ten thousand
postmortems fit in a few tens of megabytes. A file that cannot be read is listed with its
one-line reason and never stops the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from agenda.errors import StorageError
from agenda.model import Session
from agenda.queries import text_fields
from agenda.storage import parse_toml, read_text, session_from_data
from agenda.vocabulary import (
    ActionStatus,
    ActionType,
    DocumentStatus,
    FactorCategory,
    FactorGap,
    Priority,
    Severity,
)

SESSION_SUFFIX = ".toml"


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """One action item as the database keeps it, with the postmortem it was promised in."""

    session: SessionRecord
    id: str
    title: str
    owner: str
    due: date | None
    priority: Priority
    type: ActionType
    status: ActionStatus
    ticket: str

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    def overdue_days(self, today: date) -> int:
        """Days past its due date while still open; 0 when not overdue."""
        if not self.is_open or self.due is None:
            return 0
        return max(0, (today - self.due).days)


@dataclass(frozen=True, slots=True)
class FactorRecord:
    """A contributing factor's category and gap (its text is not kept)."""

    category: FactorCategory
    gap: FactorGap | None


@dataclass(slots=True)
class SessionRecord:
    """One postmortem as the database keeps it: what the queries read, nothing more."""

    path: Path
    id: str
    title: str
    severity: Severity
    status: DocumentStatus
    services: tuple[str, ...]
    tags: tuple[str, ...]
    day: date | None
    """The incident's day: its date, else impact start, else detection, else the meeting."""
    promised: date | None
    """When its action items were agreed: the meeting, else the incident's day."""
    time_to_detect: timedelta | None
    time_to_mitigate: timedelta | None
    factors: tuple[FactorRecord, ...]
    actions: tuple[ActionRecord, ...] = field(default=())

    @property
    def name(self) -> str:
        """The incident id, or the file name when it has none."""
        return self.id or self.path.name


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that could not be read, and the one-line reason."""

    path: Path
    reason: str


@dataclass
class Scan:
    """What reading a folder gave: the postmortems, and the files that could not be read."""

    records: list[SessionRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: int = 0
    """TOML files that are not postmortems at all (agenda files, tool settings)."""

    @property
    def actions(self) -> list[ActionRecord]:
        return [action for record in self.records for action in record.actions]


def session_files(folder: Path, *, recursive: bool = True) -> tuple[list[Path], list[Skipped]]:
    """Every ``*.toml`` under ``folder`` in path order, leaving out hidden files and folders
    (``.git``, autosaves, a virtualenv); folders that cannot be listed come back as skipped."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    walker = os.walk(folder, onerror=lambda e: skipped.append(_unlistable(e)))
    for root, dirs, files in walker:
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        base = Path(root)
        found += [
            base / name
            for name in files
            if name.endswith(SESSION_SUFFIX) and not name.startswith(".")
        ]
    return sorted(found), skipped


def _unlistable(error: OSError) -> Skipped:
    path = Path(error.filename or ".")
    return Skipped(path, f"{path}: cannot list the folder: {error.strerror or error}")


def load_if_session(path: Path) -> Session | None:
    """The session in ``path``, or None when the file is TOML but plainly not a postmortem
    (no ``schema_version``, no ``[incident]``); raises `StorageError` when it cannot be read."""
    text = read_text(path)
    if not text.strip():
        raise StorageError(path, "file is empty", hint="delete it or write a session into it")
    data = parse_toml(text, path)
    if "schema_version" not in data and "incident" not in data:
        return None
    return session_from_data(data, path)


def record_of(session: Session, path: Path) -> SessionRecord:
    """The compact record of a session."""
    incident, times = session.incident, session.incident.times
    moment = times.impact_start or times.detected
    day = incident.date or (moment.date() if moment is not None else session.meeting.date)
    record = SessionRecord(
        path=path,
        id=incident.id,
        title=incident.title,
        severity=incident.severity,
        status=incident.status,
        services=tuple(incident.services),
        tags=tuple(incident.tags),
        day=day,
        promised=session.meeting.date or day,
        time_to_detect=session.time_to_detect,
        time_to_mitigate=session.time_to_mitigate,
        factors=tuple(FactorRecord(f.category, f.gap) for f in session.analysis.factors),
    )
    record.actions = tuple(
        ActionRecord(record, a.id, a.title, a.owner, a.due, a.priority, a.type, a.status, a.ticket)
        for a in session.actions
    )
    return record


def searchable_text(session: Session) -> str:
    """Everything a person wrote in the session, casefolded, for a words search."""
    incident = session.incident
    parts = [incident.id, *incident.services, *incident.tags]
    parts += [field.text for field in text_fields(session)]
    parts += [a.owner for a in session.actions]
    return "\n".join(parts).casefold()


def scan_folder(
    folder: Path,
    *,
    recursive: bool = True,
    words: Sequence[str] = (),
    exclude: Iterable[Path] = (),
) -> Scan:
    """Read every session file in ``folder``; with ``words``, keep only the sessions whose text
    holds every one of them (matched while the whole session is at hand, so its text need not
    be kept). Files in ``exclude`` are not read."""
    paths, skipped = session_files(folder, recursive=recursive)
    scan = Scan(skipped=skipped)
    wanted = [word.casefold() for word in words]
    left_out = {p.resolve() for p in exclude}
    for path in paths:
        if left_out and path.resolve() in left_out:
            continue
        try:
            session = load_if_session(path)
        except StorageError as error:
            scan.skipped.append(Skipped(path, error.message))
            continue
        if session is None:
            scan.ignored += 1
            continue
        if wanted:
            text = searchable_text(session)
            if not all(word in text for word in wanted):
                continue
        scan.records.append(record_of(session, path))
    return scan

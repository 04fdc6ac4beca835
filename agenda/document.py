"""Provides SessionFile: one session file kept safe — its digest, lock, recovery file and saves."""

from __future__ import annotations

from pathlib import Path

from agenda.clock import Now, utc_now
from agenda.model import Meeting, MeetingMode, Session


def title_from_path(path: Path) -> str:
    """ "db-failover_2024.toml" → "db failover 2024": a new session's first title."""
    return path.stem.replace("-", " ").replace("_", " ").strip()


def new_session(
    title: str, *, agenda: str = "default", mode: MeetingMode = MeetingMode.LIVE, now: Now = utc_now
) -> Session:
    """A blank session for a new postmortem."""
    session = Session(meeting=Meeting(date=now().date(), agenda=agenda, mode=mode))
    if title:
        session.incident.title = title
    return session

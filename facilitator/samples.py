"""Provides the sample sessions shipped with the app and fresh demo copies of them."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from agenda.model import MeetingMode, shifted
from agenda.storage import load_session, save_session

DEFAULT_DEMO = "checkout-npe"


def sample_dir() -> Path:
    """The sample sessions: beside the package in a checkout, inside it in a wheel."""
    package = Path(__file__).parent
    for candidate in (package.parent / "sample_sessions", package / "sample_sessions"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the sample sessions are not installed")


def sample_names() -> list[str]:
    return sorted(p.stem for p in sample_dir().glob("*.toml"))


def sample_path(name: str) -> Path:
    return sample_dir() / f"{name}.toml"


DEMO_DIR = Path(tempfile.gettempdir()) / "facilitator-demo"
"""Where demo copies go, in a folder per demo run."""


def make_demo_copy(
    name: str = DEFAULT_DEMO, directory: Path | None = None, *, today: date | None = None
) -> Path:
    """A fresh copy of a sample, moved in time so the incident happened two days before
    ``today`` and the meeting is today, with its meeting record cleared so the clock starts anew.

    The sample itself is never modified.
    """
    session = load_session(sample_path(name))
    meeting_day = session.meeting.date or datetime.now(UTC).date()
    session = shifted(session, ((today or datetime.now(UTC).date()) - meeting_day).days)
    session.meeting.phases = []
    session.meeting.mode = MeetingMode.LIVE
    folder = directory or DEMO_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.toml"
    if directory is None:  # two demos at once must not share (and clobber) one file
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        folder = folder / f"{stamp}-{os.getpid()}"
        folder.mkdir()
        target = folder / f"{name}.toml"
    save_session(session, target)
    return target

"""Provides the sample sessions shipped with the app and fresh demo copies of them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from agenda.model import MeetingMode
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


def make_demo_copy(name: str = DEFAULT_DEMO, directory: Path | None = None) -> Path:
    """A fresh copy of a sample, with its meeting record cleared so the clock starts anew.

    The sample itself is never modified.
    """
    session = load_session(sample_path(name))
    session.meeting.phases = []
    session.meeting.mode = MeetingMode.LIVE
    folder = directory or Path(tempfile.mkdtemp(prefix="facilitator-demo-"))
    target = folder / f"{name}.toml"
    save_session(session, target)
    return target

"""Provides test helpers: a controllable clock and the paths of the sample sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_sessions").glob("*.toml"))


class FakeNow:
    """A time source the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2024, 3, 14, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> None:
        self.current += timedelta(seconds=seconds, minutes=minutes)


SOURCES = ROOT / "tests" / "fixtures" / "sources"
"""Timeline sources written from the vendors' documented formats: one invented incident seen by
every source (incident/), and broken ones (broken/)."""

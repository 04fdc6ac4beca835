"""What every Pilot test shares: no look at the disk on a timer (a test looks when it says)."""

from __future__ import annotations

import pytest

from facilitator import file_keeping


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A look every 2 s of wall time would land at a different step on a loaded machine; the
    tests about someone else's change call `check_disk` themselves."""
    monkeypatch.setattr(file_keeping, "DISK_CHECK_EVERY", 3600.0)

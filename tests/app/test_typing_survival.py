"""Issue #17's acceptance for loss, short: the real `facilitator` in a pseudo-terminal, a key every
100 ms into the quick-add line, then SIGKILL, SIGTERM, SIGHUP or the terminal closing. At most
2 s of typing is lost, and but for SIGKILL the lock is gone. (`python -m tools.typing_survival`
runs the full 60 s version.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.typing_survival import CLOSE, run_trial

SECONDS = 3.0
"""Long enough for the autosave to have run at least twice while typing never paused."""


@pytest.mark.parametrize("how", ["KILL", "TERM", "HUP", CLOSE])
@pytest.mark.slow
def test_typing_survives_the_app_being_ended(tmp_path: Path, how: str) -> None:
    trial = run_trial(tmp_path, how, SECONDS)
    assert trial.keys >= 20, trial.line()
    assert trial.lost_seconds <= 2.0, trial.line()
    if how != "KILL":
        assert not trial.lock_left, trial.line()
        assert trial.kept >= trial.keys - 2, trial.line()  # written at the signal, not before

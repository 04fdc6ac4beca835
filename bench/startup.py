"""Start-up in a real terminal (a pty), each against a bare Textual app timed in turns: the
first frame of a 5,000-event session with 500 whys and 300 actions, and of 5,000 events only
(goal: at most 1.5x), and when the large one is usable — its timeline rows on the screen and a
key typed then echoed in the quick-add line (goal: at most 2.5x)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from agenda.storage import save_session
from bench.common import RUNS, Figure, bare_first_frame, big_session, in_terminal


def _open(path: Path) -> list[float]:
    """Seconds to the loading frame, to the timeline rows, and to a typed key's echo."""
    argv = [sys.executable, "-m", "facilitator", str(path), "--ignore-lock"]
    return in_terminal(argv, [("loading 5,000 events", ""), ("Event number 1", "zq"), ("zq", "")])


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        large, events = Path(folder) / "large.toml", Path(folder) / "events.toml"
        save_session(big_session(5_000, whys=500, actions=300, on_timeline=True), large)
        save_session(big_session(5_000, on_timeline=True), events)
        bare, first_large, usable, first_events = [], [], [], []
        for _ in range(RUNS):
            bare.append(bare_first_frame())
            frame, _, answered = _open(large)
            first_large.append(frame)
            usable.append(answered)
            first_events.append(_open(events)[0])
    return [
        Figure(
            "first frame, 5,000 events + 500 whys + 300 actions vs bare app", first_large, bare, 1.5
        ),
        Figure("first frame, 5,000 events only vs bare app", first_events, bare, 1.5),
        Figure(
            "usable (rows shown, a key answered), the large session vs bare app", usable, bare, 2.5
        ),
    ]

"""Provides what the benchmarks share: timing a fresh process to its first frame."""

from __future__ import annotations

import statistics
import subprocess
import sys
import textwrap
import time

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(120, 36))
"""
"""A bare Textual app with one Static: the yardstick for start-up."""

OPEN_SESSION = """
import sys
from pathlib import Path
from facilitator.factory import build_app

app = build_app(Path(sys.argv[1]), ignore_lock=True)
app.call_later(lambda: app.call_after_refresh(app.exit))
app.run(headless=True, size=(120, 36))
"""
"""The app on the session file given as its argument, exiting at its first frame."""


def first_frame(code: str, *args: str, runs: int = 5) -> float:
    """Median seconds for a fresh Python process to run ``code`` to its first frame."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)

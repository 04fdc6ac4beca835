"""Time to the first frame: the demo session in the app beside a bare Textual app with one Static.

Run with `make bench`. Prints the two medians and their ratio; the goal is a ratio of at most 1.5.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

RUNS = 5

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(120, 36))
"""

DEMO = """
import sys
from pathlib import Path
from facilitator.factory import build_app

app = build_app(Path(sys.argv[1]))
def exit_after_first_frame() -> None:
    app.call_after_refresh(app.exit)
app.call_later(exit_after_first_frame)
app.run(headless=True, size=(120, 36))
"""


def median_seconds(code: str, *args: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from facilitator.samples import make_demo_copy

    with tempfile.TemporaryDirectory() as folder:
        demo = make_demo_copy(directory=Path(folder))
        bare = median_seconds(BARE)
        app = median_seconds(DEMO, str(demo))
    print(f"bare Textual app, first frame:   {bare * 1000:7.0f} ms (median of {RUNS})")
    print(f"demo session in the app:         {app * 1000:7.0f} ms (median of {RUNS})")
    print(f"ratio: {app / bare:.2f}x (goal: at most 1.5x)")


if __name__ == "__main__":
    main()

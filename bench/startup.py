"""Time to the first frame: the demo session in the app beside a bare Textual app with one Static.

Run with `make bench`. Prints the two medians and their ratio; the goal is a ratio of at most 1.5.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import BARE_APP, OPEN_SESSION, first_frame

RUNS = 5


def main() -> None:
    from facilitator.samples import make_demo_copy

    with tempfile.TemporaryDirectory() as folder:
        demo = make_demo_copy(directory=Path(folder))
        bare = first_frame(BARE_APP, runs=RUNS)
        app = first_frame(OPEN_SESSION, str(demo), runs=RUNS)
    print(f"bare Textual app, first frame:   {bare * 1000:7.0f} ms (median of {RUNS})")
    print(f"demo session in the app:         {app * 1000:7.0f} ms (median of {RUNS})")
    print(f"ratio: {app / bare:.2f}x (goal: at most 1.5x)")


if __name__ == "__main__":
    main()

"""Saving at scale: `save_session` of a 5,000-event session beside `tomli_w.dumps` of the same
data, for a session written whole (never saved before) and for a one-field edit of a loaded one
(what the app does on every save and autosave).

Run with `make bench`. Goal: a save takes at most 1.5x what tomli_w.dumps takes to serialise
the same data (the save also compares, writes, fsyncs and renames).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from agenda.storage import load_session, remember, save_session, snapshot

sys.path.insert(0, str(Path(__file__).parent))
from timeline import EVENTS, big_session

RUNS = 7


def timed(action: Callable[[], object], before: Callable[[], object] = lambda: None) -> list[float]:
    samples = []
    for _ in range(RUNS):
        before()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def plain(value: Any) -> Any:
    """What tomli-w can take: no None, enums as strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def line(name: str, samples: list[float], yardstick: list[float] | None = None) -> str:
    low, middle = min(samples) * 1000, statistics.median(samples) * 1000
    text = f"{name:<44} min {low:7.1f} ms   median {middle:7.1f} ms"
    if yardstick is not None:
        text += f"   {statistics.median(samples) / statistics.median(yardstick):.2f}x"
    return text


def main() -> None:
    session = big_session(EVENTS)
    data = plain(snapshot(session))
    dumps = timed(lambda: tomli_w.dumps(data))
    with tempfile.TemporaryDirectory() as folder:
        fresh_path, edit_path = Path(folder) / "fresh.toml", Path(folder) / "edit.toml"
        fresh = timed(lambda: save_session(session, fresh_path), lambda: remember(session, None))
        save_session(session, edit_path)
        loaded = load_session(edit_path)
        counter = iter(range(10**6))

        def edit() -> None:
            loaded.timeline[EVENTS // 2].description = f"Edited {next(counter)}"

        edited = timed(lambda: save_session(loaded, edit_path), edit)
        unchanged = timed(lambda: save_session(loaded, edit_path))
    print(f"{EVENTS:,} events, {RUNS} runs each; ratio of medians to tomli_w.dumps")
    print(line("tomli_w.dumps (serialise only)", dumps))
    print(line("save_session, written whole", fresh, dumps))
    print(line("save_session, one field edited", edited, dumps))
    print(line("save_session, nothing changed", unchanged, dumps))
    worst = max(statistics.median(fresh), statistics.median(edited))
    print(f"goal: at most 1.5x; worst of the two: {worst / statistics.median(dumps):.2f}x")


if __name__ == "__main__":
    main()

"""Editing a long timeline in the app (headless, in process): adding one event with the
quick-add line, from Enter until its row is in the table, at 5,000 events beside 0 (goal: at
most 2x); and one keystroke in the quick-add line, 5,000 beside 0 (goal: at most 1.5x)."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from textual.widgets import Input

from agenda.storage import save_session
from bench.common import RUNS, Figure, big_session
from facilitator.factory import build_app
from facilitator.widgets.timeline_table import TimelineTable

EVENTS = 5_000


async def _edits(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from Enter to the row in the table, and from a key to it in the line."""
    app = build_app(path, ignore_lock=True)
    adds, keys = [], []
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.loaded:
            await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        table = app.screen.query_one("#events", TimelineTable)
        box = app.screen.query_one("#quick-add", Input)
        for n in range(runs + 1):  # the first warms up
            box.focus()
            box.value = f"07:{n:02d} Added while the room talk"
            box.cursor_position = len(box.value)
            start = time.perf_counter()
            await pilot.press("s")
            keys.append(time.perf_counter() - start)
            before = table.row_count
            start = time.perf_counter()
            await pilot.press("enter")
            while table.row_count == before:
                if time.perf_counter() - start > 60:
                    raise SystemExit(f"the quick-add line did not add {box.value!r}")
                await asyncio.sleep(0)
            adds.append(time.perf_counter() - start)
    return adds[1:], keys[1:]


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        empty, big = Path(folder) / "empty.toml", Path(folder) / "big.toml"
        save_session(big_session(0), empty)
        save_session(big_session(EVENTS), big)
        adds_empty, keys_empty = asyncio.run(_edits(empty, RUNS * 2))
        adds_big, keys_big = asyncio.run(_edits(big, RUNS * 2))
    return [
        Figure(f"timeline edit (add a row), {EVENTS:,} vs 0 events", adds_big, adds_empty, 2.0),
        Figure(
            f"keystroke in the quick-add line, {EVENTS:,} vs 0 events", keys_big, keys_empty, 1.5
        ),
    ]

"""The longest the event loop is held after one edit at 5,000 events (goal: 50 ms): a probe
task wakes every 5 ms and records how late it woke, while an event is added, the autosave
writes the recovery file and the checks run, until every worker has finished."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from textual.widgets import Input
from textual.worker import WorkerCancelled

from agenda.storage import save_session
from bench.common import RUNS, Figure, big_session
from facilitator.factory import build_app

EVENTS = 5_000
TICK = 0.005


async def _probe(lateness: list[float], done: asyncio.Event) -> None:
    """Wake every TICK seconds until ``done``, recording how late each wake-up came."""
    while not done.is_set():
        start = time.perf_counter()
        await asyncio.sleep(TICK)
        lateness.append(time.perf_counter() - start - TICK)


async def _longest_stalls(path: Path, runs: int) -> list[float]:
    app = build_app(path, ignore_lock=True)
    stalls = []
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.loaded:
            await pilot.pause()
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen.query_one("#quick-add", Input)
        for n in range(runs):
            lateness: list[float] = []
            done = asyncio.Event()
            task = asyncio.create_task(_probe(lateness, done))
            box.value = f"09:{n:02d} Added while the room talks"
            await pilot.press("enter")
            app.keeping._autosave_now()  # what the autosave timer does 2 s later
            app.run_checks()  # what the checks timer does 0.4 s later
            while True:
                try:
                    await app.workers.wait_for_complete()
                except WorkerCancelled:
                    continue
                break
            await pilot.pause()
            done.set()
            await task
            stalls.append(max(lateness, default=0.0))
    return stalls


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        save_session(big_session(EVENTS, actions=300), path)
        stalls = asyncio.run(_longest_stalls(path, RUNS))
    return [
        Figure(f"longest event-loop stall after one edit, {EVENTS:,} events", stalls, None, 0.05)
    ]

"""Timeline scale: adding one event to an empty and to a 5,000-event timeline, and opening a
5,000-event session to its first frame beside a bare Textual app with one Static.

Run with `make bench`. Goals: adding is at most 2x slower at 5,000 events; opening at most 1.5x a
bare app.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from agenda.model import Event, KeyTimes, MeetingMode, Session
from agenda.storage import load_session, save_session
from facilitator.factory import build_app
from facilitator.widgets.timeline_table import TimelineTable

sys.path.insert(0, str(Path(__file__).parent))
from common import BARE_APP, OPEN_SESSION, first_frame

EVENTS = 5_000
ADDS = 10
START = datetime(2024, 1, 15, 8, 0, tzinfo=UTC)


def big_session(count: int) -> Session:
    events = [
        Event(id=f"E{i}", at=START + timedelta(seconds=7 * i), description=f"Event number {i}")
        for i in range(1, count + 1)
    ]
    return Session(
        incident={"times": KeyTimes(impact_start=START)},
        meeting={"mode": MeetingMode.ASYNC},
        timeline=events,
    )


async def time_adds(path: Path) -> float:
    """Median seconds from pressing Enter on the quick-add line to the row being in the table."""
    from textual.widgets import Input

    app = build_app(path)
    samples = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        table = app.screen.query_one("#events", TimelineTable)
        box = app.screen.query_one("#quick-add", Input)
        for n in range(ADDS):
            box.focus()
            box.value = f"07:{n:02d} Added while the room talks"
            before = table.row_count
            start = time.perf_counter()
            await pilot.press("enter")
            while table.row_count == before:
                await asyncio.sleep(0)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def time_first_show(path: Path) -> float:
    """Seconds to bring up the timeline pane the first time (it is filled on first show)."""
    app = build_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("f2")
        await pilot.pause()
        return time.perf_counter() - start


def time_load(path: Path) -> float:
    start = time.perf_counter()
    load_session(path)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        empty, big = Path(folder) / "empty.toml", Path(folder) / "big.toml"
        save_session(big_session(0), empty)
        save_session(big_session(EVENTS), big)
        add_empty = asyncio.run(time_adds(empty))
        add_big = asyncio.run(time_adds(big))
        bare = first_frame(BARE_APP)
        opened = first_frame(OPEN_SESSION, str(big))
        loading = time_load(big)
        showing = asyncio.run(time_first_show(big))
    print(f"add one event, empty timeline:        {add_empty * 1000:8.1f} ms (median of {ADDS})")
    print(f"add one event, {EVENTS:,}-event timeline: {add_big * 1000:8.1f} ms (median of {ADDS})")
    print(f"ratio: {add_big / add_empty:.2f}x (goal: at most 2x)")
    print(f"bare Textual app, first frame:        {bare * 1000:8.0f} ms")
    print(f"{EVENTS:,}-event session, first frame:     {opened * 1000:8.0f} ms")
    print(f"ratio: {opened / bare:.2f}x (goal: at most 1.5x)")
    print(f"  of which reading and validating the file: {loading * 1000:.0f} ms")
    print(f"first look at the {EVENTS:,}-event timeline pane: {showing * 1000:.0f} ms")


if __name__ == "__main__":
    main()

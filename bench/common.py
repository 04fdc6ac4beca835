"""Provides what the benchmarks share: one figure's row, timing in turns against a baseline, the
sessions they open, and timing a process in a real terminal (a pty) to its first frame."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import termios
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from agenda.model import Action, Event, Factor, KeyTimes, MeetingMode, Session, WhyNode

RUNS = 5
"""Every figure is the min and the median of at least this many runs."""
ROOT = Path(__file__).resolve().parent.parent
START = datetime(2024, 1, 15, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Figure:
    """One row of the table: a measured value against a baseline measured in the same run."""

    name: str
    values: Sequence[float]
    """Each run's measurement (seconds, or what ``unit`` says)."""
    baselines: Sequence[float] | None
    """The baseline's runs, taken in turns with the value's; None for an absolute goal."""
    goal: float
    """The most the ratio (or, without a baseline, the value) may be."""
    unit: str = "ms"

    @property
    def ratio(self) -> tuple[float, float] | None:
        """(min / min, median / median) against the baseline."""
        if self.baselines is None:
            return None
        return (
            min(self.values) / min(self.baselines),
            statistics.median(self.values) / statistics.median(self.baselines),
        )

    @property
    def met(self) -> bool:
        """Judged on the min of runs: on a shared machine, other work only ever adds time."""
        ratio = self.ratio
        return (ratio[0] if ratio else min(self.values)) <= self.goal


def in_turns(
    value: Callable[[], float], baseline: Callable[[], float], runs: int = RUNS
) -> tuple[list[float], list[float]]:
    """Run the two measurements alternately, so that load on the machine falls on both."""
    values, baselines = [], []
    for _ in range(runs):
        baselines.append(baseline())
        values.append(value())
    return values, baselines


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def big_session(
    events: int, *, whys: int = 0, actions: int = 0, on_timeline: bool = False
) -> Session:
    """A generated session: ``events`` events 7 s apart, a chain of whys, actions with factors.
    ``on_timeline``: a live meeting paused in its timeline review, so it opens on the timeline."""
    timeline = [
        Event(id=f"E{i}", at=START + timedelta(seconds=7 * i), description=f"Event number {i}")
        for i in range(1, events + 1)
    ]
    tree = [
        WhyNode(
            id=f"W{i}",
            parent=f"W{i - 1}" if i % 5 != 1 else "",
            question=f"Why did step {i} happen?",
            answer=f"Because of condition {i} in the deploy pipeline",
        )
        for i in range(1, whys + 1)
    ]
    factors = [Factor(id=f"F{i}", title=f"Contributing factor {i}") for i in range(1, 21)]
    items = [
        Action(
            id=f"A{i}",
            title=f"Add an alert on connection pool usage above {i}% for the checkout service",
            owner=f"@person{i}",
            due=date(2024, 2, 1) + timedelta(days=i % 60),
            factors=[f"F{1 + i % 20}"],
        )
        for i in range(1, actions + 1)
    ]
    meeting: dict[str, object] = {"mode": MeetingMode.ASYNC}
    if on_timeline:
        meeting = {
            "mode": MeetingMode.LIVE,
            "phases": [
                {"phase": "opening", "started": START, "ended": START + timedelta(minutes=5)},
                {"phase": "timeline", "started": START + timedelta(minutes=5)},
            ],
        }
    return Session(
        incident={"times": KeyTimes(impact_start=START)},
        meeting=meeting,
        timeline=timeline,
        analysis={"whys": tree, "factors": factors if actions else []},
        actions=items,
    )


# ---- a fresh process's time and memory -------------------------------------------------------

MEASURER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
errors = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.buffer.write(errors)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""
"""Runs a command and prints its exit code and peak resident KiB."""


def measured(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MiB of a fresh process running ``argv``.

    The process is started by a small Python process, not by this one: when a child execs,
    Linux counts the high-water mark of the address space it leaves (this process's, shared
    until then) into the child's peak, and this one holds every benchmark's sessions. Started
    from here, `facilitator actions` read as 357 MiB; it peaks at 124."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURER, *argv], capture_output=True, cwd=ROOT, check=False
    )
    seconds = time.perf_counter() - start
    code, kib = done.stdout.decode().split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {done.stderr.decode()[:500]}")
    return seconds, int(kib) / 1024


# ---- a real terminal ------------------------------------------------------------------------

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("hello from a bare app")

Bare().run()
"""
"""A bare Textual app with one Static: the yardstick for start-up."""

_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[()][0-9A-Za-z]|\x1b[=>78c]"
)


def in_terminal(argv: list[str], steps: list[tuple[str, str]], timeout: float = 120) -> list[float]:
    """Run ``argv`` in a pty of 120x36 and return, for each (text, keys) step, the seconds
    from the start until ``text`` was on the screen; ``keys`` are typed as soon as it is.
    ctrl+q then ends the process (and again, with Enter, should it ask)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, cwd=ROOT
    )
    os.close(slave)
    seen = b""
    times: list[float] = []
    try:
        while len(times) < len(steps):
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"{' '.join(argv)}: no {steps[len(times)][0]!r} in {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                continue
            seen += os.read(master, 1 << 16)
            plain = _ESCAPES.sub(b"", seen)
            while len(times) < len(steps) and steps[len(times)][0].encode() in plain:
                times.append(time.perf_counter() - start)
                if steps[len(times) - 1][1]:
                    os.write(master, steps[len(times) - 1][1].encode())
                seen, plain = b"", b""  # what follows must appear anew
    finally:
        os.write(master, b"\x11")
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        os.close(master)
    return times


def bare_first_frame() -> float:
    return in_terminal([sys.executable, "-c", textwrap.dedent(BARE_APP)], [("hello", "")])[0]

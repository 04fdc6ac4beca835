"""Provides the typing-survival trial: the real `facilitator` command in a pseudo-terminal, a key
every 100 ms into the quick-add line (Enter now and then), then a signal; it measures how much of
the typing the recovery file lost, and whether the lock was left behind.

    .venv/bin/python -m tools.typing_survival                 # 60 s each: KILL, TERM, HUP, close
    .venv/bin/python -m tools.typing_survival --seconds 5 --signals TERM
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import itertools
import os
import pty
import shutil
import signal
import struct
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from agenda.errors import StorageError
from agenda.locking import lock_path
from agenda.safety import read_recovery, recovery_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_sessions" / "checkout-npe.toml"
F2 = b"\x1bOQ"
"""The timeline pane, where the quick-add line has the keyboard."""
CLOSE = "close"
"""Not a signal: the terminal itself goes away (the pty's master side is closed)."""


@dataclass(frozen=True)
class Trial:
    """What one run kept of what was typed."""

    how: str
    """The signal's name (KILL, TERM, HUP) or "close" for the terminal going away."""
    keys: int
    """Keys typed before the end."""
    kept: int
    """Keys whose effect the recovery file holds: submitted events, then the unsent line."""
    lost_seconds: float
    """From the last key kept to the last key typed: the typing that was lost."""
    garbled: int
    """Lines before the last one kept that the session does not hold as typed."""
    lock_left: bool
    exit_status: int | None
    """The process's exit code, or minus the signal that ended it."""
    longest_quiet: float
    """The longest stretch of the typing with no new recovery file written."""

    def line(self) -> str:
        return (
            f"{self.how:>5}: typed {self.keys} keys, kept {self.kept}, lost "
            f"{self.lost_seconds:.1f} s ({self.garbled} lines garbled); "
            f"lock {'LEFT' if self.lock_left else 'gone'}; "
            f"exit {self.exit_status}; longest without an autosave {self.longest_quiet:.1f} s"
        )


def typed_lines(count: int) -> list[str]:
    """What the trial types: one timeline event a line, each told apart by its number."""
    return [f"14:{n % 60:02d} line {n} steady typing\r" for n in range(count)]


def kept_keys(lines: list[str], path: Path) -> tuple[int, int]:
    """How many keys of ``lines`` the recovery file holds, up to the last one it holds (the
    events submitted, then the line still being typed), and how many lines before that are
    missing or changed (a key the app did not get is not typing the autosave lost)."""
    try:
        session, drafts = read_recovery(path)
    except StorageError:
        return 0, 0
    events = {event.description for event in session.timeline}
    present = [line.split(" ", 1)[1].rstrip("\r") in events for line in lines]
    last = max((n for n, here in enumerate(present) if here), default=-1)
    kept = sum(len(line) for line in lines[: last + 1])
    draft = drafts.get("quick-add", "")
    if last + 1 < len(lines) and draft and lines[last + 1].startswith(draft):
        kept += len(draft)
    return kept, present[: last + 1].count(False)


def run_trial(folder: Path, how: str, seconds: float, interval: float = 0.1) -> Trial:
    """Type for ``seconds``, end the app as ``how`` says, and measure what survived."""
    path = folder / f"{how.lower()}.toml"
    shutil.copy(SAMPLE, path)
    command = str(Path(sys.executable).with_name("facilitator"))
    pid, master = pty.fork()
    if pid == 0:  # the child: a terminal of a known size, then the real command
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        os.execve(command, [command, str(path)], {**os.environ, "TERM": "xterm-256color"})
    screen = bytearray()
    reader = threading.Thread(target=_drain, args=(master, screen), daemon=True)
    reader.start()
    try:
        _wait_for(lambda: b"Phase" in screen and lock_path(path).exists(), 60)
        os.write(master, F2)
        time.sleep(1.0)
        lines = typed_lines(int(seconds / interval / 20) + 2)
        stream = "".join(lines)
        sent: list[float] = []
        writes: list[float] = []
        watcher = threading.Thread(
            target=_watch_writes, args=(recovery_path(path), writes, sent), daemon=True
        )
        start = time.monotonic()
        watcher.start()
        for index, key in enumerate(stream):
            due = start + index * interval
            if due - start >= seconds:
                break
            time.sleep(max(0.0, due - time.monotonic()))
            os.write(master, key.encode())
            sent.append(time.monotonic())
        end = time.monotonic()
        if how == CLOSE:
            os.close(master)
        else:
            os.kill(pid, signal.Signals[f"SIG{how}"])
        status = _wait_exit(pid, 15)
    finally:
        with contextlib.suppress(OSError):
            os.close(master)
    kept, garbled = kept_keys(lines, path)
    lost = 0.0 if kept >= len(sent) else sent[-1] - (sent[kept - 1] if kept else start)
    marks = [start, *(w for w in writes if w < end), end]
    quiet = max(b - a for a, b in itertools.pairwise(marks))
    return Trial(how, len(sent), kept, lost, garbled, lock_path(path).exists(), status, quiet)


def _watch_writes(recovery: Path, writes: list[float], sent: list[float]) -> None:
    """Note when each new recovery file appears, while the typing goes on."""
    last: int | None = None
    started = time.monotonic()
    while not sent or time.monotonic() - sent[-1] < 1.0 or time.monotonic() - started < 5:
        try:
            stamp: int | None = recovery.stat().st_mtime_ns
        except OSError:
            stamp = None
        if stamp is not None and stamp != last:
            writes.append(time.monotonic())
            last = stamp
        time.sleep(0.02)


def _drain(master: int, screen: bytearray) -> None:
    """Read what the app draws, so it never blocks on a full terminal."""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            return
        if not data:
            return
        screen.extend(data)  # all of it: the first frame comes in large writes on a busy machine
        del screen[:-65536]


def _wait_for(ready: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not (callable(ready) and ready()):
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not start")
        time.sleep(0.05)


def _wait_exit(pid: int, timeout: float) -> int | None:
    """The exit code (minus the signal when killed), or None when it had to be killed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--signals", default=f"KILL,TERM,HUP,{CLOSE}")
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for how in args.signals.split(","):
            trial = run_trial(Path(folder), how, args.seconds)
            print(trial.line(), flush=True)
            worst = max(worst, trial.lost_seconds)
            if how != "KILL" and trial.lock_left:
                worst = float("inf")
            assert recovery_path(Path(folder) / f"{how.lower()}.toml").exists() or trial.kept == 0
    print(f"worst loss: {worst:.1f} s (goal: at most 2 s)")
    return 0 if worst <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())

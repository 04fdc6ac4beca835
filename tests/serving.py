"""Provides `serving`: `facilitator serve` on a free port for a test, stopped with Ctrl+C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ADDRESS = re.compile(r"at (http://[^\s]+/)")
"""The address in the first line `facilitator serve` prints."""


@contextmanager
def serving(path: Path, *argv: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`facilitator serve` on a free port; yields its address and process, then Ctrl+C."""
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "serve", str(path), "--port", "0", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        found = ADDRESS.search(first)
        assert found, f"no address in {first!r}; stderr: {rest(process.stderr)}"
        yield found.group(1), process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


def rest(stream: IO[str] | None) -> str:
    """What a stopped process left on a stream."""
    return stream.read() if stream is not None else ""

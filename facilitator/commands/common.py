"""Provides what every subcommand shares: exit codes, the one-line error, safe printing."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from agenda.visible import visible

EXIT_OK = 0
EXIT_FINDINGS = 1
"""Findings (check), or some input skipped while the rest went through (import-timeline)."""
EXIT_BAD_INPUT = 2


def say(message: str) -> None:
    """One line on stderr, every control character in it (from a file name, a value) visible."""
    print(visible(message), file=sys.stderr)


def fail(message: str) -> int:
    """Say what went wrong on one line of stderr; the command exits 2."""
    say(f"facilitator: {message}")
    return EXIT_BAD_INPUT


class Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one visible line on stderr (exit 2), not a usage block
    that echoes the argument raw."""

    def error(self, message: str) -> NoReturn:
        say(f"{self.prog}: {message} (see {self.prog} --help)")
        raise SystemExit(EXIT_BAD_INPUT)

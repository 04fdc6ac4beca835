"""Provides what every subcommand shares: exit codes and the one-line error."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FINDINGS = 1
"""Findings (check), or some input skipped while the rest went through (import-timeline)."""
EXIT_BAD_INPUT = 2


def fail(message: str) -> int:
    """Say what went wrong on one line of stderr; the command exits 2."""
    print(f"facilitator: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT

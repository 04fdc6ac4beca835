"""Provides the guidance checks: rules over a session that return findings with a suggestion.

`Finding`, `Severity` and `pane_of` come at once; the rules (`RULES`, `run_checks`) on first
use (PEP 562): the app's panes show findings long before anything runs a check, and loading
every rule's patterns and word lists is not on the way to a session's first rows."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from agenda.checks.findings import Finding, Severity, pane_of

if TYPE_CHECKING:
    from agenda.checks.rules import RULES
    from agenda.checks.running import Rule, run_checks

__all__ = ["RULES", "Finding", "Rule", "Severity", "pane_of", "run_checks"]

_LATER = {"RULES": "agenda.checks.rules", "run_checks": "agenda.checks.running"}
_LATER["Rule"] = "agenda.checks.running"


def __getattr__(name: str) -> Any:
    home = _LATER.get(name)
    if home is None:
        raise AttributeError(f"module 'agenda.checks' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)

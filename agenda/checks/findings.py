"""Provides the finding a check reports: rule, severity, item, message and suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from agenda.model import Session
from agenda.vocabulary import Pane

if TYPE_CHECKING:
    from agenda.agendas import Agenda


class Severity(StrEnum):
    """How much a finding matters: errors fail `facilitator check`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed."""

    rule: str
    """The rule's id, e.g. "blameful-language"."""
    severity: Severity
    item: str
    """What it is about: "action:A3", "event:E12", "why:W4", "factor:F2", "dissent:D1",
    "parking:P1", or "session"."""
    message: str
    """One line: what is wrong."""
    suggestion: str
    """One line: what to do instead."""
    field: str = ""
    """Where in the item, when it matters: "description", "analysis.went_poorly[2]"."""
    confidence: float | None = None
    """For a check that is not certain (a trained model's), how likely the finding holds, 0–1;
    None for a rule that is certain."""
    reasons: tuple[str, ...] = ()
    """Why it was found, in words: the rules and the strongest features (`--explain`)."""

    def as_dict(self, *, explain: bool = False) -> dict[str, str | float | list[str]]:
        data: dict[str, str | float | list[str]] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "item": self.item,
            "field": self.field,
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.confidence is not None:
            data["confidence"] = self.confidence
        if explain:
            data["explanation"] = list(self.reasons)
        return data

    @property
    def sort_key(self) -> tuple[str, int, str]:
        """Items in natural order: A9 before A10."""
        kind, _, item_id = self.item.partition(":")
        number = int(item_id[1:]) if item_id[1:].isdigit() else 0
        return kind, number, self.field


_PANES = {
    "event": Pane.TIMELINE,
    "why": Pane.ANALYSIS,
    "factor": Pane.ANALYSIS,
    "action": Pane.ACTIONS,
    "dissent": Pane.CLOSING,
    "parking": Pane.CLOSING,
}


def pane_of(finding: Finding) -> Pane:
    """The pane where the item a finding is about is edited."""
    kind = finding.item.partition(":")[0]
    if kind in _PANES:
        return _PANES[kind]
    if finding.field.startswith("analysis."):
        closing = ("parking", "key_learnings")
        return Pane.CLOSING if any(name in finding.field for name in closing) else Pane.ANALYSIS
    return Pane.OPENING


@dataclass(frozen=True)
class Context:
    """What every rule reads."""

    session: Session
    today: date
    agenda: Agenda | None = None
    explain: bool = False
    """Whether findings should carry their reasons (`facilitator check --explain`)."""

"""Provides run_checks: every rule over a session, its findings errors first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from agenda.checks.findings import Context, Finding, Severity
from agenda.checks.rules import RULES
from agenda.model import Session

if TYPE_CHECKING:
    from agenda.agendas import Agenda


def run_checks(
    session: Session, *, today: date, agenda: Agenda | None = None, explain: bool = False
) -> list[Finding]:
    """Every finding of every rule, errors first, then by item; with ``explain``, findings
    of the checks that weigh evidence say why. Without ``agenda``, a built-in one the session
    names is read, when the meeting has run phases: only they are measured against it."""
    if agenda is None and session.meeting.phases:
        from agenda.agendas import builtin_names, load_agenda

        if session.meeting.agenda in builtin_names():
            agenda = load_agenda(session.meeting.agenda)
    context = Context(session=session, today=today, agenda=agenda, explain=explain)
    findings = [finding for rule in RULES for finding in rule(context)]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: (order[f.severity], f.sort_key, f.rule))


Rule = Callable[[Context], Iterator[Finding]]

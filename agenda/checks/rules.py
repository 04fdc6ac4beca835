"""Provides the guidance rules: each reads the session and yields findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise

from agenda.checks.document import completeness, outside_the_incident, severity_from_impact
from agenda.checks.findings import Context, Finding, Severity
from agenda.checks.language import (
    REWRITE_AVAILABLE_INFO,
    assess_action,
    blame_in,
    concludes_human_error,
    owner_problem,
)
from agenda.checks.people import chain_ends_at_person, why_stops_at_person
from agenda.checks.reading import name_words
from agenda.checks.review import review_state
from agenda.checks.secrets import find_secrets, worth_scanning
from agenda.model import DissentStatus, DocumentStatus, KeyTime, ParkingStatus, Session
from agenda.queries import (
    SessionStrings,
    TextField,
    actions_for_factor,
    find_gaps,
    phase_minutes,
    text_fields,
)
from agenda.vocabulary import Pane


def _where(field: TextField) -> str:
    return f" ({field.field.replace('_', ' ')})" if field.item == "session" else ""


# ---- language and secrets -----------------------------------------------------------------


def blameful_language(context: Context) -> Iterator[Finding]:
    names = name_words(tuple(sorted(set(context.session.participant_names()))))
    for field in text_fields(context.session):
        for blame in blame_in(field.text, names, explain=context.explain):
            time = f"{field.at.hour:02}:{field.at.minute:02}" if field.at else "HH:MM"
            suggestion = blame.pattern.suggestion.format(time=time)
            yield Finding(
                "blameful-language",
                Severity.WARNING,
                field.item,
                f'"{blame.phrase}" {blame.pattern.message}{_where(field)}',
                suggestion,
                field.field,
                round(blame.confidence, 2),
                blame.reasons,
            )


def secrets(context: Context) -> Iterator[Finding]:
    strings = SessionStrings(context.session)
    for index in worth_scanning(strings.texts):
        field = strings.field(index)
        for secret in find_secrets(field.text):
            yield Finding(
                "secret",
                Severity.ERROR,
                field.item,
                f"{secret.kind} in {field.field.replace('_', ' ')}",
                "Remove it from the postmortem and rotate it; export with --redact to publish",
                field.field,
            )


# ---- action items ----------------------------------------------------------------------------


def action_items(context: Context) -> Iterator[Finding]:
    session = context.session
    names = session.participant_names()
    factor_ids = {f.id for f in session.analysis.factors}
    for action in session.actions:
        item = f"action:{action.id}"
        reading = assess_action(action.title, explain=context.explain)
        if reading.vague:
            yield Finding(
                "vague-action",
                Severity.WARNING,
                item,
                f'"{action.title}" cannot be checked off: it names no specific change, '
                "measure or threshold",
                'Say exactly what changes, e.g. "Reduce the alert\'s for: from 10m to 3m"',
                confidence=round(reading.confidence, 2),
                reasons=reading.reasons,
            )
        problem = owner_problem(action.owner, names)
        if problem == "no owner":
            yield Finding(
                "action-owner",
                Severity.ERROR,
                item,
                "no owner: unassigned action items never get done",
                "Assign one person (not a team)",
            )
        elif problem:
            yield Finding(
                "action-owner", Severity.WARNING, item, problem, "Assign one named person"
            )
        if not action.status.is_open:
            continue
        if action.due is None:
            yield Finding(
                "action-due",
                Severity.WARNING,
                item,
                "no due date",
                'Set a specific date, not "soon"',
            )
        elif action.due < context.today:
            days = (context.today - action.due).days
            yield Finding(
                "action-overdue",
                Severity.WARNING,
                item,
                f"overdue by {days} day{'s' if days != 1 else ''} (due {action.due.isoformat()})",
                "Close it, or agree a new date with its owner",
            )
        if factor_ids and not action.factors:
            yield Finding(
                "action-factor",
                Severity.WARNING,
                item,
                "addresses no contributing factor",
                "Link it to the factor it fixes, or ask whether it belongs in this postmortem",
            )
        if not action.ticket.strip():
            yield Finding(
                "action-ticket",
                Severity.INFO,
                item,
                "no tracker ticket",
                "If it's not in the tracker with a deadline, it won't happen",
            )


# ---- analysis ----------------------------------------------------------------------------------

_FAILURE = (
    r"\b(?:fail\w*|error\w*|timeouts?|timed out|exhaust\w*|outage|down|crash\w*|oom|"
    r"lock\w*|5\d\d|alert\w*|degrad\w*|spike\w*|latency)\b"
)


def analysis(context: Context) -> Iterator[Finding]:
    session = context.session
    factors = session.analysis.factors
    if not factors:
        yield Finding(
            "no-factors",
            Severity.WARNING,
            "session",
            "no contributing factors recorded",
            "Most incidents have several: name the testing, monitoring, process and "
            "documentation gaps that together allowed this one",
        )
    elif len(factors) == 1 and (failures := _failures(session)) >= 2:
        yield Finding(
            "single-cause",
            Severity.WARNING,
            f"factor:{factors[0].id}",
            f"a single contributing factor, though the timeline shows {failures} failures",
            "The system failed in several ways: add a factor for each, so each can earn an action",
        )
    for factor in factors:
        if not actions_for_factor(session, factor.id):
            yield Finding(
                "factor-without-action",
                Severity.WARNING,
                f"factor:{factor.id}",
                f'"{factor.title}" has no action',
                "Add an action that addresses it, or say why none is needed",
            )
        if concludes_human_error(factor.title):
            yield _human_error(f"factor:{factor.id}", "title")
    names = session.participant_names()
    for why in session.analysis.whys:
        if session.why_children(why.id) or not why.parent or why.systemic:
            continue
        if concludes_human_error(why.answer):
            yield _human_error(f"why:{why.id}", "answer")
        elif why_stops_at_person(session, why, names):
            yield Finding(
                "why-ends-at-person",
                Severity.WARNING,
                f"why:{why.id}",
                "this chain stops at a person",
                "Ask one more: what made that the most likely action given what they knew?",
                "answer",
            )
    if concludes_human_error(session.incident.trigger):
        yield _human_error("session", "incident.trigger")


def _failures(session: Session) -> int:
    """How many events describe a failure: read only when one factor stands alone, as it is
    a regex search of every event."""
    failure = re.compile(_FAILURE, re.IGNORECASE)  # compiled here: it is seldom needed
    return sum(1 for e in session.timeline if failure.search(e.description))


def _human_error(item: str, field: str) -> Finding:
    return Finding(
        "human-error-conclusion",
        Severity.ERROR,
        item,
        '"human error" is given as a cause: it is never the root cause',
        "Name the missing guardrails, monitoring gaps and runbook deficiencies that enabled it",
        field,
    )


# ---- timeline ---------------------------------------------------------------------------------

_KEY_ORDER = [
    KeyTime.IMPACT_START,
    KeyTime.DETECTED,
    KeyTime.ACKNOWLEDGED,
    KeyTime.MITIGATED,
    KeyTime.RESOLVED,
]


def timeline(context: Context) -> Iterator[Finding]:
    session = context.session
    for gap in find_gaps(session):
        yield Finding(
            "timeline-gap",
            Severity.WARNING,
            f"event:{gap.after}",
            f"{gap.span} with no event inside the impact window",
            "What was happening during this gap? It may hold the most important information",
        )
    times = session.incident.times
    known = [(key, getattr(times, key.value)) for key in _KEY_ORDER]
    known = [(key, moment) for key, moment in known if moment is not None]
    for (first, earlier), (second, later) in pairwise(known):
        if later < earlier:
            yield Finding(
                "key-times-order",
                Severity.WARNING,
                "session",
                f"{second.label} ({later:%Y-%m-%d %H:%M}) is before {first.label} "
                f"({earlier:%Y-%m-%d %H:%M})",
                "Check the key times: one of them is probably on the wrong event",
            )
    if times.impact_start is None or times.detected is None:
        missing = " and ".join(
            k.label
            for k in (KeyTime.IMPACT_START, KeyTime.DETECTED)
            if getattr(times, k.value) is None
        )
        yield Finding(
            "key-times-missing",
            Severity.WARNING,
            "session",
            f"no {missing} time, so time to detect cannot be computed",
            "Mark where impact began and where it was detected (k in the timeline)",
        )
    for key in (KeyTime.ACKNOWLEDGED, KeyTime.MITIGATED, KeyTime.RESOLVED):
        if getattr(times, key.value) is None:
            yield Finding(
                "key-times-missing",
                Severity.INFO,
                "session",
                f"no {key.label} time",
                f"Mark the event where the incident was {key.label}",
            )


# ---- the meeting ----------------------------------------------------------------------------


def _closing_reached(context: Context) -> bool:
    session = context.session
    if session.incident.status is not DocumentStatus.DRAFT:
        return True
    if context.agenda is None:
        return False
    closing = {p.key for p in context.agenda.phases if p.pane is Pane.CLOSING}
    return any(record.phase in closing for record in session.meeting.phases)


def meeting(context: Context) -> Iterator[Finding]:
    session = context.session
    if _closing_reached(context):
        for view in session.dissent:
            if view.status is DissentStatus.OPEN:
                yield Finding(
                    "open-dissent",
                    Severity.WARNING,
                    f"dissent:{view.id}",
                    "a dissenting view is still open at closing",
                    "Acknowledge it or resolve it with a note; it stays in the record either way",
                )
        for item in session.analysis.parking_lot:
            if item.status is ParkingStatus.OPEN:
                yield Finding(
                    "parking-lot",
                    Severity.INFO,
                    f"parking:{item.id}",
                    "a parked tangent was not reviewed",
                    "Acknowledge it or carry it forward",
                )
    if context.agenda is not None:
        spent = phase_minutes(session)
        for phase in context.agenda.phases:
            minutes = spent.get(phase.key, 0.0)
            if minutes > phase.minutes * 1.5 and minutes - phase.minutes >= 5:
                yield Finding(
                    "phase-overrun",
                    Severity.INFO,
                    "session",
                    f"{phase.title} ran {round(minutes)} min of {phase.minutes}",
                    "Time-box tangents: park them and move on",
                )


RULES: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    secrets,
    blameful_language,
    action_items,
    analysis,
    timeline,
    meeting,
    review_state,
    completeness,
    severity_from_impact,
    outside_the_incident,
)
"""Every rule, in the order their findings are worked through."""

__all__ = [
    "REWRITE_AVAILABLE_INFO",
    "RULES",
    "Context",
    "chain_ends_at_person",
    "why_stops_at_person",
]

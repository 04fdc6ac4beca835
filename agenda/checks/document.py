"""Provides the document rules: a document in review or final has every part a reader needs,
its severity is no lower than its impact implies, and its events fall within the incident."""

from __future__ import annotations

from collections.abc import Iterator

from agenda.checks.findings import Context, Finding, Severity
from agenda.model import DocumentStatus, Impact, KeyTime, Session
from agenda.queries import incident_window
from agenda.severity import because, implied_severity, less_severe

_PROSE = (
    ("summary", "summary", "Two or three sentences: what happened, the impact, how long"),
    ("trigger", "trigger", "What set it off (the proximate cause)"),
    ("detection", "detection", "How we found out, and how long that took"),
    ("resolution", "resolution", "What ended the impact"),
)


def missing_parts(session: Session) -> list[tuple[str, str, str]]:
    """The parts a reader needs that the document leaves empty, as (field path, what it is,
    what to write): the summary, the impact, trigger, detection, resolution, the key times."""
    incident = session.incident
    missing = [
        (f"incident.{name}", label, hint)
        for name, label, hint in _PROSE
        if not getattr(incident, name).strip()
    ]
    if incident.impact == Impact():
        missing.insert(
            1,
            ("incident.impact", "impact", "Who was affected, how many, for how long, at what cost"),
        )
    if all(getattr(incident.times, key.value) is None for key in KeyTime):
        missing.append(
            ("incident.times", "key times", "Mark impact start, detection and resolution (k)")
        )
    return missing


def completeness(context: Context) -> Iterator[Finding]:
    """Once a document is in review or final, each empty part is an error naming it."""
    status = context.session.incident.status
    if status is DocumentStatus.DRAFT:
        return
    for path, label, hint in missing_parts(context.session):
        yield Finding(
            "incomplete",
            Severity.ERROR,
            "session",
            f"{status.value} with no {label}",
            hint,
            field=path,
        )


def severity_from_impact(context: Context) -> Iterator[Finding]:
    incident = context.session.incident
    implied = implied_severity(incident.severity_answers)
    if implied is None or not less_severe(incident.severity, implied):
        return
    yield Finding(
        "severity-below-impact",
        Severity.WARNING,
        "session",
        f"recorded as {incident.severity.value}, but the impact answers imply {implied.value} "
        f"({'; '.join(because(incident.severity_answers))})",
        f"Raise the severity to {implied.value}, or correct the impact answers",
        field="incident.severity",
    )


def outside_the_incident(context: Context) -> Iterator[Finding]:
    outside = incident_window(context.session)
    for event in context.session.timeline:
        reason = outside(event.at)
        if reason:
            yield Finding(
                "event-outside-incident",
                Severity.WARNING,
                f"event:{event.id}",
                f"{event.at:%Y-%m-%d %H:%M} is {reason}",
                "Check its date: a time typed without one is on the incident's date",
                field="at",
            )

"""Provides which parts of the document are filled in and which are missing, for the async
write-up's sidebar and the agenda's progress marks."""

from __future__ import annotations

from dataclasses import dataclass

from agenda.agendas import Pane
from agenda.model import Impact, KeyTime, Session


@dataclass(frozen=True)
class Part:
    """One part of the document a reader needs."""

    key: str
    """Where it lives: "incident.summary", "timeline", "actions.owners"."""
    label: str
    """What the sidebar calls it."""
    pane: Pane
    """The pane that edits it."""
    filled: bool
    hint: str
    """What to write (shown while it is missing)."""


def document_parts(session: Session) -> list[Part]:
    """Every part of the document, in the order a reader meets it, filled or not."""
    incident, analysis = session.incident, session.analysis
    times = incident.times
    marked = [key for key in KeyTime if getattr(times, key.value) is not None]
    unmarked = [key.label for key in KeyTime if key not in marked]
    people = session.meeting.facilitator or session.meeting.scribe or session.meeting.participants
    actions = session.actions
    opening, timeline, analysing = Pane.OPENING, Pane.TIMELINE, Pane.ANALYSIS
    return [
        Part("incident.title", "Title", opening, incident.title != "Untitled incident", "Name it"),
        Part("incident.date", "Incident date", opening, incident.date is not None, "YYYY-MM-DD"),
        Part("meeting.people", "Authors", opening, bool(people), "Who wrote it, who took part"),
        Part(
            "incident.summary",
            "Summary",
            opening,
            bool(incident.summary.strip()),
            "Two or three sentences: what happened, the impact, how long",
        ),
        Part(
            "incident.impact",
            "Impact",
            opening,
            incident.impact != Impact(),
            "Who was affected, how many, for how long, at what cost",
        ),
        Part(
            "incident.severity_answers",
            "Severity questions",
            opening,
            incident.severity_answers != type(incident.severity_answers)(),
            "Answer the six impact questions",
        ),
        *(
            Part(
                f"incident.{name}",
                name.capitalize(),
                opening,
                bool(getattr(incident, name).strip()),
                hint,
            )
            for name, hint in (
                ("trigger", "What set it off (the proximate cause)"),
                ("detection", "How it was found, and how long that took"),
                ("resolution", "What ended the impact"),
            )
        ),
        Part("timeline", "Timeline", timeline, bool(session.timeline), "From first signal to end"),
        Part(
            "incident.times",
            "Key times",
            timeline,
            not unmarked,
            f"Mark {', '.join(unmarked)} (k)" if marked else "Mark impact start, detection … (k)",
        ),
        Part("analysis.whys", "5 Whys", analysing, bool(analysis.whys), "Start a chain (r)"),
        Part(
            "analysis.factors",
            "Contributing factors",
            analysing,
            bool(analysis.factors),
            "What made the system vulnerable (a)",
        ),
        Part(
            "analysis.went",
            "Went well / poorly",
            analysing,
            bool(analysis.went_well or analysis.went_poorly),
            "What went well, what went poorly, where we got lucky",
        ),
        Part("actions", "Action items", Pane.ACTIONS, bool(actions), "Prevent, detect, mitigate"),
        Part(
            "actions.owners",
            "Owners and dates",
            Pane.ACTIONS,
            bool(actions) and all(a.owner.strip() and a.due for a in actions),
            "One owner and a due date for every action",
        ),
        Part(
            "analysis.lessons",
            "Lessons learned",
            Pane.CLOSING,
            bool(analysis.key_learnings.strip() or analysis.lessons),
            "What we know now that we did not know",
        ),
    ]


def filled_and_missing(session: Session) -> tuple[list[Part], list[Part]]:
    """The parts written so far, and the parts still to write."""
    parts = document_parts(session)
    return [p for p in parts if p.filled], [p for p in parts if not p.filled]


def section_filled(session: Session, pane: Pane) -> bool:
    """Whether the part of the document a pane edits has content yet."""
    analysis = session.analysis
    if pane is Pane.OPENING:
        return bool(session.incident.summary.strip())
    if pane is Pane.TIMELINE:
        return bool(session.timeline)
    if pane is Pane.ANALYSIS:
        return bool(analysis.factors or analysis.whys)
    if pane is Pane.ACTIONS:
        return bool(session.actions)
    return bool(analysis.key_learnings.strip() or analysis.lessons)

"""Provides which sections of a session are filled in, for the async write-up's progress view."""

from __future__ import annotations

from agenda.agendas import Pane
from agenda.model import Session


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

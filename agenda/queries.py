"""Provides the read-only questions the rest of the core asks of a session: items by kind and
id, actions for a factor, key times, gaps, phase minutes, and every free-text field."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from itertools import pairwise
from typing import Any, TypeVar

from agenda.model import (
    Action,
    Dissent,
    Event,
    Factor,
    Item,
    KeyTime,
    ParkingItem,
    Session,
    WhyNode,
)

ItemT = TypeVar("ItemT", Event, WhyNode, Factor, ParkingItem, Dissent, Action)


def find(session: Session, kind: str, item_id: str) -> Item | None:
    """The item of this kind ("event", "why", "factor", "parking", "dissent", "action") with
    this id, or None."""
    return session.find(f"{kind}:{item_id}")


def find_in(items: Sequence[ItemT], item_id: str | None) -> ItemT | None:
    """The item with this id in a list of one kind, or None."""
    return next((item for item in items if item.id == item_id), None)


def get(items: Sequence[ItemT], item_id: str) -> ItemT:
    """The item with this id in a list of one kind; KeyError when there is none."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


def actions_for_factor(session: Session, factor_id: str) -> list[Action]:
    return [a for a in session.actions if factor_id in a.factors]


def key_time_labels(session: Session) -> dict[datetime, list[str]]:
    """Which key moments fall at which time, for marking timeline rows."""
    marks: dict[datetime, list[str]] = {}
    for key in KeyTime:
        moment = getattr(session.incident.times, key.value)
        if moment is not None:
            marks.setdefault(moment, []).append(key.label)
    return marks


def key_times_at(session: Session, moment: datetime) -> list[KeyTime]:
    """The key moments that fall at this time."""
    times = session.incident.times
    return [key for key in KeyTime if getattr(times, key.value) == moment]


def phase_minutes(session: Session) -> dict[str, float]:
    """Minutes actually spent in each phase, over all its stretches, pauses excluded."""
    spent: dict[str, float] = {}
    for record in session.meeting.phases:
        if record.ended is not None:
            spent[record.phase] = (
                spent.get(record.phase, 0.0) + record.active_seconds(record.ended) / 60
            )
    return spent


@dataclass(frozen=True)
class Gap:
    """Too long without an event, inside the impact window."""

    after: str
    """The id of the event before the gap."""
    before: str
    """The id of the event after it."""
    minutes: int

    @property
    def prompt(self) -> str:
        hours, minutes = divmod(self.minutes, 60)
        span = f"{hours}h {minutes:02d}m" if hours else f"{minutes} min"
        return f"{span} gap — what was happening?"


def impact_window(session: Session) -> tuple[datetime, datetime] | None:
    """From impact start (else the first event) to resolution (else mitigation, else the last
    event); None when there is nothing to bound it."""
    times = session.incident.times
    events = session.timeline
    start = times.impact_start or min((e.at for e in events), default=None)
    end = times.resolved or times.mitigated or max((e.at for e in events), default=None)
    if start is None or end is None or end <= start:
        return None
    return start, end


def find_gaps(session: Session, events: list[Event] | None = None) -> list[Gap]:
    """Gaps longer than the session's threshold between consecutive events in the impact window."""
    window = impact_window(session)
    if window is None:
        return []
    start, end = window
    threshold = timedelta(minutes=session.meeting.gap_threshold_minutes)
    ordered = events if events is not None else session.sorted_timeline()
    inside = [e for e in ordered if start <= e.at <= end]
    gaps = []
    for earlier, later in pairwise(inside):
        span = later.at - earlier.at
        if span > threshold:
            gaps.append(Gap(earlier.id, later.id, int(span.total_seconds() // 60)))
    return gaps


@dataclass(frozen=True)
class TextField:
    """One free-text field of the session."""

    item: str
    field: str
    text: str
    at: datetime | None = None


def text_fields(session: Session) -> Iterator[TextField]:
    """Every free-text field a person typed, with the item it belongs to."""
    incident = session.incident
    for name in ("title", "summary", "trigger", "detection", "resolution"):
        yield TextField("session", f"incident.{name}", getattr(incident, name))
    for name in ("users", "revenue", "error_budget"):
        yield TextField("session", f"incident.impact.{name}", getattr(incident.impact, name))
    for event in session.timeline:
        yield TextField(f"event:{event.id}", "description", event.description, event.at)
        yield TextField(f"event:{event.id}", "known", event.known, event.at)
    analysis = session.analysis
    for why in analysis.whys:
        for name in ("question", "answer", "evidence"):
            yield TextField(f"why:{why.id}", name, getattr(why, name))
    for factor in analysis.factors:
        yield TextField(f"factor:{factor.id}", "title", factor.title)
        yield TextField(f"factor:{factor.id}", "description", factor.description)
    for name in ("went_well", "went_poorly", "lucky", "lessons"):
        for index, text in enumerate(getattr(analysis, name)):
            yield TextField("session", f"analysis.{name}[{index}]", text)
    yield TextField("session", "analysis.key_learnings", analysis.key_learnings)
    for item in analysis.parking_lot:
        yield TextField(f"parking:{item.id}", "text", item.text)
    for view in session.dissent:
        yield TextField(f"dissent:{view.id}", "view", view.view)
        yield TextField(f"dissent:{view.id}", "resolution", view.resolution)
    for action in session.actions:
        yield TextField(f"action:{action.id}", "title", action.title)
        yield TextField(f"action:{action.id}", "ticket", action.ticket)
    for index, comment in enumerate(session.review.comments):
        yield TextField("session", f"review.comments[{index}]", comment.text)
    if session.review.forced is not None:
        yield TextField("session", "review.forced.reason", session.review.forced.reason)


_ITEMS = {
    ("timeline",): "event",
    ("analysis", "whys"): "why",
    ("analysis", "factors"): "factor",
    ("analysis", "parking_lot"): "parking",
    ("dissent",): "dissent",
    ("actions",): "action",
}
"""The lists whose entries are items with an id, and what such an item is called."""


def every_text_field(session: Session) -> Iterator[TextField]:
    """Every string the session holds, whoever typed it: titles and prose, and also the
    incident id, services, tags, names, roles, owners, dissent holders, tickets and paths
    (what a secret scan must cover). Closed vocabularies (enums) are left out."""
    yield from _walk(session.model_dump(mode="python"), (), "session", "")


def _walk(value: Any, path: tuple[str, ...], item: str, field: str) -> Iterator[TextField]:
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        yield TextField(item, field, value)
    elif isinstance(value, dict):
        for key, inner in value.items():
            inner_field = f"{field}.{key}" if field else key
            yield from _walk(inner, (*path, key), item, inner_field)
    elif isinstance(value, list):
        kind = _ITEMS.get(path)
        for index, inner in enumerate(value):
            if kind is not None and isinstance(inner, dict):
                yield from _walk(inner, (*path, "*"), f"{kind}:{inner.get('id')}", "")
            else:
                yield from _walk(inner, path, item, f"{field}[{index}]")

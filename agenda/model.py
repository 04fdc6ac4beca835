"""Provides the pydantic models of a postmortem session and its computed metrics."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from pydantic import (
    Field,
    model_validator,
)

from agenda.fields import Day, StrictModel, UtcDateTime, no_items
from agenda.parts import (
    MAX_GAP_MINUTES,
    Action,
    Analysis,
    Dissent,
    Event,
    Factor,
    Impact,
    Incident,
    KeyEvents,
    KeyTimes,
    Meeting,
    ParkingItem,
    Participant,
    PhaseRecord,
    SourceRef,
    WhyNode,
)
from agenda.review_parts import ForcedFinal, Review, ReviewComment, Reviewer
from agenda.vocabulary import (
    ActionStatus,
    ActionType,
    DissentStatus,
    DocumentStatus,
    EventKind,
    EventSource,
    FactorCategory,
    FactorGap,
    KeyTime,
    Level,
    MeetingMode,
    ParkingStatus,
    Priority,
    QuestionStyle,
    Severity,
    SourceKind,
)

SCHEMA_VERSION = 2
"""The version of the session file format this code writes (2: key times marked on events,
``incident.key_events``; a version 1 file is migrated as it is read)."""


Item = Event | WhyNode | Factor | ParkingItem | Dissent | Action
"""Anything in a session with an id."""


class Session(StrictModel):
    """One postmortem: everything the meeting and the document hold."""

    schema_version: int = SCHEMA_VERSION
    """The file-format version this session was written with."""
    incident: Incident = Field(default_factory=Incident)
    """The incident header."""
    meeting: Meeting = Field(default_factory=Meeting)
    """The meeting record."""
    timeline: list[Event] = Field(default_factory=no_items)
    """The timeline, in time order."""
    analysis: Analysis = Field(default_factory=Analysis)
    """Whys, factors, went well / poorly / lucky, lessons, parking lot."""
    dissent: list[Dissent] = Field(default_factory=no_items)
    """Dissenting views."""
    actions: list[Action] = Field(default_factory=no_items)
    """Action items."""
    review: Review = Field(default_factory=Review)
    """Reviewers, their approvals and comments; an old file without one has none."""

    @model_validator(mode="after")
    def _check_ids_and_links(self) -> Session:
        seen: dict[str, str] = {}
        for where, item_id in self._all_ids():
            if item_id in seen:
                raise ValueError(f"duplicate id {item_id!r} at {where} (first at {seen[item_id]})")
            seen[item_id] = where
        why_ids = {w.id for w in self.analysis.whys}
        for i, why in enumerate(self.analysis.whys):
            if why.parent and why.parent not in why_ids:
                raise ValueError(f"analysis.whys[{i}].parent: no why node {why.parent!r}")
        self._check_no_cycles()
        factor_ids = {f.id for f in self.analysis.factors}
        for i, action in enumerate(self.actions):
            for ref in action.factors:
                if ref not in factor_ids:
                    raise ValueError(f"actions[{i}].factors: no contributing factor {ref!r}")
        for i, factor in enumerate(self.analysis.factors):
            if factor.why and factor.why not in why_ids:
                raise ValueError(f"analysis.factors[{i}].why: no why node {factor.why!r}")
        for i, view in enumerate(self.dissent):
            if view.about and self.find(view.about) is None:
                raise ValueError(
                    f"dissent[{i}].about: {view.about!r} names no item "
                    "(use kind:id, e.g. factor:F2, or leave it empty)"
                )
        return self

    @model_validator(mode="after")
    def _key_events_carry_their_times(self) -> Session:
        """A key time marked on an event is that event's time, whatever the file says beside
        it: the event is the one truth, the stored time a copy for readers of the file."""
        marked = self.incident.key_events
        times = self.incident.times
        for key in KeyTime:
            event_id = getattr(marked, key.value)
            if not event_id:
                continue
            event = next((e for e in self.timeline if e.id == event_id), None)
            if event is None:
                raise ValueError(
                    f"incident.key_events.{key.value}: no event {event_id!r} in the timeline"
                )
            if getattr(times, key.value) != event.at:
                setattr(times, key.value, event.at)
        return self

    def _lists(self) -> tuple[tuple[str, Sequence[Item]], ...]:
        return (
            ("timeline", self.timeline),
            ("analysis.whys", self.analysis.whys),
            ("analysis.factors", self.analysis.factors),
            ("analysis.parking_lot", self.analysis.parking_lot),
            ("dissent", self.dissent),
            ("actions", self.actions),
        )

    def _all_ids(self) -> Iterator[tuple[str, str]]:
        for name, items in self._lists():
            for i, item in enumerate(items):
                yield f"{name}[{i}]", item.id

    def _check_no_cycles(self) -> None:
        parents = {w.id: w.parent for w in self.analysis.whys}
        for start in parents:
            seen = {start}
            node = parents[start]
            while node:
                if node in seen:
                    raise ValueError(f"analysis.whys: the chain through {start!r} loops back")
                seen.add(node)
                node = parents.get(node, "")

    # ---- ids and lookups -------------------------------------------------

    def next_id(self, prefix: str, taken: Iterable[str] = ()) -> str:
        """A fresh id with this one-letter prefix: one more than the highest in use (in any
        list: a file may give an event an "A" id), or in ``taken`` (ids handed out for items
        whose edit has not been applied yet). A plain loop: it runs on every added item, and
        naming where each id is, as `_all_ids` does, tripled its time at 5,000 events."""
        highest = max((int(i[1:]) for i in taken if i[0] == prefix), default=0)
        for _, items in self._lists():
            for item in items:
                item_id = item.id
                if item_id[0] == prefix:
                    highest = max(highest, int(item_id[1:]))
        return f"{prefix}{highest + 1}"

    def find(self, ref: str) -> Item | None:
        """The item a reference like "event:E12" or "action:A3" names, or None (the one lookup
        by kind and id; `agenda.queries.find` asks it)."""
        kind, _, item_id = ref.partition(":")
        lists: dict[str, Sequence[Item]] = {
            "event": self.timeline,
            "why": self.analysis.whys,
            "factor": self.analysis.factors,
            "parking": self.analysis.parking_lot,
            "dissent": self.dissent,
            "action": self.actions,
        }
        items = lists.get(kind, [])
        return next((item for item in items if item.id == item_id), None)

    # ---- the 5 Whys forest -------------------------------------------------

    def why_roots(self) -> list[WhyNode]:
        """The problem statements that start each chain, in order."""
        return [w for w in self.analysis.whys if not w.parent]

    def why_children(self, parent_id: str) -> list[WhyNode]:
        """The nodes directly under a why node, in order."""
        return [w for w in self.analysis.whys if w.parent == parent_id]

    def why_depth(self, node_id: str) -> int:
        """0 for a chain's problem statement, 1 for its first why, 2 for the next, and so on."""
        parents = {w.id: w.parent for w in self.analysis.whys}
        depth, node = 0, parents.get(node_id, "")
        while node:
            depth += 1
            node = parents.get(node, "")
        return depth

    # ---- timeline and metrics -------------------------------------------------

    def sorted_timeline(self) -> list[Event]:
        """Events in time order; events at the same time keep their entry order."""
        return sorted(self.timeline, key=lambda e: e.at)

    @property
    def time_to_detect(self) -> timedelta | None:
        """From impact start to detection."""
        return _between(self.incident.times.impact_start, self.incident.times.detected)

    @property
    def time_to_acknowledge(self) -> timedelta | None:
        """From detection to acknowledgement."""
        return _between(self.incident.times.detected, self.incident.times.acknowledged)

    @property
    def time_to_mitigate(self) -> timedelta | None:
        """From impact start to mitigation."""
        return _between(self.incident.times.impact_start, self.incident.times.mitigated)

    @property
    def impact_duration(self) -> timedelta | None:
        """From impact start to resolution (to mitigation when not yet resolved)."""
        times = self.incident.times
        return _between(times.impact_start, times.resolved or times.mitigated)

    def participant_names(self) -> list[str]:
        names = [p.name for p in self.meeting.participants]
        for extra in (self.meeting.facilitator, self.meeting.scribe):
            if extra and extra not in names:
                names.append(extra)
        return names


def _between(start: datetime | None, end: datetime | None) -> timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def format_duration(delta: timedelta | None) -> str:
    """ "1h 05m", "12m", "45s", or "—" when unknown."""
    if delta is None:
        return "—"
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m" + (f" {secs:02d}s" if secs else "")
    return f"{sign}{secs}s"


def slug(text: str) -> str:
    """A filename-safe slug of a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "postmortem"


def shifted(session: Session, days: int) -> Session:
    """A copy of the session moved ``days`` days in time: every date and time, same clock times."""
    delta = timedelta(days=days)

    def move(value: Any) -> Any:
        if isinstance(value, datetime | dt.date):
            return value + delta
        if isinstance(value, dict):
            return {k: move(v) for k, v in value.items()}
        if isinstance(value, list):
            return [move(v) for v in value]
        return value

    return Session.model_validate(move(session.model_dump()))


__all__ = [
    "MAX_GAP_MINUTES",
    "SCHEMA_VERSION",
    "Action",
    "ActionStatus",
    "ActionType",
    "Analysis",
    "Day",
    "Dissent",
    "DissentStatus",
    "DocumentStatus",
    "Event",
    "EventKind",
    "EventSource",
    "Factor",
    "FactorCategory",
    "FactorGap",
    "ForcedFinal",
    "Impact",
    "Incident",
    "Item",
    "KeyEvents",
    "KeyTime",
    "KeyTimes",
    "Level",
    "Meeting",
    "MeetingMode",
    "ParkingItem",
    "ParkingStatus",
    "Participant",
    "PhaseRecord",
    "Priority",
    "QuestionStyle",
    "Review",
    "ReviewComment",
    "Reviewer",
    "Session",
    "Severity",
    "SourceKind",
    "SourceRef",
    "StrictModel",
    "UtcDateTime",
    "WhyNode",
    "format_duration",
    "shifted",
    "slug",
]

"""Provides the read-only questions the rest of the core asks of a session: items by kind and
id, actions for a factor, key times, gaps, phase minutes, and every free-text field."""

from __future__ import annotations

import types
import typing
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from itertools import chain, pairwise
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

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
from agenda.tomlwrite import model_in

ItemT = TypeVar("ItemT", Event, WhyNode, Factor, ParkingItem, Dissent, Action)


def find(session: Session, kind: str, item_id: str) -> Item | None:
    """The item of this kind ("event", "why", "factor", "parking", "dissent", "action") with
    this id, or None."""
    return session.find(f"{kind}:{item_id}")


ITEM_KINDS = {
    "E": "event",
    "W": "why",
    "F": "factor",
    "P": "parking",
    "D": "dissent",
    "A": "action",
}
"""The kind of item each id prefix names (E12 is an event, A3 an action)."""


def item_text(session: Session, ref: str) -> str:
    """What an item reference ("event:E12") says in full: its description, title, answer, view
    or text; "" for no such item."""
    item = session.find(ref)
    if item is None:
        return ""
    for name in ("description", "title", "answer", "question", "view", "text"):
        value = getattr(item, name, "")
        if isinstance(value, str) and value.strip():
            return value
    return ""


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


def key_time_labels(session: Session) -> dict[str, list[str]]:
    """Which key moments each event marks, by event id: only the marked event carries a
    label, however many others share its minute."""
    marks: dict[str, list[str]] = {}
    for key in KeyTime:
        event_id = getattr(session.incident.key_events, key.value)
        if event_id:
            marks.setdefault(event_id, []).append(key.label)
    return marks


def key_times_of(session: Session, event_id: str) -> list[KeyTime]:
    """The key moments this event marks."""
    marked = session.incident.key_events
    return [key for key in KeyTime if getattr(marked, key.value) == event_id]


def unmarked_key_times(session: Session) -> list[KeyTime]:
    """The key moments set with a time of their own, on no event."""
    times, marked = session.incident.times, session.incident.key_events
    return [
        key
        for key in KeyTime
        if getattr(times, key.value) is not None and not getattr(marked, key.value)
    ]


BEFORE_INCIDENT = timedelta(hours=2)
"""An event this long before the first key time is outside the incident: probably misdated."""
AFTER_INCIDENT = timedelta(hours=24)
"""An event this long after the last key time is outside the incident: probably misdated."""


def outside_incident(session: Session, moment: datetime) -> str:
    """Why a time falls outside the incident ("" when it does not): well before its first key
    time or far after its last, or, with no key time yet, off the incident's date."""
    return incident_window(session)(moment)


def incident_window(session: Session) -> Callable[[datetime], str]:
    """`outside_incident` for many times: the key times are read once."""
    times = session.incident.times
    marked = [t for key in KeyTime if (t := getattr(times, key.value)) is not None]
    day = session.incident.date
    if marked:
        first, last = min(marked), max(marked)
        early, late = first - BEFORE_INCIDENT, last + AFTER_INCIDENT

        def by_key_times(moment: datetime) -> str:
            if moment < early:
                return f"{_span(first - moment)} before the first key time ({first:%Y-%m-%d %H:%M})"
            if moment > late:
                return f"{_span(moment - last)} after the last key time ({last:%Y-%m-%d %H:%M})"
            return ""

        return by_key_times

    def by_date(moment: datetime) -> str:
        if day is None:
            return ""
        if moment.date() < day:
            return f"before the incident's date ({day.isoformat()})"
        if moment - AFTER_INCIDENT > datetime.combine(day, datetime.max.time(), moment.tzinfo):
            return f"over a day after the incident's date ({day.isoformat()})"
        return ""

    return by_date


def _span(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"{hours // 24} days" if hours >= 48 else f"{hours} h"


def phase_minutes(session: Session) -> dict[str, float]:
    """Minutes actually spent in each phase, over all its stretches, pauses excluded."""
    spent: dict[str, float] = {}
    for record in session.meeting.phases:
        if record.ended is not None:
            spent[record.phase] = (
                spent.get(record.phase, 0.0) + record.active_seconds(record.ended) / 60
            )
    return spent


def phase_extensions(session: Session) -> dict[str, int]:
    """Minutes the room added to each phase's time box ("+5 minutes"), over all its stretches."""
    added: dict[str, int] = {}
    for record in session.meeting.phases:
        if record.extended_minutes:
            added[record.phase] = added.get(record.phase, 0) + record.extended_minutes
    return added


@dataclass(frozen=True)
class Gap:
    """Too long without an event, inside the impact window."""

    after: str
    """The id of the event before the gap."""
    before: str
    """The id of the event after it."""
    minutes: int

    @property
    def span(self) -> str:
        """How long, as the timeline and the findings both say it: "12 min", "18h 47m"."""
        hours, minutes = divmod(self.minutes, 60)
        return f"{hours}h {minutes:02d}m" if hours else f"{minutes} min"

    @property
    def prompt(self) -> str:
        return f"{self.span} gap — what was happening?"


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


class TextField(NamedTuple):
    """One free-text field of the session (a tuple: a 5,000-event session has over 10,000, and
    a tuple is the cheapest record to make)."""

    item: str
    field: str
    text: str
    at: datetime | None = None


def text_fields(session: Session) -> Iterator[TextField]:
    """Every free-text field a person typed, with the item it belongs to; empty ones are left
    out."""
    return (field for field in _text_fields(session) if field.text)


def _text_fields(session: Session) -> Iterator[TextField]:
    incident = session.incident
    for name in ("title", "summary", "trigger", "detection", "resolution"):
        yield TextField("session", f"incident.{name}", getattr(incident, name))
    for name in ("users", "revenue", "error_budget"):
        yield TextField("session", f"incident.impact.{name}", getattr(incident.impact, name))
    for event in session.timeline:
        event_item = f"event:{event.id}"
        yield TextField(event_item, "description", event.description, event.at)
        if event.known:  # most events have none: 5,000 empty fields were 4 ms of the checks
            yield TextField(event_item, "known", event.known, event.at)
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
    """Every non-empty string the session holds, whoever typed it: titles and prose, and also
    the incident id, services, tags, names, roles, owners, dissent holders, tickets and paths
    (what a secret scan must cover). Closed vocabularies (enums) are left out."""
    strings = SessionStrings(session)
    return (strings.field(index) for index, text in enumerate(strings.texts) if text)


class SessionStrings:
    """Every string a session holds, in `every_text_field`'s order, empty ones too, and where
    each one is. A list of items is read in one sweep, and a string's item and field are worked
    out only when asked for: a secret scan of 11,000 strings reports on a few of them."""

    def __init__(self, session: Session) -> None:
        self.texts: list[str] = []
        """Every string, empty or not; `field` says where one is."""
        self._starts: list[int] = []
        self._places: list[_Place] = []
        self._walk(session, (), "session", "")

    def field(self, index: int) -> TextField:
        """The field that ``texts[index]`` is, and its item."""
        segment = bisect_right(self._starts, index) - 1
        item, field = self._places[segment].where(index - self._starts[segment])
        return TextField(item, field, self.texts[index])

    def _add(self, texts: Sequence[str], place: _Place) -> None:
        if texts:
            self._starts.append(len(self.texts))
            self._places.append(place)
            self.texts += texts

    def _walk(self, model: BaseModel, path: tuple[str, ...], item: str, field: str) -> None:
        texts, lists, models = _plan(type(model))
        prefix = f"{field}." if field else ""
        values = _text_values(type(model))(model)
        self._add([value or "" for value in values], _Place(item, prefix, texts))
        for name in lists:
            self._add([value or "" for value in getattr(model, name)], _Place(item, prefix + name))
        for name, many in models:
            value = getattr(model, name)
            if value is None or (many and not value):  # most events have no sources
                continue
            inner = (*path, name)
            if not many:
                self._walk(value, inner, item, prefix + name)
            elif (kind := _ITEMS.get(inner)) is not None and _flat(value):
                each: type[BaseModel] = type(value[0])
                strings = list(chain.from_iterable(map(_text_values(each), value)))
                self._add(strings, _Place(kind, "", _plan(each)[0], value))
            else:
                for index, entry in enumerate(value):
                    at = (f"{kind}:{entry.id}", "") if kind else (item, f"{prefix}{name}[{index}]")
                    self._walk(entry, inner, *at)


class _Place(NamedTuple):
    """Where a run of `SessionStrings.texts` comes from: an item's string fields (``names``),
    one of its lists of strings (no names), or the string fields of each item of a list of
    items (``items``; ``item`` is then their kind). A tuple: a dataclass took every import of
    this module 0.6 ms to make."""

    item: str
    prefix: str
    names: tuple[str, ...] = ()
    items: Sequence[Any] = ()

    def where(self, offset: int) -> tuple[str, str]:
        """The item and field of the string ``offset`` strings into the run."""
        if self.items:
            row, column = divmod(offset, len(self.names))
            return f"{self.item}:{self.items[row].id}", self.names[column]
        if self.names:
            return self.item, self.prefix + self.names[offset]
        return self.item, f"{self.prefix}[{offset}]"


def _flat(items: Sequence[BaseModel]) -> bool:
    """Whether the strings a list of items holds are their own string fields only, all plain
    ``str`` (so none is None): then those fields, item after item, are all of them."""
    model = type(items[0])
    _, lists, models = _plan(model)
    if not _plain(model) or any(type(item) is not model for item in items):
        return False
    names = (*lists, *(name for name, _ in models))
    if not names:
        return True
    if len(names) == 1:  # an empty list, or no sub-model: nothing more to read
        return not any(map(attrgetter(names[0]), items))
    return not any(map(any, map(attrgetter(*names), items)))


@cache
def _plain(model: type[BaseModel]) -> bool:
    texts = _plan(model)[0]
    return all(model.model_fields[name].annotation is str for name in texts)


@cache
def _plan(
    model: type[BaseModel],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, bool], ...]]:
    """A model's string fields, its list-of-string fields, and its sub-models (and whether
    each is a list of them), worked out once per model class."""
    texts: list[str] = []
    lists: list[str] = []
    models: list[tuple[str, bool]] = []
    for name, info in model.model_fields.items():
        sub, many = model_in(info.annotation)
        if sub is not None:
            models.append((name, many))
        elif _holds_str(info.annotation):
            texts.append(name)
        elif typing.get_origin(info.annotation) is list and _holds_str(
            typing.get_args(info.annotation)[0]
        ):
            lists.append(name)
    return tuple(texts), tuple(lists), tuple(models)


@cache
def _text_values(model: type[BaseModel]) -> Callable[[BaseModel], tuple[Any, ...]]:
    """What reads a model's string fields (`_plan`'s first) all at once: one call, not a
    getattr each."""
    texts = _plan(model)[0]
    if len(texts) > 1:
        return attrgetter(*texts)
    return lambda value: tuple(getattr(value, name) for name in texts)


def _holds_str(annotation: Any) -> bool:
    """``str`` or ``str | None``; an enum is a closed vocabulary, not text."""
    if annotation is str:
        return True
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and str in (
        typing.get_args(annotation)
    )

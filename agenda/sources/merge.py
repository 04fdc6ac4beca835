"""Provides planning an import into a session — what is new, what is already there, what is the
same moment seen by several sources — and the one undoable edit that carries it out."""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from agenda.history import Edit, index_of
from agenda.model import Event, EventSource, Session, SourceRef
from agenda.sources.records import Record, Signal, bulk, split_kind
from agenda.sources.signals import signal_of, similar, words
from agenda.vocabulary import SourceKind

FOLD_WINDOW = timedelta(seconds=10)
"""Records from different sources this close, that say the same thing, are one moment: an
alert fires, the pager triggers and the chat bot posts it within a few seconds."""
OPEN_GROUPS = 64
"""How many recent moments a record is compared with; bounds the work on a dense export."""

SOURCE_OF_KIND = {
    SourceKind.TEXT: EventSource.HUMAN,
    SourceKind.CSV: EventSource.HUMAN,
    SourceKind.SLACK: EventSource.CHAT,
    SourceKind.PAGERDUTY: EventSource.ALERT,
    SourceKind.ALERTMANAGER: EventSource.ALERT,
    SourceKind.OPSGENIE: EventSource.ALERT,
    SourceKind.GIT: EventSource.DEPLOY,
    SourceKind.GITHUB: EventSource.DEPLOY,
    SourceKind.BASH: EventSource.COMMAND,
    SourceKind.ZSH: EventSource.COMMAND,
}
SOURCE_RANK = [
    EventSource.ALERT,
    EventSource.DEPLOY,
    EventSource.COMMAND,
    EventSource.CHAT,
    EventSource.HUMAN,
]
"""A moment several sources saw is listed under the one that measured it, not the one that
retold it: the alert, then the deploy, the command, the chat, the write-up."""
_WORDED = (SourceKind.TEXT, SourceKind.CSV)
"""Kinds whose wording alone tells the moment ("14:22 Alert fires"); a person's chat message
that mentions "resolved" is not the resolution, so chat is left to the bots' own signals."""


class Verdict(StrEnum):
    """What an import does with one record."""

    NEW = "new"
    """Becomes an event (with any records folded into it)."""
    FOLD = "fold"
    """Joins another event as one more source of the same moment."""


@dataclass(frozen=True, slots=True)
class Row:
    """One record of an import and what it would do."""

    record: Record
    verdict: Verdict
    into: str = ""
    """The existing event it folds into."""
    lead: int = -1
    """The earlier row (new in this import) it folds with."""

    def label(self) -> str:
        if self.into:
            return f"folds into {self.into}"
        if self.lead >= 0:
            return f"folds into row {self.lead + 1}"
        return "new"


@dataclass
class ImportPlan:
    """What an import would do: its rows in time order, and what it leaves out."""

    rows: list[Row] = field(default_factory=list)
    already: int = 0
    """Records already in the session (imported before), left out."""

    @property
    def new_events(self) -> int:
        return sum(1 for row in self.rows if row.verdict is Verdict.NEW)


@dataclass
class _Moment:
    at: datetime
    kinds: set[SourceKind]
    signal: Signal | None
    words: frozenset[str]
    event_id: str = ""
    row: int = -1
    last: datetime | None = None
    """The latest record joined so far: the bots' posts of one alert follow each other a few
    seconds apart, so the window runs from the latest, not the first."""

    def near(self, at: datetime) -> bool:
        """Within the window of the moment's own time, or of the latest record it took."""
        if abs(at - self.at) <= FOLD_WINDOW:
            return True
        return self.last is not None and abs(at - self.last) <= FOLD_WINDOW

    def takes(self, record: Record, signal: Signal | None, said: frozenset[str]) -> bool:
        if record.kind in self.kinds or not self.near(record.at):
            return False  # one source's two records are two things that happened
        if signal is not None and signal == self.signal:
            return True
        return similar(said, self.words)


def within(
    records: Iterable[Record], since: datetime | None, until: datetime | None
) -> list[Record]:
    """The records from ``since`` to ``until`` (both included, either open)."""
    return [
        r for r in records if (since is None or r.at >= since) and (until is None or r.at <= until)
    ]


def plan_import(session: Session, records: Iterable[Record]) -> ImportPlan:
    """What importing ``records`` would add. A record already in the session (the same id, sha
    or ts; for text and shell history, the same time and words) is left out; records from
    different sources within `FOLD_WINDOW` that mark the same signal or say the same thing
    fold into one event — an existing one if it is there."""
    with bulk():
        return _plan(session, records)


def _plan(session: Session, records: Iterable[Record]) -> ImportPlan:
    plan = ImportPlan()
    seen_refs = {
        (source.kind, source.ref)
        for event in session.timeline
        for source in event.sources
        if source.ref and source.kind.ref_is_identity
    }
    seen_texts = {(e.at, _plain(e.description)) for e in session.timeline}
    seen_texts.update(
        (s.at or e.at, _plain(s.text or e.description)) for e in session.timeline for s in e.sources
    )
    existing = sorted(
        (
            _Moment(
                e.at,
                {s.kind for s in e.sources},
                signal_of(e.description),
                words(e.description),
                event_id=e.id,
            )
            for e in session.timeline
        ),
        key=lambda m: m.at,
    )
    times = [m.at for m in existing]
    recent: deque[_Moment] = deque(maxlen=OPEN_GROUPS)
    for record in sorted(records, key=lambda r: r.at):
        if _already(record, seen_refs, seen_texts):
            plan.already += 1
            continue
        signal = record.signal or (signal_of(record.text) if record.kind in _WORDED else None)
        said = words(record.text)
        target = _nearest(record, signal, said, existing, times)
        if target is not None:
            target.kinds.add(record.kind)
            target.last = max(target.last or target.at, record.at)
            plan.rows.append(Row(record, Verdict.FOLD, into=target.event_id))
            continue
        group = _joinable(recent, record, signal, said)
        if group is not None:
            group.kinds.add(record.kind)
            group.last = record.at
            plan.rows.append(Row(record, Verdict.FOLD, lead=group.row))
            continue
        recent.append(_Moment(record.at, {record.kind}, signal, said, row=len(plan.rows)))
        plan.rows.append(Row(record, Verdict.NEW))
    return plan


def _joinable(
    recent: deque[_Moment], record: Record, signal: Signal | None, said: frozenset[str]
) -> _Moment | None:
    """The latest recent moment this record is part of. A moment takes each kind of source
    once, so none spans more than one window per kind: older ones are not looked at."""
    horizon = FOLD_WINDOW * len(SourceKind)
    for moment in reversed(recent):
        if record.at - moment.at > horizon:
            return None
        if moment.takes(record, signal, said):
            return moment
    return None


def _plain(text: str) -> str:
    return " ".join(split_kind(text)[1].split()).casefold()


def _already(
    record: Record,
    seen_refs: set[tuple[SourceKind, str]],
    seen_texts: set[tuple[datetime, str]],
) -> bool:
    if record.kind.ref_is_identity and record.ref:
        key = (record.kind, record.ref)
        if key in seen_refs:
            return True
        seen_refs.add(key)
        return False
    text = (record.at, _plain(record.text))
    if text in seen_texts:
        return True
    seen_texts.add(text)
    return False


def _nearest(
    record: Record,
    signal: Signal | None,
    said: frozenset[str],
    existing: list[_Moment],
    times: list[datetime],
) -> _Moment | None:
    low = bisect.bisect_left(times, _shifted(record.at, -FOLD_WINDOW * len(SourceKind)))
    high = bisect.bisect_right(times, _shifted(record.at, FOLD_WINDOW))
    fits = [m for m in existing[low:high] if m.takes(record, signal, said)]
    return min(fits, key=lambda m: abs(m.at - record.at), default=None)


# ---- the edit ----------------------------------------------------------------------------------


def import_edit(session: Session, plan: ImportPlan, chosen: Collection[int] | None = None) -> Edit:
    """One undoable edit adding the chosen rows (all by default): each new moment an event with
    every source that saw it, each fold one more source on the event it joins. A moment whose
    first row is left out is led by its next chosen row."""
    with bulk():
        return _import_edit(session, plan, chosen)


def _import_edit(session: Session, plan: ImportPlan, chosen: Collection[int] | None) -> Edit:
    picked = set(range(len(plan.rows))) if chosen is None else set(chosen)
    groups: dict[int, list[Record]] = {}
    folds: dict[str, list[Record]] = {}
    for index, row in enumerate(plan.rows):
        if index not in picked:
            continue
        if row.into:
            folds.setdefault(row.into, []).append(row.record)
        else:
            groups.setdefault(row.lead if row.lead >= 0 else index, []).append(row.record)
    first = int(session.next_id("E")[1:])
    added = [
        _event(f"E{first + n}", members) for n, (_, members) in enumerate(sorted(groups.items()))
    ]
    before = {
        event_id: session.timeline[index_of(session.timeline, event_id)] for event_id in folds
    }
    after = {
        event_id: event.model_copy(
            update={
                "sources": [
                    *event.sources,
                    *(_ref(r, event.who, event.at, event.description) for r in folds[event_id]),
                ]
            }
        )
        for event_id, event in before.items()
    }
    return _edit(added, before, after)


def _event(event_id: str, members: list[Record]) -> Event:
    lead = members[0]
    kind, description = split_kind(lead.text)
    description = description.strip() or lead.text
    sources = [SourceRef(kind=lead.kind, ref=lead.ref)]
    sources.extend(_ref(r, lead.who, lead.at, description) for r in members[1:])
    return Event(
        id=event_id,
        at=lead.at,
        description=description,
        kind=kind,
        source=min((SOURCE_OF_KIND[r.kind] for r in members), key=SOURCE_RANK.index),
        who=lead.who,
        approximate=lead.approximate,
        sources=sources,
    )


def _ref(record: Record, who: str, at: datetime, description: str) -> SourceRef:
    """A source as its event lists it: its own who, time and words only where they differ."""
    return SourceRef(
        kind=record.kind,
        ref=record.ref,
        who=record.who if record.who != who else "",
        at=record.at if record.at != at else None,
        text=record.text if record.text != description else "",
    )


def _edit(added: list[Event], before: dict[str, Event], after: dict[str, Event]) -> Edit:
    new_ids = {event.id for event in added}

    def apply(session: Session) -> None:
        _put(session, after)
        session.timeline.extend(added)

    def revert(session: Session) -> None:
        session.timeline[:] = [e for e in session.timeline if e.id not in new_ids]
        _put(session, before)

    label = f"import {len(added)} events"
    if after:
        label += f", {len(after)} joined by more sources"
    return Edit(label, apply, revert, frozenset(new_ids | set(after)))


def _put(session: Session, events: dict[str, Event]) -> None:
    if not events:
        return
    places = {event.id: index for index, event in enumerate(session.timeline)}
    for event_id, event in events.items():
        session.timeline[places[event_id]] = event


def _shifted(at: datetime, by: timedelta) -> datetime:
    """``at`` moved by ``by``, held at the first or last moment a datetime can hold (a record
    at 0001-01-01 00:00:01 has no time ten seconds before it)."""
    try:
        return at + by
    except OverflowError:
        return (datetime.min if by < timedelta(0) else datetime.max).replace(tzinfo=at.tzinfo)

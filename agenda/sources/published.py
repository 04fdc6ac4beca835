"""Provides reading a published or pasted timeline: lines, lists, tables, headings and sub-bullets.

Untimed lines indented or bulleted under a timed one are that event's detail: they are added to
its description, one line each, so the event reads as the author grouped it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo

from agenda.sources.records import (
    Parsed,
    Problem,
    ReadOptions,
    Record,
    dated_clock,
    file_ref,
    localize,
    split_kind,
)
from agenda.sources.stamps import ZONE_NOTE, Stamp, StampError, read_stamp, zone_named
from agenda.vocabulary import SourceKind

OUT_OF_RANGE = "a time out of range: times go from the year 1 to 9999 in UTC"

NO_TIME = "no time at the start of the line"
NO_DESCRIPTION = "no description after the time"

_MARKER = re.compile(r"^(?:>\s*)*(?:(?:[-*+•‣◦]|\d{1,3}[.)])\s+)?")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_RULE = re.compile(r"^(?:[-=_*]\s*){3,}$")
_FENCE = re.compile(r"^(?:```|~~~)")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_NOTE_ONLY = re.compile(
    r"^(?:[-–—:,]\s*)?(?:\(.*\)|\[.*\]|(?:all\s+)?times\b.*|\(?(?:UTC|GMT)\)?)?\s*[.:]?$",
    re.IGNORECASE,
)
_TIME_HEADER = re.compile(r"time|when|date|utc|timestamp|hh:mm", re.IGNORECASE)
_WHO_HEADER = re.compile(
    r"^(?:who|owner|actor|person|by|author|responder|engineer|name)$", re.IGNORECASE
)


@dataclass
class _Event:
    line: int
    raw: str
    at: datetime
    head: str
    approximate: bool
    who: str = ""
    details: list[str] = field(default_factory=list)


@dataclass
class _Open:
    """A timed line that later lines may sit under; ``event`` is None when it was unreadable."""

    indent: int
    bulleted: bool
    event: _Event | None


@dataclass
class _Columns:
    """What each column of a Markdown table holds, from its header row."""

    time: list[int]
    who: list[int]


@dataclass
class _Reader:
    name: str
    options: ReadOptions
    events: list[_Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    day: date | None = None
    zone: tzinfo | None = None
    previous: datetime | None = None
    columns: _Columns | None = None
    last_row: _Event | None = None

    def problem(self, line: int, raw: str, message: str) -> None:
        self.problems.append(Problem(self.name, message, raw, line=line))


def read_published(text: str, name: str, options: ReadOptions) -> Parsed:
    """Every event a published or pasted timeline holds; each line that cannot be read is a
    problem with its number, and nothing else is left out."""
    reader = _Reader(name, options, previous=options.previous)
    lines = text.splitlines()
    separators = {i for i, line in enumerate(lines) if _TABLE_SEPARATOR.match(line.strip())}
    for index, raw in enumerate(lines):
        body = raw.expandtabs(4)
        if not body.strip():
            continue
        if index in separators or _FENCE.match(body.strip()):
            continue
        if index + 1 in separators and "|" in body:
            reader.columns = _columns(_cells(body.strip()))
            continue
        try:
            _read_line(reader, index + 1, raw, body)
        except OverflowError:  # 0001-01-01T00:00+05:00 is in the year 0 once in UTC
            reader.problem(index + 1, raw, OUT_OF_RANGE)
    return _finish(reader)


def _read_line(reader: _Reader, number: int, raw: str, body: str) -> None:
    indent = len(body) - len(body.lstrip())
    body = body.strip()
    who = ""
    if body.startswith("|"):
        body, who = _table_row(reader, number, body)
        if not body:
            return
    else:
        reader.columns = None
        reader.last_row = None
    heading = _HEADING.match(body)
    if heading:
        _read_heading(reader, number, raw, heading[1])
        return
    if _RULE.match(body):
        return
    marker = _MARKER.match(body)
    bulleted = bool(marker and marker.group().strip())
    body = body[marker.end() :] if marker else body
    try:
        stamp = read_stamp(body)
    except StampError as error:
        reader.problem(number, raw, str(error))
        _push(reader, _Open(indent, bulleted, None))
        return
    if stamp is None:
        _untimed(reader, number, raw, body, indent, bulleted)
    elif stamp.clock is None:
        if _NOTE_ONLY.match(stamp.rest):
            _set_day(reader, stamp, stamp.rest)
        else:
            reader.problem(number, raw, "a date but no time: add the time (HH:MM) after it")
    else:
        _timed(reader, number, raw, stamp, indent, bulleted, who)


def _read_heading(reader: _Reader, number: int, raw: str, text: str) -> None:
    """Headings are structure: one naming a date sets the day, "all times PST" the zone; one
    that starts with a time is an event like any other line."""
    try:
        stamp = read_stamp(text)
    except StampError as error:
        reader.problem(number, raw, str(error))
        return
    if stamp is not None and stamp.clock is not None:
        _timed(reader, number, raw, stamp, 0, False, "")
        return
    reader.stack.clear()
    if stamp is not None:
        _set_day(reader, stamp, stamp.rest)
    else:
        _set_zone(reader, text)


def _untimed(
    reader: _Reader, number: int, raw: str, body: str, indent: int, bulleted: bool
) -> None:
    parent = _parent(reader, indent, bulleted)
    if parent is None:
        if ZONE_NOTE.search(body) and _set_zone(reader, body):
            return
        reader.problem(number, raw, NO_TIME)
    elif parent.event is None:
        reader.problem(number, raw, "under a line whose time could not be read")
    else:
        parent.event.details.append(body)


def _timed(
    reader: _Reader,
    number: int,
    raw: str,
    stamp: Stamp,
    indent: int,
    bulleted: bool,
    who: str,
) -> None:
    try:
        at = _moment(reader, stamp)
    except (StampError, ValueError) as error:
        reader.problem(number, raw, str(error))
        _push(reader, _Open(indent, bulleted, None))
        return
    head = stamp.rest
    if stamp.until is not None:
        head = f"{head} (until {stamp.until:%H:%M})".strip()
    if stamp.day is not None or stamp.month_day is not None:
        reader.day = at.astimezone(stamp.zone or reader.zone or reader.options.zone).date()
    event = _Event(number, raw, at, head, stamp.approximate, who)
    reader.events.append(event)
    reader.previous = at
    if reader.columns is not None or raw.lstrip().startswith("|"):
        reader.last_row = event
    _push(reader, _Open(indent, bulleted, event))


def _push(reader: _Reader, opened: _Open) -> None:
    """A timed line closes the lines at its own depth or deeper, then opens its own."""
    stack = reader.stack
    while stack and not _is_under(opened.indent, opened.bulleted, stack[-1]):
        stack.pop()
    stack.append(opened)


def _parent(reader: _Reader, indent: int, bulleted: bool) -> _Open | None:
    stack = reader.stack
    while stack and not _is_under(indent, bulleted, stack[-1]):
        stack.pop()
    return stack[-1] if stack else None


def _is_under(indent: int, bulleted: bool, opened: _Open) -> bool:
    return indent > opened.indent or (indent == opened.indent and bulleted and not opened.bulleted)


def _moment(reader: _Reader, stamp: Stamp) -> datetime:
    assert stamp.clock is not None
    zone = stamp.zone or reader.zone or reader.options.zone
    dated = stamp.day or _year_for(reader, stamp.month_day)
    clock = time(stamp.clock.hour, stamp.clock.minute, stamp.clock.second, stamp.clock.microsecond)
    if dated is not None:
        return localize(datetime.combine(dated, clock), zone).astimezone(UTC)
    return dated_clock(
        clock, day=reader.day or reader.options.day, previous=reader.previous, zone=zone
    )


def _year_for(reader: _Reader, month_day: tuple[int, int] | None) -> date | None:
    """A date written without its year takes the year of the timeline around it, and the next
    one when that would put it half a year before what came just before."""
    if month_day is None:
        return None
    context = reader.previous.date() if reader.previous else reader.day or reader.options.day
    try:
        guess = date(context.year, *month_day)
    except ValueError as error:  # 29 February in a year without one
        raise StampError(f"{context.year}-{month_day[0]:02d}-{month_day[1]:02d}: {error}") from None
    if (context - guess).days > 183:
        guess = guess.replace(year=guess.year + 1)
    return guess


def _set_day(reader: _Reader, stamp: Stamp, rest: str) -> None:
    day = stamp.day or _year_for(reader, stamp.month_day)
    reader.day = day
    reader.previous = None
    reader.stack.clear()
    if stamp.zone is not None:
        reader.zone = stamp.zone
    _set_zone(reader, rest)


def _set_zone(reader: _Reader, text: str) -> bool:
    note = ZONE_NOTE.search(text)
    zone = zone_named(note["zone"]) if note else None
    if zone is not None:
        reader.zone = zone
    return zone is not None


# ---- tables -----------------------------------------------------------------------------------


def _cells(row: str) -> list[str]:
    cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row)]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _columns(header: list[str]) -> _Columns:
    times = [i for i, cell in enumerate(header) if _TIME_HEADER.search(cell)]
    who = [i for i, cell in enumerate(header) if _WHO_HEADER.match(cell.strip("*_ "))]
    return _Columns(times or [0], [i for i in who if i not in times])


def _table_row(reader: _Reader, number: int, body: str) -> tuple[str, str]:
    """A table row as a line: its time cells, then ' | ', then its other cells; a row with an
    empty time cell continues the row above."""
    cells = _cells(body)
    columns = reader.columns or _Columns([0], [])
    when = " ".join(cells[i] for i in columns.time if i < len(cells) and cells[i])
    who = " ".join(cells[i] for i in columns.who if i < len(cells) and cells[i])
    skip = set(columns.time) | set(columns.who)
    what = " — ".join(c for i, c in enumerate(cells) if i not in skip and c)
    if when:
        return f"{when} | {what}", who
    if what and reader.last_row is not None:
        reader.last_row.details.append(what)
    elif what:
        reader.problem(number, body, NO_TIME)
    return "", who


# ---- the events -------------------------------------------------------------------------------


def _finish(reader: _Reader) -> Parsed:
    parsed = Parsed(problems=reader.problems)
    for event in reader.events:
        lines = [event.head] if event.head else []
        lines.extend(event.details)
        description = "\n".join(lines).strip()
        if not split_kind(description)[1].strip():
            parsed.problems.append(Problem(reader.name, NO_DESCRIPTION, event.raw, line=event.line))
            continue
        where = f"{reader.name}:{event.line}"
        parsed.records.append(
            Record(
                at=event.at,
                text=description,
                kind=SourceKind.TEXT,
                who=event.who,
                ref=file_ref(reader.name, event.line),
                approximate=event.approximate,
                where=where,
            )
        )
    parsed.problems.sort(key=lambda p: p.line)
    return parsed

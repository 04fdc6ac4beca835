"""Provides what every source reader shares: records, problems, options, and reading times."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agenda.visible import visible
from agenda.vocabulary import EventKind, SourceKind


class Signal(StrEnum):
    """The moment in an alert's life a record marks; the same signal from different sources a
    few seconds apart is one moment (the page, the alert and the chat bot's post of it)."""

    TRIGGERED = "triggered"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    DEPLOYED = "deployed"


@dataclass(frozen=True, slots=True)
class Record:
    """One thing a source says happened, at a time, read but not yet in a session."""

    at: datetime
    """When, in UTC."""
    text: str
    """What happened, as the source words it."""
    kind: SourceKind
    who: str = ""
    """The author or agent, as the source names them."""
    ref: str = ""
    """The way back to the record: a message ts, a log entry id, a sha, FILE:LINE."""
    approximate: bool = False
    signal: Signal | None = None
    where: str = ""
    """FILE:LINE or FILE:JSON path, for the preview and the dry run."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A line or record that could not be read; the rest of its file still imports."""

    file: str
    message: str
    text: str = ""
    line: int = 0
    path: str = ""
    """The JSON path of the record, e.g. log_entries[3].created_at."""

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(str(self.line))
        if self.path:
            parts.append(self.path)
        return ":".join(parts)

    def __str__(self) -> str:
        """``FILE:LINE: problem: text``, one line, control characters made visible."""
        shown = visible(shorten(self.text.strip()))
        return f"{self.where}: {self.message}" + (f": {shown}" if shown else "")


@dataclass
class Parsed:
    """What reading one or more sources gave."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What was left out by design, said once (Slack joins and topic changes)."""

    def extend(self, other: Parsed) -> None:
        self.records.extend(other.records)
        self.problems.extend(other.problems)
        self.notes.extend(other.notes)


@dataclass(frozen=True)
class ReadOptions:
    """How to read times a source leaves open."""

    day: date
    """The day a time without a date is on (--date, else the incident's day)."""
    zone: tzinfo = UTC
    """The zone of times written without one (--tz; UTC by default)."""
    zone_given: bool = False
    """Whether --tz was given: a CSV time without an offset needs it rather than a guess."""
    previous: datetime | None = None
    """The last event already in the session: pasted HH:MM times roll past midnight after it."""
    with_metadata: bool = False
    """Keep chat joins, leaves and topic changes as events."""


@contextmanager
def bulk() -> Iterator[None]:
    """Hold the cyclic garbage collector while a batch of records or events is built. The batch
    makes no reference cycles, but as tens of thousands of objects pile up the collector walks
    the whole heap again and again (measured: twice the time per event at 50,000); it runs as
    usual once the batch is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_KIND_PREFIX = re.compile(r"^(decision|observation|action|event)\s*:\s*", re.IGNORECASE)


def split_kind(description: str) -> tuple[EventKind, str]:
    """ "decision: Roll back" → (decision, "Roll back"); without a prefix, an event. Typed in
    the quick-add line, pasted, or written in a chat message, the prefix means the same."""
    match = _KIND_PREFIX.match(description)
    if not match:
        return EventKind.EVENT, description
    return EventKind(match[1].lower()), description[match.end() :]


def file_ref(name: str, line: int) -> str:
    """FILE:LINE with the file's name only: a reference kept in a postmortem should not carry
    the folders of whoever imported it."""
    return f"{PurePath(name).name or name}:{line}"


def shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- times -------------------------------------------------------------------------------------

_INSTANT = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$"
)


class NoZone(ValueError):
    """A time written without an offset where one is needed."""


def parse_instant(text: str, zone: tzinfo | None = UTC) -> datetime:
    """An RFC 3339 / ISO 8601 time as UTC. Fractions of any length are cut to microseconds (never
    rounded through a float); a time without an offset is in ``zone``, or refused when None."""
    match = _INSTANT.match(text.strip())
    if not match:
        raise ValueError("not an ISO 8601 time (like 2023-11-15T14:22:00Z)")
    year, month, day, hour, minute = (int(match[i]) for i in range(1, 6))
    second = int(match[6] or 0)
    micro = int((match[7] or "0")[:6].ljust(6, "0"))
    if match[8]:
        offset: tzinfo | None = UTC
    elif match[9]:
        delta = timedelta(hours=int(match[10]), minutes=int(match[11]))
        if delta >= timedelta(hours=24):
            raise ValueError("offset out of range")
        offset = timezone(delta if match[9] == "+" else -delta)
    else:
        offset = zone
    if offset is None:
        raise NoZone("no offset: give --tz or write the time with Z or +HH:MM")
    try:
        naive = datetime(year, month, day, hour, minute, min(second, 59), micro)
    except ValueError as error:
        raise ValueError(f"not a real date or time ({error})") from None
    if second == 60:  # a leap second is the instant before the next minute
        naive += timedelta(microseconds=999_999 - micro)
    return localize(naive, offset).astimezone(UTC)


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in ``zone``; the repeated hour of a daylight-saving change is refused,
    because either reading would be a guess."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} happened twice in {zone} (a daylight-saving change): "
            "write it with an offset"
        )
    return first


ROLLOVER = timedelta(hours=12)
"""A time of day more than this before the previous event, on the previous event's day, is on
the next day: the timeline moved past midnight."""


def dated_clock(
    clock: time, *, day: date, previous: datetime | None, zone: tzinfo = UTC
) -> datetime:
    """A time of day (a wall clock in ``zone``) given its date from what came before it.

    With nothing before it, it is on ``day`` (the incident's date, or --date). After an event,
    it is on that event's day (or ``day``, if later) — unless that puts it more than 12 hours
    before the event: then the timeline moved past midnight, and it is dated by the shortest
    step forward, the next day. So 23:50 then 00:10 is ten minutes later, 00:30 then 18:14 is
    the same day's evening, and going back a few minutes to fill in an earlier event stays on
    the same day."""
    if previous is None:
        return localize(datetime.combine(day, clock), zone).astimezone(UTC)
    base = max(day, previous.astimezone(zone).date())
    moment = localize(datetime.combine(base, clock), zone).astimezone(UTC)
    if previous - moment > ROLLOVER:
        later = datetime.combine(base + timedelta(days=1), clock)
        moment = localize(later, zone).astimezone(UTC)
    return moment


def epoch_seconds(text: str) -> datetime:
    """A UTC time from epoch seconds written as a string, "1700058120.000100" included: the
    whole and fractional parts are read apart, so no float rounds the microseconds."""
    whole, _, fraction = text.strip().partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError("not epoch seconds (like 1700058120.000100)")
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=int(whole), microseconds=micro)


_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def parse_zone(name: str) -> tzinfo:
    """--tz: UTC, an offset like +02:00 or UTC-5, or an IANA zone like Europe/Berlin."""
    text = name.strip()
    if text.upper() in ("UTC", "Z", "GMT", "ZULU"):
        return UTC
    offset = _OFFSET.match(text)
    if offset:
        delta = timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
        if delta > timedelta(hours=14):
            raise ValueError(f"{name!r} is not an offset: they go from -14:00 to +14:00")
        return timezone(delta if offset[1] == "+" else -delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{name!r} is not a time zone: use UTC, an offset like +02:00, "
            "or a zone name like Europe/Berlin"
        ) from None


# ---- JSON --------------------------------------------------------------------------------------


def load_json(text: str, file: str, *, line: int = 0) -> tuple[Any, Problem | None]:
    """Parsed JSON, or the problem naming the line it broke on."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as error:
        number = line or error.lineno
        lines = text.splitlines()
        shown = lines[error.lineno - 1] if 0 < error.lineno <= len(lines) else ""
        return None, Problem(
            file, f"invalid JSON ({error.msg}, column {error.colno})", shown, line=number
        )
    except RecursionError:
        return None, Problem(file, "invalid JSON: nested too deeply to read", line=line)


def json_documents(text: str, file: str) -> Iterator[tuple[int, Any] | Problem]:
    """Each JSON document in a file of one or many (one a line, or pretty-printed one after the
    other), with the line it starts on; a broken one is a problem and reading goes on at the
    next line."""
    decoder = json.JSONDecoder()
    pos, line = 0, 1
    while True:
        start = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        line += text.count("\n", pos, start)
        if start >= len(text):
            return
        try:
            value, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError as error:
            broken = text[start : text.find("\n", start) if "\n" in text[start:] else None]
            yield Problem(file, f"invalid JSON ({error.msg})", broken, line=error.lineno)
            newline = text.find("\n", start)
            if newline < 0:
                return
            pos = newline + 1
            line = text.count("\n", 0, pos) + 1
            continue
        except RecursionError:
            yield Problem(file, "invalid JSON: nested too deeply to read", line=line)
            return
        yield line, value
        line += text.count("\n", start, end)
        pos = end


_SPACE = re.compile(r"[\s\ufeff]*")


def text_field(value: Any) -> str:
    """A JSON value that should be a string, as one (absent or null: empty)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def dig(value: Any, *keys: str) -> Any:
    """``value[k1][k2]…``, or None where any level is missing or not an object."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


_CLOCK_ONLY = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_moment(text: str, *, day: date, zone: tzinfo) -> datetime:
    """--since / --until: an ISO time (its offset, else ``zone``), or HH:MM[:SS] on ``day``."""
    clock = _CLOCK_ONLY.match(text.strip())
    if clock:
        hours, minutes, seconds = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ValueError(f"{text!r} is not a time of day")
        naive = datetime(day.year, day.month, day.day, hours, minutes, seconds)
        return localize(naive, zone).astimezone(UTC)
    try:
        return parse_instant(text, zone)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a time: use 2023-11-15T14:00Z, '2023-11-15 14:00' or 14:00"
        ) from None

"""Provides reading the date and time written at the start of a line of a published timeline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, time, timedelta, timezone, tzinfo


class StampError(ValueError):
    """The line starts with a time, but not one that can be read without guessing."""


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

ZONES: dict[str, int] = {
    "PST": -8 * 60,
    "PDT": -7 * 60,
    "MST": -7 * 60,
    "MDT": -6 * 60,
    "EST": -5 * 60,
    "EDT": -4 * 60,
    "AKST": -9 * 60,
    "AKDT": -8 * 60,
    "HST": -10 * 60,
    "WET": 0,
    "WEST": 60,
    "CET": 60,
    "CEST": 2 * 60,
    "EET": 2 * 60,
    "EEST": 3 * 60,
    "MSK": 3 * 60,
    "HKT": 8 * 60,
    "SGT": 8 * 60,
    "JST": 9 * 60,
    "KST": 9 * 60,
    "AEST": 10 * 60,
    "AEDT": 11 * 60,
    "NZST": 12 * 60,
    "NZDT": 13 * 60,
}
"""Zone abbreviations that mean one offset wherever they are written."""

AMBIGUOUS_ZONES = {"CST", "CDT", "IST", "BST", "AST", "ADT", "GST", "SST"}
"""Abbreviations used for several zones (CST: US Central or China; IST: India, Ireland or
Israel; BST: British Summer or Bangladesh): refused rather than guessed."""

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})(?![\d:])"
_DATE_END = r"(?=$|[\sT,.:;|)\]*_-])"

_LEAD = re.compile(
    r"(?P<open>[*_`\[(]*)\s*"
    r"(?:(?:at|from|on|by)\s+|update[ds]?\s*[:–—-]?\s*)?"  # "Update 6:14pm UTC: …", a blog's
    r"(?P<approx>(?:~|≈|about|around|approx(?:\.|imately)?|roughly|circa|ca\.)\s*)?"
    r"(?P<open2>[*_`\[(]*)",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_DATE_END}")
_SLASH_DATE = re.compile(rf"(\d{{4}})/(\d{{1,2}})/(\d{{1,2}}){_DATE_END}")
_DAY_MONTH = re.compile(
    rf"{_WEEKDAY}(\d{{1,2}}){_ORDINAL}\s+{_MONTH}(?:,?\s+{_YEAR})?{_DATE_END}", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    rf"{_WEEKDAY}{_MONTH}\s+(\d{{1,2}}){_ORDINAL}(?:,?\s+{_YEAR})?{_DATE_END}", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![\d/])")
_JOIN = re.compile(r"(?:T|\s*,?\s*(?:at\s+)?)", re.IGNORECASE)
_CLOCK = re.compile(
    r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:\s*([ap])\.?m\b\.?)?(?!\d|:\d)"
    r"|(\d{1,2})\s*([ap])\.?m\b\.?",
    re.IGNORECASE,
)
_UNSURE = re.compile(r"[?xX]{1,2}:[\d?xX]{2}|\d{1,2}:(?:[?xX]{2}|\d[?xX])|\d[?xX]:[\d?xX]{2}")
_ALTERNATIVE = re.compile(r"\s*/\s*\d{1,2}:\d{2}")
_APPROX_AFTER = re.compile(r"\s*-?\s*ish\b|\s*\(?(?:approx(?:\.|imately)?|ca\.)\)?", re.I)
_ZONE = re.compile(
    r"\s*\(?\s*(?:(?P<utc>Z(?![A-Za-z])|(?i:UTC|GMT))(?:\s*(?P<us>[+-])(?P<uh>\d{1,2})(?::?(?P<um>\d{2}))?)?"
    r"|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})(?!\d)"
    r"|(?P<abbr>[A-Z]{2,4}T)(?![A-Za-z]))\s*\)?"
)
_RANGE = re.compile(r"\s*(?:-|–|—|to|until|till)\s*", re.IGNORECASE)
_CLOSE = re.compile(r"^[\s*_`\])]*")
_SEPARATOR = re.compile(r"^\s*(?:—|–|->|=>|-{1,2}|:|\||,|\.(?!\.)|>)?\s*")
ZONE_NOTE = re.compile(
    r"\b(?:all\s+)?times\s+(?:are\s+|shown\s+)?(?:in\s+)?(?P<zone>UTC|GMT|[A-Z]{2,4}T|"
    r"(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stamp:
    """What the start of a line says about when."""

    day: date | None
    """The full date written on the line."""
    month_day: tuple[int, int] | None
    """A month and day written without a year."""
    clock: time | None
    zone: tzinfo | None
    """The zone written after the time."""
    approximate: bool
    until: time | None
    """The end of a range like 23:00 - 00:00."""
    rest: str
    """The text after the date and time."""


def read_stamp(body: str) -> Stamp | None:
    """The date and time at the start of ``body`` (list markers already removed), or None when
    it does not start with one; `StampError` when it does but reading it would be a guess."""
    lead = _LEAD.match(body)
    assert lead is not None  # every part of it is optional
    pos = lead.end()
    approximate = bool(lead["approx"])
    wrapped = bool(lead["open"] or lead["open2"])
    numeric = _NUMERIC_DATE.match(body, pos)
    if numeric:
        raise StampError(
            f"{numeric[0]} could be day/month or month/day: write the date as YYYY-MM-DD"
        )
    day, month_day, pos = _read_date(body, pos)
    if day is not None or month_day is not None:
        joined = _JOIN.match(body, pos)
        if joined and _CLOCK.match(body, joined.end()):
            pos = joined.end()
    clock_match = _CLOCK.match(body, pos)
    if clock_match is None:
        if _UNSURE.match(body, pos):
            raise StampError("the time is not known exactly: write ~HH:MM, or leave it out")
        if day is None and month_day is None:
            return None
        return Stamp(day, month_day, None, None, approximate, None, _after(body, pos, wrapped))
    clock = _clock(clock_match)
    pos = clock_match.end()
    if _ALTERNATIVE.match(body, pos):
        raise StampError("two times given: keep the one that is right")
    approx_after = _APPROX_AFTER.match(body, pos)
    if approx_after:
        approximate, pos = True, approx_after.end()
    until, zone = None, None
    if day is None and month_day is None:  # "14:00-14:30" is a range; after a date, an offset
        until, zone, pos = _read_range(body, pos)
    if until is None:
        zone, pos = _read_zone(body, pos)
        until, zone_after, pos = _read_range(body, pos)
        zone = zone or zone_after
    return Stamp(day, month_day, clock, zone, approximate, until, _after(body, pos, wrapped))


def _read_range(body: str, pos: int) -> tuple[time | None, tzinfo | None, int]:
    ranged = _RANGE.match(body, pos)
    end = _CLOCK.match(body, ranged.end()) if ranged else None
    if end is None:
        return None, None, pos
    pos = end.end()
    more = _APPROX_AFTER.match(body, pos)
    zone, pos = _read_zone(body, more.end() if more else pos)
    return _clock(end), zone, pos


def _read_date(body: str, pos: int) -> tuple[date | None, tuple[int, int] | None, int]:
    for pattern in (_ISO_DATE, _SLASH_DATE):
        found = pattern.match(body, pos)
        if found:
            return _date(int(found[1]), int(found[2]), int(found[3])), None, found.end()
    found = _DAY_MONTH.match(body, pos)
    if found:
        day, month, year = int(found[1]), MONTHS[found[2].lower()], found[3]
        return _dated(year, month, day, found.end())
    found = _MONTH_DAY.match(body, pos)
    if found:
        month, day, year = MONTHS[found[1].lower()], int(found[2]), found[3]
        return _dated(year, month, day, found.end())
    return None, None, pos


def _dated(
    year: str | None, month: int, day: int, end: int
) -> tuple[date | None, tuple[int, int] | None, int]:
    if year:
        return _date(int(year), month, day), None, end
    _date(2000, month, day)  # a leap year: only checks that the day exists in the month
    return None, (month, day), end


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise StampError(f"{year:04d}-{month:02d}-{day:02d} is not a real date") from None


def _clock(found: re.Match[str]) -> time:
    if found[6]:
        hours, minutes, seconds, fraction, meridiem = int(found[6]), 0, 0, "", found[7]
    else:
        hours, minutes = int(found[1]), int(found[2])
        seconds, fraction, meridiem = int(found[3] or 0), found[4] or "", found[5]
    if meridiem:
        if not 1 <= hours <= 12:
            raise StampError(f"{found[0]!r}: with AM/PM, hours go from 1 to 12")
        hours = hours % 12 + (12 if meridiem.lower() == "p" else 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise StampError(
            f"{found[0]!r} is not a time of day: hours go to 23, minutes and seconds to 59"
        )
    return time(hours, minutes, seconds, int(fraction[:6].ljust(6, "0")) if fraction else 0)


def _read_zone(body: str, pos: int) -> tuple[tzinfo | None, int]:
    found = _ZONE.match(body, pos)
    if not found:
        return None, pos
    if found["utc"]:
        if not found["us"]:
            return UTC, found.end()
        minutes = int(found["uh"]) * 60 + int(found["um"] or 0)
        return _offset(-minutes if found["us"] == "-" else minutes), found.end()
    if found["sign"]:
        minutes = int(found["oh"]) * 60 + int(found["om"])
        return _offset(-minutes if found["sign"] == "-" else minutes), found.end()
    name = found["abbr"]
    if name in AMBIGUOUS_ZONES:
        raise StampError(f"{name} names several time zones: write the offset, e.g. -06:00")
    if name in ZONES:
        return _offset(ZONES[name]), found.end()
    return None, pos


def zone_named(name: str) -> tzinfo | None:
    """The zone of an "all times PST" note, or None when it is not one we can be sure of."""
    text = " " + name.strip()
    try:
        zone, end = _read_zone(text, 0)
    except StampError:
        return None
    return zone if end == len(text) else None


def _offset(minutes: int) -> tzinfo:
    if abs(minutes) > 14 * 60:
        raise StampError("offsets go from -14:00 to +14:00")
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


def _after(body: str, pos: int, wrapped: bool) -> str:
    """The text after the stamp, without the wrappers and separator around it."""
    rest = body[pos:]
    for _ in range(2):
        if wrapped:
            rest = _CLOSE.sub("", rest, count=1)
        rest = _SEPARATOR.sub("", rest, count=1)
    return rest.lstrip("—–-|: ").strip()

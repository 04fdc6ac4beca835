"""Provides timeline logic without a UI: time parsing, imports, gaps, key times and edits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from agenda.history import Edit, append_item, index_of
from agenda.model import Event, EventKind, EventSource, KeyTime, Session
from agenda.queries import get, key_times_of, outside_incident


class TimeParseError(ValueError):
    """A time the user typed could not be read; the message says what is accepted."""


ACCEPTED = (
    "use HH:MM, HH:MM:SS, YYYY-MM-DD HH:MM, an ISO time like 2024-01-15T14:05Z, or +5m / +90s"
)

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?$", re.IGNORECASE)
_DAY_CLOCK = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)$")
_RELATIVE = re.compile(r"^([+-])(\d+)\s*(s|sec|m|min|h)$", re.IGNORECASE)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", re.I)


def _clock(text: str) -> time:
    match = _CLOCK.match(text)
    if not match:
        raise TimeParseError(f"{text!r} is not a time: {ACCEPTED}")
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hours <= 12:
            raise TimeParseError(f"{text!r} is not a time: with AM/PM, hours go from 1 to 12")
        hours = hours % 12 + (12 if match[4].lower() == "p" else 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise TimeParseError(
            f"{text!r} is not a time of day: hours go to 23, minutes and seconds to 59"
        )
    return time(hours, minutes, seconds)


def parse_time(
    text: str,
    *,
    day: date,
    previous: datetime | None = None,
    selected: datetime | None = None,
) -> datetime:
    """A UTC time from what the room called out.

    An HH:MM is dated ``day`` (the incident's date) when nothing came before it, else from
    ``previous`` (the event entered just before it) by `dated_clock`: walking a timeline past
    midnight carries on into the next day, and going back a little to an earlier hour does
    not. ``selected`` anchors +5m / +90s. A time that would fall outside the years 1 to 9999
    (``0001-01-01T00:00+05:00`` is the year 0 in UTC) is a `TimeParseError` like any other.
    """
    try:
        return _parse_time(text, day=day, previous=previous, selected=selected)
    except TimeParseError:
        raise
    except (OverflowError, ValueError):
        raise TimeParseError(
            f"{text.strip()!r} is out of range: times go from the year 1 to 9999 in UTC"
        ) from None


def _parse_time(
    text: str, *, day: date, previous: datetime | None, selected: datetime | None
) -> datetime:
    text = text.strip()
    if not text:
        raise TimeParseError(f"no time given: {ACCEPTED}")
    relative = _RELATIVE.match(text)
    if relative:
        if selected is None:
            raise TimeParseError(f"{text!r} is relative, but no event is selected to count from")
        amount = (
            int(relative[2])
            * {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}[relative[3].lower()]
        )
        return selected + timedelta(seconds=amount if relative[1] == "+" else -amount)
    if _ISO.match(text):
        try:
            parsed = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
        except ValueError:
            raise TimeParseError(f"{text!r} is not a valid ISO 8601 time") from None
        return parsed.astimezone(UTC)
    dated = _DAY_CLOCK.match(text)
    if dated:
        try:
            on = date.fromisoformat(dated[1])
        except ValueError:
            raise TimeParseError(f"{dated[1]!r} is not a valid date") from None
        return datetime.combine(on, _clock(dated[2]), UTC)
    from agenda.sources.records import dated_clock  # the readers: not on the way to a session

    return dated_clock(_clock(text), day=day, previous=previous)


def split_quick_add(line: str) -> tuple[str, str]:
    """ "14:05 Error rate crosses 5%" → ("14:05", "Error rate crosses 5%")."""
    line = line.strip()
    first, _, rest = line.partition(" ")
    if re.match(r"^\d{4}-\d{2}-\d{2}$", first):
        second, _, rest = rest.strip().partition(" ")
        return f"{first} {second}", rest.strip()
    meridiem = re.match(r"^([ap]\.?m\.?)(?:\s+|$)", rest.strip(), re.IGNORECASE)
    if meridiem and re.match(r"^\d{1,2}:\d{2}", first):
        return f"{first} {meridiem[1]}", rest.strip()[meridiem.end() :].strip()
    return first, rest.strip()


def split_approximate(when: str) -> tuple[str, bool]:
    """ "~14:05" → ("14:05", True): a time the room is not sure of ("around five past")."""
    when = when.strip()
    if when.startswith("~"):
        return when[1:].strip(), True
    return when, False


def incident_day(session: Session) -> date:
    """The day an HH:MM refers to: the incident's date, else the impact start, else the first
    event, else the meeting."""
    if session.incident.date is not None:
        return session.incident.date
    times = session.incident.times
    for moment in (times.impact_start, times.detected):
        if moment is not None:
            return moment.date()
    if session.timeline:
        return min(e.at for e in session.timeline).date()
    if session.meeting.date is not None:
        return session.meeting.date
    return datetime.now(UTC).date()


def last_event_time(session: Session) -> datetime | None:
    """The time of the event entered last: the room's place in its walk through the timeline."""
    return session.timeline[-1].at if session.timeline else None


# ---- importing pasted timelines --------------------------------------------------------


def new_event(
    session: Session,
    at: datetime,
    description: str,
    *,
    source: EventSource = EventSource.HUMAN,
    kind: EventKind = EventKind.EVENT,
    known: str = "",
    approximate: bool = False,
    taken: Iterable[str] = (),
) -> Event:
    """A new event with a fresh id (not yet added to the session; nor is any of ``taken``)."""
    return Event(
        id=session.next_id("E", taken),
        at=at,
        description=description,
        source=source,
        kind=kind,
        known=known,
        approximate=approximate,
    )


_KINDS = {kind.value for kind in EventKind}
_SOURCES = {source.value for source in EventSource}
_PREFIX = re.compile("^(" + "|".join(sorted(_KINDS | _SOURCES)) + r")\s*:\s*", re.IGNORECASE)


def split_prefixes(text: str) -> tuple[EventKind | None, EventSource | None, str]:
    """ "decision: alert: Page fires" → (decision, alert, "Page fires"): a kind and a source
    named before the text, in either order; a second kind or source is text."""
    kind: EventKind | None = None
    source: EventSource | None = None
    while match := _PREFIX.match(text):
        word = match[1].lower()
        if word in _KINDS and kind is None:
            kind = EventKind(word)
        elif word in _SOURCES and source is None:
            source = EventSource(word)
        else:
            break
        text = text[match.end() :]
    return kind, source, text


@dataclass(frozen=True)
class Entry:
    """What a quick-add line adds, and whether its time looks misdated."""

    event: Event
    outside: str = ""
    """Why the event's time falls outside the incident ("" when it does not): say it where the
    line was typed, since a time without a date was dated for the user."""


def read_quick_add(session: Session, line: str, *, selected: datetime | None = None) -> Event:
    """The new event a quick-add line describes; see `quick_add`."""
    return quick_add(session, line, selected=selected).event


def quick_add(
    session: Session, line: str, *, selected: datetime | None = None, taken: Iterable[str] = ()
) -> Entry:
    """The new event a quick-add line describes: "14:05 Alert fires", with a kind and a source
    before or after the time in any order ("decision: 14:32 Roll back", "14:05 alert: Page
    fires", "alert: decision: 14:05 …"); "+5m …" counts from the ``selected`` event's time,
    and "~14:05 …" is an approximate time. Its id is none of ``taken`` (lines added just before
    it, not yet in the session). `TimeParseError` says what to type instead."""
    kind, source, rest = split_prefixes(line.strip())
    when, rest = split_quick_add(rest)
    when, approximate = split_approximate(when)
    if not when:
        raise TimeParseError("Start the line with a time, e.g. 14:05 decision: Roll back to v3.1.")
    more_kind, more_source, description = split_prefixes(rest)
    if kind and more_kind and kind is not more_kind:
        raise TimeParseError(f"Two kinds given ({kind.value}, {more_kind.value}): keep one.")
    if source and more_source and source is not more_source:
        raise TimeParseError(f"Two sources given ({source.value}, {more_source.value}): keep one.")
    if not description.strip():
        raise TimeParseError(
            f"Add what happened after the time, e.g. {when or '14:05'} Alert fires."
        )
    previous = last_event_time(session)
    at = parse_time(when, day=incident_day(session), previous=previous, selected=selected)
    event = new_event(
        session,
        at,
        description.strip(),
        kind=kind or more_kind or EventKind.EVENT,
        source=source or more_source or EventSource.HUMAN,
        approximate=approximate,
        taken=taken,
    )
    return Entry(event, outside_incident(session, at))


# ---- edits, undoable -------------------------------------------------------------------------


def add_event(event: Event) -> Edit:
    """Add an event (made with `new_event`)."""
    return append_item(lambda s: s.timeline, event, f"add {event.id}")


def delete_event(session: Session, event_id: str) -> Edit:
    """Remove an event. Dissent about it stays, about nothing; a key time it marks is cleared
    (the metrics would otherwise count a moment no event shows); undo puts all back."""
    index = index_of(session.timeline, event_id)
    event = session.timeline[index]
    ref = f"event:{event_id}"
    about_it = [view.id for view in session.dissent if view.about == ref]
    marks = key_times_of(session, event_id)

    def apply(session: Session) -> None:
        del session.timeline[index_of(session.timeline, event_id)]
        for view in session.dissent:
            if view.id in about_it:
                view.about = ""
        for key in marks:
            setattr(session.incident.key_events, key.value, "")
            setattr(session.incident.times, key.value, None)

    def revert(session: Session) -> None:
        session.timeline.insert(min(index, len(session.timeline)), event)
        for view in session.dissent:
            if view.id in about_it:
                view.about = ref
        for key in marks:
            setattr(session.incident.key_events, key.value, event_id)
            setattr(session.incident.times, key.value, event.at)

    return Edit(
        f"delete {event_id}", apply, revert, frozenset({event_id, *about_it}), metrics=bool(marks)
    )


def replace_event(session: Session, changed: Event) -> Edit:
    """Replace an event by one with the same id; the key times it marks follow a new time."""
    index = index_of(session.timeline, changed.id)
    before = session.timeline[index]
    following = key_times_of(session, changed.id) if changed.at != before.at else []

    def put(session: Session, event: Event) -> None:
        session.timeline[index_of(session.timeline, event.id)] = event
        for key in following:
            setattr(session.incident.times, key.value, event.at)

    return Edit(
        f"edit {changed.id}",
        lambda s: put(s, changed),
        lambda s: put(s, before),
        frozenset({changed.id}),
        metrics=bool(following),
    )


def mark_key_event(session: Session, key: KeyTime, event_id: str | None) -> Edit:
    """Mark an event as one of the incident's key moments (it takes the event's time, and the
    event it was on before loses the label), or clear that key moment (``event_id`` None)."""
    key = KeyTime(key)
    moment = get(session.timeline, event_id).at if event_id else None
    return _key_edit(session, key, event_id or "", moment)


def set_key_time(session: Session, key: KeyTime, moment: datetime | None) -> Edit:
    """Set (or clear) a key moment at a time of its own, carried by no event: for a moment the
    timeline does not hold (the impact started before anyone wrote anything down)."""
    return _key_edit(session, KeyTime(key), "", moment)


def _key_edit(session: Session, key: KeyTime, event_id: str, moment: datetime | None) -> Edit:
    before = (
        getattr(session.incident.key_events, key.value),
        getattr(session.incident.times, key.value),
    )
    after = (event_id, moment)

    def put(session: Session, value: tuple[str, datetime | None]) -> None:
        setattr(session.incident.key_events, key.value, value[0])
        setattr(session.incident.times, key.value, value[1])

    touched = frozenset(filter(None, (before[0], event_id)))
    label = f"mark {key.label}" if moment is not None else f"clear {key.label}"
    return Edit(label, lambda s: put(s, after), lambda s: put(s, before), touched, metrics=True)

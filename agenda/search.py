"""Provides the postmortem database's questions: incident and action filters, completion rates,
recurring services, tags and factor categories, and duration distributions."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from agenda.repository import ActionRecord, SessionRecord
from agenda.vocabulary import ActionStatus, FactorCategory, FactorGap, Severity

YEAR = timedelta(days=365)


class QueryError(ValueError):
    """A filter value that cannot be understood; the message says what would be."""


_AGE = re.compile(r"(\d{1,5})\s*([dw])")
_DURATION_PART = re.compile(r"(\d{1,6})\s*([dhms])")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_age(text: str) -> timedelta:
    """ "60d" or "8w"."""
    found = _AGE.fullmatch(text.strip().lower())
    if not found:
        raise QueryError(f"{text!r} is not an age: write days or weeks, like 60d or 8w")
    return timedelta(days=int(found[1]) * (7 if found[2] == "w" else 1))


def parse_duration(text: str) -> timedelta:
    """ "2h", "90m", "1h30m", "1d", "45s"."""
    cleaned = text.strip().lower().replace(" ", "")
    parts = _DURATION_PART.findall(cleaned)
    if not cleaned or "".join(n + u for n, u in parts) != cleaned:
        raise QueryError(f"{text!r} is not a duration: write it like 2h, 90m or 1h30m")
    return timedelta(seconds=sum(int(n) * _UNITS[u] for n, u in parts))


def parse_day(text: str, today: date) -> date:
    """A date (2024-01-31), or an age before today (90d, 12w)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        return today - parse_age(text)
    except QueryError:
        raise QueryError(
            f"{text!r} is not a date: write it like 2024-01-31, or an age like 90d"
        ) from None


def _key(name: str) -> str:
    return name.strip().removeprefix("@").casefold()


def _any_of(wanted: Sequence[str], have: Iterable[str]) -> bool:
    if not wanted:
        return True
    names = {_key(name) for name in have}
    return any(_key(name) in names for name in wanted)


# ---- action items -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionQuery:
    """`facilitator actions` filters; a repeated filter matches any of its values."""

    today: date
    open_only: bool = False
    overdue: bool = False
    owners: Sequence[str] = ()
    services: Sequence[str] = ()
    older_than: timedelta | None = None

    def in_scope(self, action: ActionRecord) -> bool:
        """Whether the action counts for the completion rates: every filter but the status ones,
        so "--owner alice --open" lists her open actions and rates all of hers."""
        if not _any_of(self.owners, [action.owner]):
            return False
        if not _any_of(self.services, action.session.services):
            return False
        if self.older_than is not None:
            promised = action.session.promised
            return promised is not None and promised <= self.today - self.older_than
        return True

    def matches(self, action: ActionRecord) -> bool:
        if self.open_only and not action.is_open:
            return False
        if self.overdue and not action.overdue_days(self.today):
            return False
        return self.in_scope(action)


def promise_order(action: ActionRecord) -> tuple[bool, date, date, str, int]:
    """Open before closed; among them the oldest promise first, then the earliest due date."""
    number = int(action.id[1:]) if action.id[1:].isdigit() else 0
    return (
        not action.is_open,
        action.session.promised or date.max,
        action.due or date.max,
        str(action.session.path),
        number,
    )


def select_actions(actions: Iterable[ActionRecord], query: ActionQuery) -> list[ActionRecord]:
    return sorted((a for a in actions if query.matches(a)), key=promise_order)


@dataclass
class Completion:
    """How many promises were kept."""

    done: int = 0
    open: int = 0
    in_progress: int = 0
    wont_do: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done + self.open + self.in_progress + self.wont_do

    @property
    def rate(self) -> float | None:
        """Done out of every action not dropped (won't do is a decision, not a miss)."""
        kept = self.total - self.wont_do
        return self.done / kept if kept else None

    def add(self, action: ActionRecord, today: date) -> None:
        names = {
            ActionStatus.DONE: "done",
            ActionStatus.OPEN: "open",
            ActionStatus.IN_PROGRESS: "in_progress",
            ActionStatus.WONT_DO: "wont_do",
        }
        name = names[action.status]
        setattr(self, name, getattr(self, name) + 1)
        self.overdue += bool(action.overdue_days(today))

    def line(self) -> str:
        """ "5 of 17 done (29%)"."""
        rate = self.rate
        kept = self.total - self.wont_do
        return f"{self.done} of {kept} done" + (f" ({rate:.0%})" if rate is not None else "")

    def as_dict(self) -> dict[str, int | float | None]:
        rate = self.rate
        return {
            "done": self.done,
            "open": self.open,
            "in_progress": self.in_progress,
            "wont_do": self.wont_do,
            "overdue": self.overdue,
            "total": self.total,
            "rate": round(rate, 4) if rate is not None else None,
        }


def month_of(action: ActionRecord) -> str:
    promised = action.session.promised
    return promised.strftime("%Y-%m") if promised else "undated"


@dataclass
class Rates:
    """Completion overall, by the month it was promised, and by the incident's severity."""

    overall: Completion = field(default_factory=Completion)
    by_month: dict[str, Completion] = field(default_factory=dict)
    by_severity: dict[str, Completion] = field(default_factory=dict)
    by_type: dict[str, Completion] = field(default_factory=dict)


def completion_rates(actions: Iterable[ActionRecord], today: date) -> Rates:
    rates = Rates()
    groups: list[tuple[dict[str, Completion], Callable[[ActionRecord], str]]] = [
        (rates.by_month, month_of),
        (rates.by_severity, lambda a: a.session.severity.value),
        (rates.by_type, lambda a: a.type.value),
    ]
    for action in actions:
        rates.overall.add(action, today)
        for table, key in groups:
            table.setdefault(key(action), Completion()).add(action, today)
    rates.by_month = dict(sorted(rates.by_month.items()))
    rates.by_severity = dict(sorted(rates.by_severity.items()))
    rates.by_type = dict(sorted(rates.by_type.items()))
    return rates


# ---- incidents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentQuery:
    """`facilitator search` filters (the words are matched while reading, see `scan_folder`)."""

    services: Sequence[str] = ()
    severities: Sequence[Severity] = ()
    since: date | None = None
    until: date | None = None
    tags: Sequence[str] = ()
    categories: Sequence[str] = ()
    """Factor categories or gaps (technical, monitoring…); any factor of the incident counts."""
    ttm_over: timedelta | None = None

    def matches(self, record: SessionRecord) -> bool:
        if self.severities and record.severity not in self.severities:
            return False
        if (self.since or self.until) and record.day is None:
            return False
        if self.since and record.day is not None and record.day < self.since:
            return False
        if self.until and record.day is not None and record.day > self.until:
            return False
        if self.ttm_over is not None and not (
            record.time_to_mitigate is not None and record.time_to_mitigate > self.ttm_over
        ):
            return False
        if not _any_of(self.services, record.services) or not _any_of(self.tags, record.tags):
            return False
        kinds = [f.category.value for f in record.factors]
        kinds += [f.gap.value for f in record.factors if f.gap is not None]
        return _any_of(self.categories, kinds)


CATEGORY_NAMES = [c.value for c in FactorCategory] + [
    g.value for g in FactorGap if g.value not in {c.value for c in FactorCategory}
]


def check_category(name: str) -> str:
    if name.strip().casefold() not in CATEGORY_NAMES:
        raise QueryError(f"no factor category {name!r}; use one of: {', '.join(CATEGORY_NAMES)}")
    return name.strip().casefold()


def newest_first(records: Iterable[SessionRecord]) -> list[SessionRecord]:
    return sorted(records, key=lambda r: (r.day is None, -(r.day or date.min).toordinal(), r.path))


def select_incidents(records: Iterable[SessionRecord], query: IncidentQuery) -> list[SessionRecord]:
    return newest_first(r for r in records if query.matches(r))


@dataclass
class Count:
    """How often a service, tag or factor category came up."""

    name: str
    incidents: int = 0
    last_12_months: int = 0
    factors: int = 0
    latest: SessionRecord | None = None

    def headline(self, what: str) -> str:
        """ "3rd incident on orders-db in the last 12 months (latest INC-7, 2024-05-02)"."""
        recent = self.last_12_months
        text = (
            f"{ordinal(recent)} incident {what} {self.name} in the last 12 months"
            if recent >= 2
            else f"{self.incidents} incidents {what} {self.name}"
        )
        if self.latest is not None:
            text += f" (latest {self.latest.name}, {self.latest.day or 'undated'})"
        return text


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


@dataclass
class Recurrence:
    """Counts over a set of incidents, most frequent first."""

    services: list[Count]
    tags: list[Count]
    categories: list[Count]
    gaps: list[Count]


def recurrence(records: Sequence[SessionRecord], today: date) -> Recurrence:
    tables: dict[str, dict[str, Count]] = {"services": {}, "tags": {}, "categories": {}, "gaps": {}}
    for record in records:
        names = {
            "services": list(record.services),
            "tags": list(record.tags),
            "categories": [f.category.value for f in record.factors],
            "gaps": [f.gap.value for f in record.factors if f.gap is not None],
        }
        for group, found in names.items():
            for name in dict.fromkeys(found):
                count = tables[group].setdefault(_key(name), Count(name))
                count.incidents += 1
                count.factors += found.count(name) if group in ("categories", "gaps") else 0
                if record.day is not None and record.day > today - YEAR:
                    count.last_12_months += 1
                if count.latest is None or (record.day or date.min) > (
                    count.latest.day or date.min
                ):
                    count.latest = record

    def ordered(group: str) -> list[Count]:
        return sorted(tables[group].values(), key=lambda c: (-c.incidents, c.name.casefold()))

    return Recurrence(ordered("services"), ordered("tags"), ordered("categories"), ordered("gaps"))


# ---- durations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Distribution:
    """Nearest-rank quantiles of a set of durations."""

    count: int
    median: timedelta | None
    p90: timedelta | None
    longest: timedelta | None


def distribution(values: Iterable[timedelta | None]) -> Distribution:
    known = sorted(v for v in values if v is not None and v >= timedelta(0))
    if not known:
        return Distribution(0, None, None, None)

    def rank(share: float) -> timedelta:
        return known[max(0, math.ceil(len(known) * share) - 1)]

    return Distribution(len(known), rank(0.5), rank(0.9), known[-1])


BUCKETS: list[tuple[str, timedelta]] = [
    ("under 5 min", timedelta(minutes=5)),
    ("5–15 min", timedelta(minutes=15)),
    ("15–30 min", timedelta(minutes=30)),
    ("30–60 min", timedelta(hours=1)),
    ("1–2 h", timedelta(hours=2)),
    ("2–4 h", timedelta(hours=4)),
    ("4 h or more", timedelta.max),
]


def bucket_counts(values: Iterable[timedelta | None]) -> list[int]:
    """How many durations fall in each of `BUCKETS` (upper bounds exclusive)."""
    counts = [0] * len(BUCKETS)
    for value in values:
        if value is None or value < timedelta(0):  # key times out of order: no duration
            continue
        index = next(i for i, (_, upper) in enumerate(BUCKETS) if value < upper)
        counts[index] += 1
    return counts

"""Provides the quarterly review report: a Markdown summary of a folder of postmortems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from agenda.markdown import cell, inline, table
from agenda.model import format_duration
from agenda.repository import ActionRecord, Scan, SessionRecord
from agenda.search import (
    BUCKETS,
    Completion,
    Count,
    bucket_counts,
    completion_rates,
    distribution,
    newest_first,
    promise_order,
    recurrence,
)
from agenda.visible import visible
from agenda.vocabulary import Severity

OLDEST_PROMISES = 15
TOP_TAGS = 15


@dataclass(frozen=True)
class Period:
    """The incidents a report covers: their days within ``since`` … ``until`` (either open)."""

    since: date | None = None
    until: date | None = None

    def holds(self, record: SessionRecord) -> bool:
        if self.since is None and self.until is None:
            return True
        day = record.day
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def title(self, records: Sequence[SessionRecord]) -> str:
        days = sorted(r.day for r in records if r.day is not None)
        start = self.since or (days[0] if days else None)
        end = self.until or (days[-1] if days else None)
        if start is None or end is None:
            return "all postmortems"
        return f"{start.isoformat()} to {end.isoformat()}"


def report_markdown(scan: Scan, today: date, period: Period | None = None, where: str = "") -> str:
    """The report over the postmortems of ``scan`` that fall in ``period``."""
    period = period or Period()
    records = newest_first(r for r in scan.records if period.holds(r))
    actions = [a for r in records for a in r.actions]
    intro = (
        f"{len(records)} postmortem(s)"
        + (f" from {inline(where)}" if where else "")
        + f", as of {today.isoformat()}."
    )
    if scan.skipped:
        intro += f" {len(scan.skipped)} file(s) could not be read and are listed at the end."
    sections = [
        f"# Postmortem review: {period.title(records)}\n\n{intro}",
        _section("Incidents by severity", _by_severity(records)),
        _section("Incidents by service", _by_service(records, today)),
        _section("Time to detect and to mitigate", _durations(records)),
        _section("Contributing factors", _factors(records, today)),
        _section("Tags", _tags(records, today)),
        _section("Action items", _completion(actions, today)),
        _section("Oldest open promises", _oldest(actions, today)),
        _section("Incidents", _incidents(records)),
    ]
    if scan.skipped:
        lines = [f"- {inline(str(s.path))}: {inline(s.reason)}" for s in scan.skipped]
        sections.append(_section("Files that could not be read", "\n".join(lines)))
    # Titles and file names come from other people's files: no control character goes through.
    return visible("\n\n".join(sections) + "\n", keep="\n")


def _section(title: str, body: str) -> str:
    return f"## {title}\n\n{body}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def _by_severity(records: Sequence[SessionRecord]) -> str:
    if not records:
        return "_No incidents in this period._"
    rows = []
    for severity in Severity:
        these = [r for r in records if r.severity is severity]
        ttm = distribution(r.time_to_mitigate for r in these)
        rows.append(
            (
                severity.value,
                str(len(these)),
                _share(len(these), len(records)),
                format_duration(ttm.median),
            )
        )
    return table(["Severity", "Incidents", "Share", "Median time to mitigate"], rows)


def _by_service(records: Sequence[SessionRecord], today: date) -> str:
    services = recurrence(records, today).services
    if not services:
        return "_No services recorded._"
    rows = []
    for count in services:
        these = [r for r in records if count.name.casefold() in {s.casefold() for s in r.services}]
        per_severity = [str(sum(r.severity is s for r in these)) for s in Severity]
        rows.append((cell(count.name), str(count.incidents), *per_severity, _latest(count)))
    return table(["Service", "Incidents", *(s.value for s in Severity), "Latest"], rows)


def _latest(count: Count) -> str:
    latest = count.latest
    if latest is None:
        return "—"
    return f"{cell(latest.name)} ({latest.day.isoformat() if latest.day else 'undated'})"


def _durations(records: Sequence[SessionRecord]) -> str:
    detect = [r.time_to_detect for r in records]
    mitigate = [r.time_to_mitigate for r in records]
    rows = []
    for name, values in (("Time to detect", detect), ("Time to mitigate", mitigate)):
        shape = distribution(values)
        rows.append(
            (
                name,
                str(shape.count),
                format_duration(shape.median),
                format_duration(shape.p90),
                format_duration(shape.longest),
            )
        )
    summary = table(["Metric", "Incidents with it", "Median", "90th percentile", "Longest"], rows)
    spread = table(
        ["Duration", "Time to detect", "Time to mitigate"],
        [
            (label, str(d), str(m))
            for (label, _), d, m in zip(
                BUCKETS, bucket_counts(detect), bucket_counts(mitigate), strict=True
            )
        ],
    )
    return f"{summary}\n\n{spread}"


def _factors(records: Sequence[SessionRecord], today: date) -> str:
    counts = recurrence(records, today)
    if not counts.categories:
        return "_No contributing factors recorded._"
    rows = [
        (cell(c.name), str(c.factors), str(c.incidents), _share(c.incidents, len(records)))
        for c in counts.categories
    ]
    text = table(["Category", "Factors", "Incidents", "Share of incidents"], rows)
    if counts.gaps:
        gaps = [(cell(c.name), str(c.factors), str(c.incidents)) for c in counts.gaps]
        text += "\n\n" + table(["Gap", "Factors", "Incidents"], gaps)
    return text


def _tags(records: Sequence[SessionRecord], today: date) -> str:
    tags = recurrence(records, today).tags[:TOP_TAGS]
    if not tags:
        return "_No tags recorded._"
    return table(
        ["Tag", "Incidents", "Latest"], [(cell(c.name), str(c.incidents), _latest(c)) for c in tags]
    )


def _completion(actions: Sequence[ActionRecord], today: date) -> str:
    if not actions:
        return "_No action items in this period._"
    rates = completion_rates(actions, today)

    def rows(group: dict[str, Completion]) -> list[tuple[str, ...]]:
        return [
            (
                cell(key),
                str(c.total),
                str(c.done),
                str(c.open + c.in_progress),
                str(c.overdue),
                str(c.wont_do),
                f"{c.rate:.0%}" if c.rate is not None else "—",
            )
            for key, c in group.items()
        ]

    headers = ["", "Actions", "Done", "Open", "Overdue", "Won't do", "Completed"]
    parts = [
        f"Completion: {rates.overall.line()}, "
        f"{rates.overall.open + rates.overall.in_progress} still open "
        f"({rates.overall.overdue} overdue).",
        table(["By month promised", *headers[1:]], rows(rates.by_month)),
        table(["By severity", *headers[1:]], rows(rates.by_severity)),
        table(["By type", *headers[1:]], rows(rates.by_type)),
    ]
    return "\n\n".join(parts)


def _oldest(actions: Sequence[ActionRecord], today: date) -> str:
    still_open = sorted((a for a in actions if a.is_open), key=promise_order)[:OLDEST_PROMISES]
    if not still_open:
        return "_Every promise in this period was kept._"
    rows = []
    for action in still_open:
        session = action.session
        overdue = action.overdue_days(today)
        rows.append(
            (
                inline(action.title),
                cell(action.owner),
                session.promised.isoformat() if session.promised else "—",
                action.due.isoformat() if action.due else "—",
                f"**{overdue} days**" if overdue else action.status.value,
                f"{cell(session.name)} {action.id}",
                cell(str(session.path)),
            )
        )
    return table(["Action", "Owner", "Promised", "Due", "Overdue", "Postmortem", "File"], rows)


def _incidents(records: Sequence[SessionRecord]) -> str:
    if not records:
        return "_None._"
    rows = [
        (
            r.day.isoformat() if r.day else "—",
            r.severity.value,
            cell(r.id),
            inline(r.title),
            cell(", ".join(r.services)),
            format_duration(r.time_to_detect),
            format_duration(r.time_to_mitigate),
            r.status.value,
            cell(str(r.path)),
        )
        for r in records
    ]
    headers = ["Date", "Severity", "Incident", "Title", "Services", "TTD", "TTM", "Status", "File"]
    return table(headers, rows)

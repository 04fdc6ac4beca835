"""Provides reading the paging and alerting systems' logs: PagerDuty incident log entries,
Alertmanager webhook payloads and Opsgenie alert logs."""

from __future__ import annotations

from typing import Any

from agenda.sources.records import (
    Parsed,
    Problem,
    Record,
    Signal,
    dig,
    json_documents,
    parse_instant,
    text_field,
)
from agenda.sources.signals import signal_of
from agenda.vocabulary import SourceKind

# ---- PagerDuty ---------------------------------------------------------------------------------

PAGERDUTY_SIGNALS = {
    "trigger_log_entry": Signal.TRIGGERED,
    "acknowledge_log_entry": Signal.ACKNOWLEDGED,
    "acknowledgement_log_entry": Signal.ACKNOWLEDGED,  # how the API's own schema spells it
    "resolve_log_entry": Signal.RESOLVED,
}


def read_pagerduty(value: Any, name: str) -> Parsed:
    """REST v2 ``{"log_entries": [...]}`` (or the bare list): one record per entry whose type
    ends in ``_log_entry``; the API gives no order, so the caller's sort by time decides."""
    parsed = Parsed()
    entries = value.get("log_entries") if isinstance(value, dict) else value
    prefix = "log_entries" if isinstance(value, dict) else ""
    if not isinstance(entries, list):
        parsed.problems.append(Problem(name, "no log_entries list", path=prefix))
        return parsed
    for index, entry in enumerate(entries):
        path = f"{prefix}[{index}]"
        record = _log_entry(entry, name, path, parsed)
        if record is not None:
            parsed.records.append(record)
    return parsed


def _log_entry(entry: Any, name: str, path: str, parsed: Parsed) -> Record | None:
    if not isinstance(entry, dict):
        parsed.problems.append(Problem(name, "not a log entry", path=path))
        return None
    kind = text_field(entry.get("type"))
    if not kind.endswith("_log_entry"):
        parsed.problems.append(
            Problem(name, "type does not end in _log_entry", kind, path=f"{path}.type")
        )
        return None
    created = text_field(entry.get("created_at"))
    try:
        at = parse_instant(created, zone=None)
    except ValueError as error:
        parsed.problems.append(Problem(name, str(error), created, path=f"{path}.created_at"))
        return None
    summary = text_field(entry.get("summary")).strip()
    if kind == "annotate_log_entry":
        note = text_field(dig(entry, "channel", "summary")) or text_field(entry.get("note"))
        text = f"Note: {note.strip()}" if note.strip() else summary
    else:
        text = summary or kind.removesuffix("_log_entry").replace("_", " ")
        incident = text_field(dig(entry, "incident", "summary")).strip()
        if kind in ("trigger_log_entry", "resolve_log_entry") and incident not in text:
            text = f"{text} — {incident}" if incident else text
    return Record(
        at=at,
        text=text,
        kind=SourceKind.PAGERDUTY,
        who=text_field(dig(entry, "agent", "summary")),
        ref=text_field(entry.get("id")) or f"{path} {created}",
        signal=PAGERDUTY_SIGNALS.get(kind),
        where=f"{name}:{path}",
    )


# ---- Alertmanager ------------------------------------------------------------------------------

STILL_FIRING = "0001-01-01T00:00:00Z"
"""Alertmanager's zero time: the alert has not ended."""


def read_alertmanager(text: str, name: str) -> Parsed:
    """Webhook payloads (version 4), one JSON document per file or per line. Each alert fires
    at ``startsAt`` and, once resolved, resolves at ``endsAt``; the repeats a webhook sends
    while an alert keeps firing are one record, told apart by (fingerprint, startsAt, status)."""
    parsed = Parsed()
    seen: set[tuple[str, str, str]] = set()
    documents = list(json_documents(text, name))
    single = len(documents) == 1
    for document in documents:
        if isinstance(document, Problem):
            parsed.problems.append(document)
            continue
        line, value = document
        _payload(value, name if single else f"{name}:{line}", parsed, seen)
    return parsed


def _payload(value: Any, where: str, parsed: Parsed, seen: set[tuple[str, str, str]]) -> None:
    if not isinstance(value, dict) or not isinstance(value.get("alerts"), list):
        parsed.problems.append(Problem(where, "not an Alertmanager webhook payload (no alerts)"))
        return
    version = text_field(value.get("version"))
    if version and version != "4":
        parsed.problems.append(
            Problem(where, "only webhook version 4 is read", version, path="version")
        )
        return
    for index, alert in enumerate(value["alerts"]):
        path = f"alerts[{index}]"
        if not isinstance(alert, dict):
            parsed.problems.append(Problem(where, "not an alert", path=path))
            continue
        _alert(alert, where, path, parsed, seen)


def _alert(
    alert: dict[str, Any],
    where: str,
    path: str,
    parsed: Parsed,
    seen: set[tuple[str, str, str]],
) -> None:
    given = alert.get("labels")
    labels: dict[str, Any] = given if isinstance(given, dict) else {}
    fingerprint = text_field(alert.get("fingerprint")) or ",".join(
        f"{k}={text_field(v)}" for k, v in sorted(labels.items())
    )
    starts_text = text_field(alert.get("startsAt"))
    try:
        starts = parse_instant(starts_text, zone=None)
    except ValueError as error:
        parsed.problems.append(Problem(where, str(error), starts_text, path=f"{path}.startsAt"))
        return
    describe = _describe(labels, alert.get("annotations"))
    moments = [("firing", starts)]
    if text_field(alert.get("status")) == "resolved":
        ends_text = text_field(alert.get("endsAt"))
        try:
            ends = parse_instant(ends_text, zone=None)
        except ValueError as error:
            parsed.problems.append(Problem(where, str(error), ends_text, path=f"{path}.endsAt"))
            return
        if ends_text != STILL_FIRING and ends.year > 1:
            moments.append(("resolved", ends))
    for status, at in moments:
        key = (fingerprint, starts.isoformat(), status)
        if key in seen:
            continue
        seen.add(key)
        parsed.records.append(
            Record(
                at=at,
                text=f"{status.capitalize()}: {describe}",
                kind=SourceKind.ALERTMANAGER,
                ref=f"{fingerprint} {status} {starts.isoformat()}",
                signal=Signal.TRIGGERED if status == "firing" else Signal.RESOLVED,
                where=f"{where}:{path}",
            )
        )


def _describe(labels: dict[str, Any], annotations: Any) -> str:
    name = text_field(labels.get("alertname")) or "alert"
    others = [f"{k}={text_field(v)}" for k, v in sorted(labels.items()) if k != "alertname"]
    text = name + (f" ({', '.join(others[:4])})" if others else "")
    notes = annotations if isinstance(annotations, dict) else {}
    summary = text_field(notes.get("summary") or notes.get("description")).strip()
    return f"{text} — {summary}" if summary else text


# ---- Opsgenie ----------------------------------------------------------------------------------


def read_opsgenie(value: Any, name: str) -> Parsed:
    """The alert logs API's ``{"data": [{log, type, owner, createdAt, offset}]}``, newest first
    as the API gives it; the caller sorts by time."""
    parsed = Parsed()
    entries = value.get("data") if isinstance(value, dict) else value
    if not isinstance(entries, list):
        parsed.problems.append(Problem(name, "no data list of alert logs", path="data"))
        return parsed
    for index, entry in enumerate(entries):
        path = f"data[{index}]"
        if not isinstance(entry, dict):
            parsed.problems.append(Problem(name, "not an alert log", path=path))
            continue
        created = text_field(entry.get("createdAt"))
        try:
            at = parse_instant(created, zone=None)
        except ValueError as error:
            parsed.problems.append(Problem(name, str(error), created, path=f"{path}.createdAt"))
            continue
        log = text_field(entry.get("log")).strip()
        if not log:
            parsed.problems.append(Problem(name, "no log text", path=f"{path}.log"))
            continue
        parsed.records.append(
            Record(
                at=at,
                text=log,
                kind=SourceKind.OPSGENIE,
                who=text_field(entry.get("owner")),
                ref=text_field(entry.get("offset")) or created,
                signal=signal_of(log),
                where=f"{name}:{path}",
            )
        )
    return parsed

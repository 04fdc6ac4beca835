"""PagerDuty log entries, Alertmanager webhook payloads and Opsgenie alert logs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from agenda.sources.read import read_sources
from agenda.sources.records import Parsed, ReadOptions
from tests.helpers import SOURCES

INCIDENT = SOURCES / "incident"


def read(path: Path) -> Parsed:
    return read_sources([str(path)], ReadOptions(day=date(2024, 3, 12)))


def rows(parsed: Parsed) -> list[tuple[str, str, str]]:
    return [
        (r.at.strftime("%H:%M:%S.%f"), r.who, r.text)
        for r in sorted(parsed.records, key=lambda r: r.at)
    ]


def test_pagerduty_log_entries_in_time_order_whatever_the_file_order() -> None:
    parsed = read(INCIDENT / "pagerduty-log-entries.json")
    assert not parsed.problems
    assert rows(parsed) == [
        (
            "14:07:04.000000",
            "Prometheus Alertmanager",
            "Triggered through the API. — [#4521] [FIRING:1] CheckoutErrorRate checkout",
        ),
        ("14:07:05.000000", "Priya Natarajan", "Notified Priya Natarajan by push notification."),
        ("14:09:40.000000", "Priya Natarajan", "Acknowledged by Priya Natarajan."),
        (
            "14:16:30.000000",
            "Priya Natarajan",
            "Note: Rolling back to v4.1; NPE in PaymentHandler.resolveSavedMethod",
        ),
        (
            "14:31:09.000000",
            "Prometheus Alertmanager",
            "Resolved through the API. — [#4521] [FIRING:1] CheckoutErrorRate checkout",
        ),
    ]


def test_the_apis_misspelt_acknowledgement_type_is_an_acknowledgement() -> None:
    ack = next(
        r for r in read(INCIDENT / "pagerduty-log-entries.json").records if r.ref == "R2ACKQ7J1B4X9"
    )
    assert ack.signal is not None and ack.signal.value == "acknowledged"
    assert ack.at.isoformat() == "2024-03-12T14:09:40+00:00"  # written as 10:09:40-04:00


def test_bad_pagerduty_entries_are_reported_by_json_path(tmp_path: Path) -> None:
    source = tmp_path / "pd.json"
    entries = [
        {
            "id": "A",
            "type": "trigger_log_entry",
            "summary": "ok",
            "created_at": "2024-03-12T14:00:00Z",
        },
        {"id": "B", "type": "incident", "summary": "x", "created_at": "2024-03-12T14:00:00Z"},
        {"id": "C", "type": "resolve_log_entry", "summary": "x", "created_at": "2024-03-12 14:00"},
        "nonsense",
    ]
    source.write_text(json.dumps({"log_entries": entries}))
    parsed = read(source)
    assert [r.ref for r in parsed.records] == ["A"]
    assert [str(p) for p in parsed.problems] == [
        f"{source}:log_entries[1].type: type does not end in _log_entry: incident",
        f"{source}:log_entries[2].created_at: no offset: give --tz or write the time with Z or "
        "+HH:MM: 2024-03-12 14:00",
        f"{source}:log_entries[3]: not a log entry",
    ]


def test_alertmanager_firing_resolved_repeats_and_still_firing() -> None:
    parsed = read(INCIDENT / "alertmanager-webhooks.ndjson")
    assert not parsed.problems
    assert rows(parsed) == [
        (
            "14:07:00.123456",
            "",
            "Firing: CheckoutErrorRate (service=checkout, severity=page) — checkout 5xx above 5% "
            "for 2 minutes",
        ),
        (
            "14:09:30.500000",
            "",
            "Firing: CheckoutLatencyHigh (service=checkout, severity=ticket) — "
            "checkout p99 above 2s",
        ),
        (
            "14:31:07.000000",
            "",
            "Resolved: CheckoutErrorRate (service=checkout, severity=page) — checkout 5xx above 5% "
            "for 2 minutes",
        ),
    ]
    latency = next(r for r in parsed.records if "Latency" in r.text)
    assert latency.ref == "9c1e2b7d44a0f3e1 firing 2024-03-12T14:09:30.500000+00:00"


def test_a_resolved_payload_alone_still_says_when_the_alert_fired(tmp_path: Path) -> None:
    source = tmp_path / "resolved.json"
    source.write_text(
        json.dumps(
            {
                "version": "4",
                "status": "resolved",
                "alerts": [
                    {
                        "status": "resolved",
                        "labels": {"alertname": "DiskFull"},
                        "annotations": {},
                        "startsAt": "2024-03-12T13:00:00.1+02:00",
                        "endsAt": "2024-03-12T11:30:00Z",
                    }
                ],
            },
            indent=2,
        )
    )
    assert rows(read(source)) == [
        ("11:00:00.100000", "", "Firing: DiskFull"),
        ("11:30:00.000000", "", "Resolved: DiskFull"),
    ]


def test_broken_alertmanager_lines_are_reported_with_their_line(tmp_path: Path) -> None:
    good = (INCIDENT / "alertmanager-webhooks.ndjson").read_text().splitlines()[0]
    source = tmp_path / "am.ndjson"
    source.write_text(
        f'{good}\n{{"alerts": [{{"startsAt": "yesterday"}}]}}\n'
        f'{{not json\n{{"version": "3", "alerts": []}}\n'
    )
    parsed = read(source)
    assert len(parsed.records) == 1
    assert [str(p) for p in parsed.problems] == [
        f"{source}:2:alerts[0].startsAt: not an ISO 8601 time (like 2023-11-15T14:22:00Z): "
        "yesterday",
        f"{source}:3: invalid JSON (Expecting property name enclosed in double quotes): {{not json",
        f"{source}:4:version: only webhook version 4 is read: 3",
    ]


def test_opsgenie_logs_newest_first_become_time_order() -> None:
    parsed = read(INCIDENT / "opsgenie-alert-logs.json")
    assert not parsed.problems
    assert rows(parsed) == [
        (
            "14:07:05.250000",
            "System",
            "Alert created via API[Prometheus] with message: [FIRING:1] CheckoutErrorRate checkout",
        ),
        ("14:09:20.100000", "priya@acme.example", "Viewed on [web]"),
        ("14:09:42.007000", "priya@acme.example", "Alert acknowledged via web"),
        ("14:31:10.412000", "System", "Alert closed via API[Prometheus]"),
    ]
    assert [
        r.signal.value if r.signal else None for r in sorted(parsed.records, key=lambda r: r.at)
    ] == [
        "triggered",
        None,
        "acknowledged",
        "resolved",
    ]

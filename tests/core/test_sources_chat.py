"""Slack workspace exports, as a folder and as a zip: names, markup, threads, bots, and order."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from agenda.sources.read import read_sources
from agenda.sources.records import Parsed, ReadOptions
from agenda.sources.slack import unescape
from agenda.vocabulary import SourceKind
from tests.helpers import SOURCES

EXPORT = SOURCES / "incident" / "slack-export"
OPTIONS = ReadOptions(day=date(2024, 3, 12))


def read(path: Path, **options: object) -> Parsed:
    return read_sources([str(path)], ReadOptions(day=date(2024, 3, 12), **options))  # type: ignore[arg-type]


def zipped(tmp_path: Path, folder: Path = EXPORT) -> Path:
    """The export as Slack delivers it: a zip, here with one folder around everything."""
    archive = tmp_path / "Acme Slack export Mar 12 2024.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(folder.rglob("*.json")):
            zf.write(file, f"export/{file.relative_to(folder).as_posix()}")
    return archive


def test_every_message_in_ts_order_with_names_from_users_json() -> None:
    parsed = read(EXPORT)
    assert not parsed.problems
    assert [(r.at.strftime("%H:%M:%S.%f"), r.who, r.text) for r in parsed.records] == [
        (
            "14:06:40.000100",
            "Sam (support)",
            "anyone else seeing payment failures? 3 tickets in 5 min",
        ),
        ("14:07:06.001200", "PagerDuty", "Triggered #4521: [FIRING:1] CheckoutErrorRate checkout"),
        (
            "14:09:43.000400",
            "PagerDuty",
            "Acknowledged by Priya Natarajan #4521: [FIRING:1] CheckoutErrorRate checkout",
        ),
        ("14:10:05.000056", "Marco Rossi", "on it too"),
        (
            "14:10:05.000057",
            "priya.n",
            "@here checkout 5xx spiking since ~14:05, looking. v4.2 went out at 14:02: "
            "release notes (https://github.com/acme/checkout/releases/tag/v4.2)",
        ),
        (
            "14:11:30.000300",
            "Marco Rossi",
            "↳ @priya.n payments dashboard shows NPE in PaymentHandler & retries > 3x, "
            "see #payments",
        ),
        (
            "14:15:30.000700",
            "priya.n",
            "decision: roll back to v4.1 (the NPE is only in the v4.2 code path)",
        ),
        ("14:24:00.000800", "omar", "error rate back to baseline on the dashboard"),
        ("14:31:12.000900", "PagerDuty", "Resolved #4521: [RESOLVED] CheckoutErrorRate checkout"),
    ]
    assert {r.kind for r in parsed.records} == {SourceKind.SLACK}
    assert parsed.notes == ["3 join/leave/topic message(s) left out (--with-metadata keeps them)"]


def test_ts_is_read_as_a_string_never_through_a_float() -> None:
    """1710252605.000057 through a float and back is ...000056: the two messages of that second
    would swap or tie."""
    priya = next(r for r in read(EXPORT).records if r.ref == "#inc-checkout/1710252605.000057")
    assert priya.at == datetime(2024, 3, 12, 14, 10, 5, 57, tzinfo=UTC)


def test_a_zip_reads_as_the_folder_does(tmp_path: Path) -> None:
    def seen(parsed: Parsed) -> list[tuple[object, ...]]:
        return [(r.at, r.who, r.text, r.ref) for r in parsed.records]

    from_zip = read(zipped(tmp_path))
    assert seen(from_zip) == seen(read(EXPORT)) and not from_zip.problems
    assert from_zip.records[0].where.endswith(".zip/payments/2024-03-12.json:[0]")


def test_housekeeping_is_kept_when_asked() -> None:
    parsed = read(EXPORT, with_metadata=True)
    texts = [r.text for r in parsed.records]
    assert "@priya.n has joined the channel" in texts
    assert "@priya.n set the channel topic: SEV2 checkout errors | IC: priya" in texts
    assert not parsed.notes


def test_sorted_by_ts_not_by_file_name(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    late = export / "inc-checkout" / "2024-03-11.json"  # named a day early, holds the latest
    late.write_text(
        json.dumps(
            [{"type": "message", "user": "U03MARCO", "text": "last", "ts": "1710260000.000001"}]
        )
    )
    assert read(export).records[-1].text == "last"


def test_a_broken_day_file_is_reported_and_the_rest_imports(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    (export / "payments" / "2024-03-12.json").write_text(
        '[{"type": "message", "ts": 17}, {"ts": "x.1", "text": "a"},\n'
    )
    broken = export / "inc-checkout" / "2024-03-13.json"
    broken.write_text(
        '[{"type": "message", "text": "no ts"}, {"ts": "1710300000.000100", "text": "kept"}]'
    )
    parsed = read(export)
    assert [str(p) for p in parsed.problems] == [
        f"{export}/inc-checkout/2024-03-13.json:[0].ts: no ts string",
        f"{export}/payments/2024-03-12.json:2: invalid JSON (Expecting value, column 1)",
    ]
    assert parsed.records[-1].text == "kept" and len(parsed.records) == 9


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<@U1> and <@U2|bo>", "@ava and @bo"),
        ("see <#C9|ops> and <#C8>", "see #ops and #general"),
        ("<!here> <!channel> <!everyone>", "@here @channel @everyone"),
        ("<!subteam^S1|@oncall> paged", "@oncall paged"),
        ("<!date^1392734382^{date}|Feb 18, 2014>", "Feb 18, 2014"),
        ("<https://x.example/a?b=1&amp;c=2|the graph>", "the graph (https://x.example/a?b=1&c=2)"),
        ("<https://x.example>", "https://x.example"),
        ("<mailto:ava@x.example|ava@x.example>", "ava@x.example"),
        ("a &lt;b&gt; &amp;lt; c", "a <b> &lt; c"),
    ],
)
def test_markup_is_resolved_then_unescaped(text: str, shown: str) -> None:
    users = {"U1": "ava"}
    channels = {"C8": "general"}
    assert unescape(text, users.get, channels.get) == shown


def test_refs_and_thread_replies() -> None:
    records = read(EXPORT).records
    reply = next(r for r in records if r.text.startswith("↳"))
    assert reply.ref == "#inc-checkout/1710252690.000300"
    assert reply.where.endswith("inc-checkout/2024-03-12.json:[5]")
    bots = [r.signal for r in records if r.who == "PagerDuty"]
    assert [s.value if s else None for s in bots] == ["triggered", "acknowledged", "resolved"]

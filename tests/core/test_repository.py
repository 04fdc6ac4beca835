"""The postmortem database's core: reading a folder, compact records, filters and statistics."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from agenda import load_session, save_session
from agenda.model import Session
from agenda.repository import record_of, scan_folder
from agenda.search import (
    ActionQuery,
    Completion,
    QueryError,
    bucket_counts,
    completion_rates,
    distribution,
    ordinal,
    parse_age,
    parse_day,
    parse_duration,
)
from agenda.vocabulary import ActionStatus
from tests.helpers import SAMPLES


@pytest.mark.parametrize(
    ("text", "expected"),
    [("60d", timedelta(days=60)), ("8w", timedelta(weeks=8)), (" 1 D ", timedelta(days=1))],
)
def test_ages(text: str, expected: timedelta) -> None:
    assert parse_age(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2h", timedelta(hours=2)),
        ("90m", timedelta(minutes=90)),
        ("1h30m", timedelta(minutes=90)),
        ("1h 30m", timedelta(minutes=90)),
        ("1d", timedelta(days=1)),
        ("45s", timedelta(seconds=45)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "2", "2 hours", "h", "1h-5m", "60"])
def test_what_is_not_a_duration_says_how_to_write_one(text: str) -> None:
    with pytest.raises(QueryError, match="2h"):
        parse_duration(text)


def test_days_are_dates_or_ages_before_today() -> None:
    today = date(2024, 5, 31)
    assert parse_day("2024-01-31", today) == date(2024, 1, 31)
    assert parse_day("90d", today) == today - timedelta(days=90)
    with pytest.raises(QueryError):
        parse_day("yesterday", today)


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]


def test_won_t_do_is_left_out_of_the_completion_rate() -> None:
    rates = Completion(done=3, open=1, wont_do=4)
    assert rates.rate == 0.75 and rates.line() == "3 of 4 done (75%)"
    assert Completion(wont_do=2).rate is None


def test_quantiles_are_nearest_rank_and_ignore_unknown_and_negative() -> None:
    minutes = [timedelta(minutes=m) for m in range(1, 11)]
    shape = distribution([*minutes, None, timedelta(minutes=-5)])
    assert shape.count == 10
    assert shape.median == timedelta(minutes=5) and shape.p90 == timedelta(minutes=9)
    assert shape.longest == timedelta(minutes=10)
    assert distribution([None]).median is None
    assert bucket_counts([timedelta(minutes=4), timedelta(hours=5), None]) == [1, 0, 0, 0, 0, 0, 1]


def test_a_record_keeps_what_queries_need(tmp_path: Path) -> None:
    session = load_session(SAMPLES[0])
    record = record_of(session, SAMPLES[0])
    assert record.id == session.incident.id and record.services == tuple(session.incident.services)
    assert record.time_to_mitigate == session.time_to_mitigate
    assert record.day == date(2023, 11, 15) and record.promised == date(2023, 11, 17)
    assert [a.id for a in record.actions] == [a.id for a in session.actions]
    assert all(a.session is record for a in record.actions)
    assert not hasattr(record, "__dict__")  # slots: ten thousand of them stay small


def test_the_incident_date_is_the_day_before_any_key_time_is_marked() -> None:
    """A write-up of an old incident (`new --date 2019-07-02`) is filed under that day, not
    under the day of the meeting."""
    session = Session.model_validate(
        {"incident": {"date": "2019-07-02"}, "meeting": {"date": "2026-11-23"}}
    )
    record = record_of(session, Path("x.toml"))
    assert (record.day, record.promised) == (date(2019, 7, 2), date(2026, 11, 23))


def test_scan_skips_hidden_folders_ignores_other_toml_and_reports_broken(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_bytes(SAMPLES[0].read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.toml").write_bytes(SAMPLES[1].read_bytes())
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "c.toml").write_bytes(SAMPLES[2].read_bytes())
    (tmp_path / ".a.toml.autosave").write_bytes(SAMPLES[2].read_bytes())
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    (tmp_path / "bad.toml").write_text("schema_version = 1\nincident = 3\n", encoding="utf-8")
    scan = scan_folder(tmp_path)
    assert [r.path.name for r in scan.records] == ["a.toml", "b.toml"]
    assert scan.ignored == 1
    assert [(s.path.name, "incident" in s.reason) for s in scan.skipped] == [
        ("bad.toml", True),
        ("empty.toml", False),
    ]
    assert [r.path.name for r in scan_folder(tmp_path, recursive=False).records] == ["a.toml"]
    assert scan_folder(tmp_path, exclude=[tmp_path / "a.toml"]).records[0].path.name == "b.toml"


def test_words_are_all_matched_in_any_field(tmp_path: Path) -> None:
    for sample in SAMPLES:
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    found = scan_folder(tmp_path, words=["DeployCtl"]).records
    texts = {p.name for p in SAMPLES if "deployctl" in p.read_text(encoding="utf-8").lower()}
    assert {r.path.name for r in found} == texts and 0 < len(texts) < len(SAMPLES)
    assert scan_folder(tmp_path, words=["checkout", "no-such-word-anywhere"]).records == []


def test_scope_filters_rate_while_status_filters_only_list(tmp_path: Path) -> None:
    session = load_session(SAMPLES[2])
    session.actions[0].status = ActionStatus.WONT_DO
    save_session(session, tmp_path / "s.toml")
    actions = scan_folder(tmp_path).actions
    query = ActionQuery(today=date(2024, 4, 2), open_only=True, owners=["BOB"])
    bobs = [a for a in actions if a.owner == "@bob"]
    assert [a.id for a in actions if query.matches(a)] == [a.id for a in bobs if a.status.is_open]
    rates = completion_rates([a for a in actions if query.in_scope(a)], date(2024, 4, 2))
    assert rates.overall.total == len(bobs)
    assert rates.overall.overdue == sum(
        1 for a in bobs if a.is_open and a.due and a.due < date(2024, 4, 2)
    )

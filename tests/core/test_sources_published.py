"""Published and pasted timelines: every common way of writing a time, a date and a timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from agenda.sources.published import read_published
from agenda.sources.records import Parsed, ReadOptions, parse_zone

DAY = date(2024, 1, 15)


def read(text: str, **options: object) -> Parsed:
    return read_published(text, "doc.md", ReadOptions(day=DAY, **options))  # type: ignore[arg-type]


def only(text: str) -> tuple[str, str, bool]:
    parsed = read(text)
    assert not parsed.problems, [str(p) for p in parsed.problems]
    assert len(parsed.records) == 1
    record = parsed.records[0]
    return record.at.isoformat(), record.text, record.approximate


@pytest.mark.parametrize(
    ("line", "at", "text"),
    [
        ("14:05 Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("9:05 - Deploy", "2024-01-15T09:05:00+00:00", "Deploy"),
        ("14:05:30 — Deploy", "2024-01-15T14:05:30+00:00", "Deploy"),
        ("2:05 PM Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("12:30 a.m. Deploy", "2024-01-15T00:30:00+00:00", "Deploy"),
        ("3pm: Deploy", "2024-01-15T15:00:00+00:00", "Deploy"),
        ("[14:05] Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("**14:05** Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("**14:05:** Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("`14:05` Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("1. 14:05 Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        (  # GitLab's blog post, 2017-02-01
            "Update 6:14pm UTC: GitLab.com is back online",
            "2024-01-15T18:14:00+00:00",
            "GitLab.com is back online",
        ),
        ("- 14:05 - Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("* 14:05 | Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("> 14:05 Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("At 14:05 UTC, Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("14:05 (UTC) Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("14:05 GMT Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("16:05 +02:00 Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("09:05 EST Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("06:05 PST: Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("16:05 UTC+2 Deploy", "2024-01-15T14:05:00+00:00", "Deploy"),
        ("2024-01-16 02:10 Deploy", "2024-01-16T02:10:00+00:00", "Deploy"),
        ("2024-01-16T02:10:00Z Deploy", "2024-01-16T02:10:00+00:00", "Deploy"),
        ("2024-01-16T04:10:00+02:00 Deploy", "2024-01-16T02:10:00+00:00", "Deploy"),
        ("2017/01/31 21:00 - Spike", "2017-01-31T21:00:00+00:00", "Spike"),
        ("31 Jan 2017 21:00 Spike", "2017-01-31T21:00:00+00:00", "Spike"),
        ("Tuesday, 31 January 2017, 21:00: Spike", "2017-01-31T21:00:00+00:00", "Spike"),
        ("Jan 31 23:36 Spike", "2024-01-31T23:36:00+00:00", "Spike"),
        ("Feb 1, 2017 18:14 UTC - Spike", "2017-02-01T18:14:00+00:00", "Spike"),
        ("February 1st, 2017 at 18:14 Spike", "2017-02-01T18:14:00+00:00", "Spike"),
        ("14:00-14:30 Deploy window", "2024-01-15T14:00:00+00:00", "Deploy window (until 14:30)"),
        ("14:05 decision: roll back", "2024-01-15T14:05:00+00:00", "decision: roll back"),
    ],
)
def test_times_and_dates_at_the_start_of_a_line(line: str, at: str, text: str) -> None:
    assert only(line)[:2] == (at, text)


@pytest.mark.parametrize(
    ("line", "at", "text"),
    [
        ("about 14:30 checkout slows", "2024-01-15T14:30:00+00:00", "checkout slows"),
        ("~14:30 checkout slows", "2024-01-15T14:30:00+00:00", "checkout slows"),
        ("around 14:30, checkout slows", "2024-01-15T14:30:00+00:00", "checkout slows"),
        (
            "23:00-ish decides to remove the directory",
            "2024-01-15T23:00:00+00:00",
            "decides to remove the directory",
        ),
        ("14:30 (approx.) checkout slows", "2024-01-15T14:30:00+00:00", "checkout slows"),
    ],
)
def test_approximate_times_are_kept_and_marked(line: str, at: str, text: str) -> None:
    assert only(line) == (at, text, True)


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("14:xx checkout slows", "not known exactly"),
        ("1?:30 checkout slows", "not known exactly"),
        ("16:00/17:00 - 21:00 setting up replication", "two times given"),
        ("03/04/2024 10:00 checkout slows", "could be day/month or month/day"),
        ("10:00 CST checkout slows", "CST names several time zones"),
        ("10:00 IST checkout slows", "IST names several time zones"),
        ("25:00 — Impossible", "hours go to 23"),
        ("14:60 — Impossible", "minutes and seconds to 59"),
        ("13:00 PM lunch", "hours go from 1 to 12"),
        ("2024-02-30 10:00 Impossible", "not a real date"),
        ("2017-01-31 Deploy freeze begins", "a date but no time"),
        ("lunch?", "no time at the start of the line"),
        ("14:07", "no description after the time"),
        ("14:07 — decision:", "no description after the time"),
    ],
)
def test_times_it_is_not_sure_of_are_reported_not_guessed(line: str, fragment: str) -> None:
    parsed = read(line)
    assert parsed.records == []
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert problem.line == 1 and fragment in problem.message
    assert str(problem).startswith("doc.md:1: ")


def test_seconds_and_offsets_are_never_cut_into_the_text() -> None:
    parsed = read("2023-11-15T14:22:00Z,Triggered\n14:22:05,Triggered\n")
    assert [(r.at.isoformat(), r.text) for r in parsed.records] == [
        ("2023-11-15T14:22:00+00:00", "Triggered"),
        ("2023-11-15T14:22:05+00:00", "Triggered"),
    ]


GOOGLE_STYLE = """\
## Timeline

2015-10-21 (all times UTC)

| Time | Event |
|------|-------|
| 14:51 | News reports that a new Shakespearean sonnet has been discovered |
| 14:53 | Traffic to Shakespeare search increases by 88x |
|       | Load balancer starts shedding |
| 15:01 | INCIDENT BEGINS |
"""


def test_a_table_timeline_with_the_date_above_it() -> None:
    parsed = read(GOOGLE_STYLE)
    assert not parsed.problems
    assert [(r.at.isoformat(), r.text) for r in parsed.records] == [
        (
            "2015-10-21T14:51:00+00:00",
            "News reports that a new Shakespearean sonnet has been discovered",
        ),
        (
            "2015-10-21T14:53:00+00:00",
            "Traffic to Shakespeare search increases by 88x\nLoad balancer starts shedding",
        ),
        ("2015-10-21T15:01:00+00:00", "INCIDENT BEGINS"),
    ]


def test_table_columns_named_in_the_header() -> None:
    parsed = read(
        "| Date | Time (UTC) | Who | What happened |\n"
        "|:---|:---:|---|---|\n"
        "| 2023-11-15 | 14:22 | @ava | Paged |\n"
        "| 2023-11-15 | 14:25 | @bo | Rolled back \\| partly |\n"
    )
    assert not parsed.problems
    assert [(r.at.isoformat(), r.who, r.text) for r in parsed.records] == [
        ("2023-11-15T14:22:00+00:00", "@ava", "Paged"),
        ("2023-11-15T14:25:00+00:00", "@bo", "Rolled back | partly"),
    ]


INCIDENT_DOC = """\
Timeline (all times UTC)

2017/01/31 21:00 - Spike in database load due to spam users
    - Twitter | Slack #ops
2017/01/31 22:00 - Replication lag alert triggered in pagerduty
2017/01/31 23:00-ish
    - YP thinks that perhaps pg_basebackup is being super pedantic
    - 2017/01/31 23:27 YP - terminates the removal, but it's too late
    - only about 4.5GB of data is left
2017/01/31 16:00/17:00 - 21:00
    - YP is working on setting up pgpool and replication in staging

## February 1
00:36 - backup of db1.staging restored
"""


def test_an_incident_doc_with_sub_bullets() -> None:
    parsed = read(INCIDENT_DOC)
    assert [(r.at.isoformat(), r.approximate, r.text) for r in parsed.records] == [
        (
            "2017-01-31T21:00:00+00:00",
            False,
            "Spike in database load due to spam users\nTwitter | Slack #ops",
        ),
        ("2017-01-31T22:00:00+00:00", False, "Replication lag alert triggered in pagerduty"),
        (
            "2017-01-31T23:00:00+00:00",
            True,
            "YP thinks that perhaps pg_basebackup is being super pedantic\n"
            "only about 4.5GB of data is left",
        ),
        ("2017-01-31T23:27:00+00:00", False, "YP - terminates the removal, but it's too late"),
        ("2017-02-01T00:36:00+00:00", False, "backup of db1.staging restored"),
    ]
    assert [(p.line, p.message) for p in parsed.problems] == [
        (10, "two times given: keep the one that is right"),
        (11, "under a line whose time could not be read"),
    ]


def test_headings_and_date_lines_set_the_day_for_the_lines_after() -> None:
    parsed = read(
        "### January 31, 2017\n23:50 Backup starts\n00:10 Backup fails\n"
        "**February 2**\n09:00 Restore begins\n"
    )
    assert [r.at for r in parsed.records] == [
        datetime(2017, 1, 31, 23, 50, tzinfo=UTC),
        datetime(2017, 2, 1, 0, 10, tzinfo=UTC),
        datetime(2017, 2, 2, 9, 0, tzinfo=UTC),
    ]


def test_an_all_times_note_sets_the_zone() -> None:
    parsed = read("# Timeline (all times PST)\n06:05 Deploy\n14:05 UTC Page\n")
    assert [r.at.isoformat() for r in parsed.records] == [
        "2024-01-15T14:05:00+00:00",
        "2024-01-15T14:05:00+00:00",
    ]


def test_tz_option_reads_times_without_a_zone_and_refuses_the_repeated_hour() -> None:
    berlin = parse_zone("Europe/Berlin")
    parsed = read("15:05 Deploy\n", zone=berlin)
    assert parsed.records[0].at == datetime(2024, 1, 15, 14, 5, tzinfo=UTC)
    autumn = read_published(
        "02:30 Deploy\n", "doc.md", ReadOptions(day=date(2024, 10, 27), zone=berlin)
    )
    assert not autumn.records and "happened twice" in autumn.problems[0].message
    assert parse_zone("+05:30") == timezone(timedelta(hours=5, minutes=30))


def test_a_line_under_a_timed_one_only_when_indented_or_bulleted() -> None:
    parsed = read("14:00 Deploy\n  canary is green\n- smoke tests pass\nlunch?\n")
    assert [r.text for r in parsed.records] == ["Deploy\ncanary is green\nsmoke tests pass"]
    assert [(p.line, p.message) for p in parsed.problems] == [
        (4, "no time at the start of the line")
    ]


def test_times_without_a_date_roll_past_midnight_after_the_previous_event() -> None:
    parsed = read("23:55 a\n00:05 b\n", previous=datetime(2024, 1, 15, 23, 0, tzinfo=UTC))
    assert [r.at.day for r in parsed.records] == [15, 16]


def test_records_point_back_to_their_line() -> None:
    record = read("\n\n14:05 Deploy\n").records[0]
    assert (record.ref, record.where) == ("doc.md:3", "doc.md:3")

"""`facilitator new` with the header's flags, and the incident's date anchoring every time
imported without one (issue #11's acceptance, run as a user would)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from agenda import load_session
from agenda.model import MeetingMode, Severity
from facilitator.cli import main


def test_new_then_import_dates_each_time_from_the_incident_date(tmp_path: Path) -> None:
    """The acceptance, word for word, through the installed command and a real stdin."""
    command = [sys.executable, "-m", "facilitator"]
    created = subprocess.run(
        [*command, "new", "x.toml", "--date", "2019-07-02", "--participant", "@ana:on-call"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    imported = subprocess.run(
        [*command, "import-timeline", "x.toml", "-"],
        cwd=tmp_path,
        input="13:31 x\n23:50 y\n00:10 z\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    session = load_session(tmp_path / "x.toml")
    assert [(e.at, e.description) for e in session.sorted_timeline()] == [
        (datetime(2019, 7, 2, 13, 31, tzinfo=UTC), "x"),
        (datetime(2019, 7, 2, 23, 50, tzinfo=UTC), "y"),
        (datetime(2019, 7, 3, 0, 10, tzinfo=UTC), "z"),
    ]
    assert [(p.name, p.role) for p in session.meeting.participants] == [("@ana", "on-call")]


def test_new_takes_the_whole_header(tmp_path: Path) -> None:
    path = tmp_path / "waf.toml"
    argv = ["new", str(path), "--date", "2019-07-02", "--severity", "sev1", "--async"]
    argv += ["--facilitator", "@sam", "--scribe", "@lee", "--title", "  WAF outage "]
    argv += ["--participant", "@ana:on-call", "--participant", "@bo", "--participant", "@cy:IC"]
    argv += ["--service", "edge", "--service", "waf, cdn", "--service", " "]
    assert main(argv) == 0
    session = load_session(path)
    incident, meeting = session.incident, session.meeting
    assert (incident.title, incident.date, incident.severity) == (
        "WAF outage",
        date(2019, 7, 2),
        Severity.SEV1,
    )
    assert incident.services == ["edge", "waf", "cdn"]
    assert (meeting.facilitator, meeting.scribe, meeting.mode) == (
        "@sam",
        "@lee",
        MeetingMode.ASYNC,
    )
    assert [(p.name, p.role) for p in meeting.participants] == [
        ("@ana", "on-call"),
        ("@bo", ""),
        ("@cy", "IC"),
    ]


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (["--date", "2019-7-2"], "Incident date: '2019-7-2' is not a date: write it as YYYY-MM-DD"),
        (["--severity", "SEV9"], "Severity"),
        (["--participant", ":on-call"], "A participant needs a name"),
        (["--participant", "@ana", "--participant", "@ANA"], "@ANA is already a participant"),
        (["--title", "   "], "Title: a postmortem needs a title"),
    ],
)
def test_new_refuses_a_bad_flag_in_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], says: str
) -> None:
    path = tmp_path / "x.toml"
    assert main(["new", str(path), *flags]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
    assert not path.exists()


def test_import_notes_an_event_outside_the_incident(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.toml"
    assert main(["new", str(path), "--date", "2019-07-02"]) == 0
    source = tmp_path / "t.txt"
    source.write_text("2019-06-30 13:31 Deploy\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import-timeline", str(path), str(source)]) == 0
    err = capsys.readouterr().err
    assert "note: 2019-06-30 13:31 'Deploy' is before the incident's date (2019-07-02)" in err


def test_import_date_flag_overrides_the_incident_date(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    assert main(["new", str(path), "--date", "2019-07-02"]) == 0
    source = tmp_path / "t.txt"
    source.write_text("09:00 Follow-up deploy\n", encoding="utf-8")
    assert main(["import-timeline", str(path), str(source), "--date", "2019-07-03"]) == 0
    [event] = load_session(path).timeline
    assert event.at == datetime(2019, 7, 3, 9, 0, tzinfo=UTC)


def test_import_date_flag_wins_over_the_last_event_of_the_session(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    assert main(["new", str(path), "--date", "2019-07-02"]) == 0
    source = tmp_path / "t.txt"
    source.write_text("14:00 Impact\n", encoding="utf-8")
    assert main(["import-timeline", str(path), str(source)]) == 0
    source.write_text("09:00 The day before: a config change\n", encoding="utf-8")
    assert main(["import-timeline", str(path), str(source), "--date", "2019-07-01"]) == 0
    events = load_session(path).sorted_timeline()
    assert [e.at for e in events] == [
        datetime(2019, 7, 1, 9, 0, tzinfo=UTC),
        datetime(2019, 7, 2, 14, 0, tzinfo=UTC),
    ]

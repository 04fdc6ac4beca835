"""`facilitator import-timeline SESSION SOURCE...`: every kind of source, problems as FILE:LINE,
exit codes, and nothing added twice."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from agenda import load_session
from facilitator.cli import main
from tests.core.test_sources_incident import EVERYTHING, EXPECTED, INCIDENT, timeline
from tests.helpers import SOURCES

KIND_LIST = "text, slack, pagerduty, alertmanager, opsgenie, git, github, csv, bash, zsh"


@pytest.fixture
def session(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "incident.toml"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    return path


def everything() -> list[str]:
    return [str(INCIDENT / name) for name in EVERYTHING]


def test_every_source_at_once_then_again(session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-timeline", str(session), *everything()]) == 0
    err = capsys.readouterr().err
    assert (
        f"Imported 30 event(s) into {session} (10 record(s) folded into events of the same moment)"
        in err
    )
    assert "note: 3 join/leave/topic message(s) left out (--with-metadata keeps them)" in err
    assert timeline(load_session(session)) == EXPECTED
    saved = session.read_bytes()
    assert main(["import-timeline", str(session), *everything()]) == 0
    assert f"Imported 0 event(s) into {session} (40 already in the timeline)" in (
        capsys.readouterr().err
    )
    assert session.read_bytes() == saved


def test_a_zipped_slack_export(
    session: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "slack.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in (INCIDENT / "slack-export").rglob("*.json"):
            zf.write(file, file.relative_to(INCIDENT / "slack-export").as_posix())
    assert main(["import-timeline", str(session), str(archive), "--with-metadata"]) == 0
    events = load_session(session).timeline
    assert len(events) == 12 and {e.source.value for e in events} == {"chat"}
    assert "@priya.n has joined the channel" in [e.description for e in events]


def test_bad_lines_are_listed_visibly_and_the_rest_imports(
    session: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "doc.md"
    text.write_text(
        "14:00 Deploy\nnot a time \x1b]52;c;aGk=\x07 here\n14:xx unsure\n14:05 Page\n",
        encoding="utf-8",
    )
    assert main(["import-timeline", str(session), str(text)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert err.splitlines()[:2] == [
        f"{text}:2: no time at the start of the line: not a time \\x1b]52;c;aGk=\\x07 here",
        f"{text}:3: the time is not known exactly: write ~HH:MM, or leave it out: 14:xx unsure",
    ]
    assert "2 line(s) or record(s) could not be read" in err
    assert [e.description for e in load_session(session).timeline] == ["Deploy", "Page"]


def test_json_problems_name_the_path(
    session: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pagerduty = tmp_path / "pd.json"
    pagerduty.write_text(
        '{"log_entries": [{"id": "X1", "type": "trigger_log_entry", "summary": "Triggered", '
        '"created_at": "not a time"}]}'
    )
    assert main(["import-timeline", str(session), str(pagerduty)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{pagerduty}:log_entries[0].created_at: not an ISO 8601 time "
        "(like 2023-11-15T14:22:00Z): not a time"
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--from", "splunk"], f"--from: no kind 'splunk' — the kinds are: {KIND_LIST}"),
        (["--tz", "Mars/Olympus"], "'Mars/Olympus' is not a time zone"),
        (["--date", "15/01/2024"], "--date '15/01/2024' is not a date: write it as YYYY-MM-DD"),
        (["--since", "noon"], "'noon' is not a time"),
        (
            ["--since", "14:30", "--until", "13:00", "--date", "2024-03-12", "--tz", "+02:00"],
            "--since 2024-03-12 12:30 UTC is after --until 2024-03-12 11:00 UTC",
        ),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    session: Path, args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = session.read_bytes()
    assert main(["import-timeline", str(session), str(INCIDENT / "git-log.txt"), *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and fragment in err
    assert session.read_bytes() == before


def test_a_source_of_no_known_kind_is_refused_and_nothing_is_written(
    session: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mystery = tmp_path / "export.json"
    mystery.write_text('{"items": [1, 2, 3]}')
    before = session.read_bytes()
    args = ["import-timeline", str(session), str(INCIDENT / "git-log.txt"), str(mystery)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"facilitator: {mystery}: JSON of no kind we know: not a kind of source we read — "
        f"the kinds are: {KIND_LIST}"
    )
    assert session.read_bytes() == before


def test_since_until_and_tz(session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(INCIDENT / "pagerduty-log-entries.json")
    args = ["--since", "10:09", "--until", "2024-03-12 10:20", "--tz", "America/New_York"]
    assert main(["import-timeline", str(session), source, "--date", "2024-03-12", *args]) == 0
    assert "note: 3 record(s) outside --since/--until left out" in capsys.readouterr().err
    assert [e.at.strftime("%H:%M:%S") for e in load_session(session).sorted_timeline()] == [
        "14:09:40",
        "14:16:30",
    ]


def test_date_anchors_times_written_without_one(session: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("23:50 Backup starts\n00:10 Backup fails\n", encoding="utf-8")
    assert main(["import-timeline", str(session), str(text), "--date", "2017-01-31"]) == 0
    assert [e.at.isoformat() for e in load_session(session).sorted_timeline()] == [
        "2017-01-31T23:50:00+00:00",
        "2017-02-01T00:10:00+00:00",
    ]


def test_stdin_of_any_kind(
    session: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = (INCIDENT / "support-tickets.csv").read_bytes().decode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(csv))
    assert main(["import-timeline", str(session), "-"]) == 0
    events = load_session(session).sorted_timeline()
    assert [e.who for e in events] == ["sam", "sam", "sam"]
    assert events[0].sources[0].ref == "<stdin>:2"


def test_dry_run_lists_and_changes_nothing(
    session: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = session.read_bytes()
    sources = [
        str(INCIDENT / "alertmanager-webhooks.ndjson"),
        str(INCIDENT / "opsgenie-alert-logs.json"),
    ]
    assert main(["import-timeline", str(session), *sources, "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert session.read_bytes() == before
    assert "Would import 5 event(s)" in err
    assert out.splitlines()[1].split() == [
        "2024-03-12",
        "14:07:05",
        "opsgenie",
        "System",
        "Alert",
        "created",
        "via",
        "API[Prometheus]",
        "with",
        "message:",
        "[FIRING:1]",
        "CheckoutErrorRate",
        "checkout",
        "[folds",
        "into",
        "row",
        "1]",
    ]


def test_a_zsh_history_on_stdin(session: Path) -> None:
    history = (INCIDENT / "marco.zsh_history").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "import-timeline", str(session), "-"],
        input=history,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert load_session(session).timeline[-1].description == '$ echo "rollback done ⚠ — watching"'


def test_the_command_never_loads_the_ui(session: Path) -> None:
    code = (
        "import sys\nfrom facilitator.cli import main\n"
        f"main(['import-timeline', {str(session)!r}, {str(INCIDENT / 'git-log.txt')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_a_copied_source_is_still_the_same_records(session: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(SOURCES / "incident", copy)
    assert main(["import-timeline", str(session), *everything()]) == 0
    saved = session.read_bytes()
    assert main(["import-timeline", str(session), *(str(copy / n) for n in EVERYTHING)]) == 0
    assert session.read_bytes() == saved

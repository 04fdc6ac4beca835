"""The facilitator command's contract: exit codes, stdout and one-line errors on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agenda import load_session
from agenda.model import MeetingMode
from facilitator.cli import main
from tests.helpers import SAMPLES


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_export_of_each_sample_prints_the_document(sample: Path) -> None:
    result = run("export", str(sample))
    assert result.returncode == 0, result.stderr
    title = load_session(sample).incident.title
    assert result.stdout.startswith("# Postmortem: ")
    assert title.split()[0] in result.stdout.splitlines()[0]
    assert "## Action items" in result.stdout
    assert result.stderr == ""


def test_export_of_a_broken_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\n[incident\n", encoding="utf-8")
    result = run("export", str(broken))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(broken) in lines[0] and "line 2" in lines[0]
    assert "Traceback" not in result.stderr


def test_export_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "doc.md"
    assert main(["export", str(SAMPLES[0]), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Postmortem: ")


def test_export_refuses_to_overwrite_the_session(tmp_path: Path) -> None:
    session = tmp_path / "s.toml"
    session.write_bytes(SAMPLES[0].read_bytes())
    assert main(["export", str(session), "-o", str(session)]) == 2
    assert session.read_bytes() == SAMPLES[0].read_bytes()


def test_new_creates_a_session(tmp_path: Path) -> None:
    path = tmp_path / "db-outage.toml"
    assert main(["new", str(path), "--title", "DB outage", "--agenda", "lightweight"]) == 0
    session = load_session(path)
    assert session.incident.title == "DB outage"
    assert session.meeting.agenda == "lightweight"
    assert session.meeting.mode is MeetingMode.LIVE


def test_new_async(tmp_path: Path) -> None:
    path = tmp_path / "minor.toml"
    assert main(["new", str(path), "--async"]) == 0
    assert load_session(path).meeting.mode is MeetingMode.ASYNC
    assert load_session(path).incident.title == "minor"


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.toml"
    path.write_text("precious", encoding="utf-8")
    assert main(["new", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "precious"
    assert "already exists" in capsys.readouterr().err


def test_new_with_unknown_agenda(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "s.toml"), "--agenda", "weekly"]) == 2
    assert "no such agenda" in capsys.readouterr().err
    assert not (tmp_path / "s.toml").exists()


def test_a_missing_agenda_file_is_named_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("postmortems").mkdir()
    assert main(["new", "postmortems/db.toml", "--agenda", "agendas/standup.toml"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'agendas' / 'standup.toml'}: no such agenda" in err
    assert ".." not in err and len(err.strip().splitlines()) == 1
    assert not Path("postmortems/db.toml").exists()


def test_opening_a_broken_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 7\n", encoding="utf-8")
    result = run(str(broken))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "newer version" in result.stderr
    assert broken.read_text(encoding="utf-8") == "schema_version = 7\n"


def test_open_without_a_file_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "--demo" in capsys.readouterr().err


def test_unknown_demo_lists_the_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "nope"]) == 2
    assert "checkout-npe" in capsys.readouterr().err


def test_import_timeline_appends_and_reports_unreadable_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = tmp_path / "s.toml"
    assert main(["new", str(session)]) == 0
    text = tmp_path / "chat.txt"
    text.write_text(
        "14:00 — Deploy v2.3.1 pushed\n14:02 - First timeouts\nlunch?\n- 14:32 - Alert fired\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import-timeline", str(session), str(text)]) == 1
    err = capsys.readouterr().err
    assert f"{text}:3: no time at the start of the line: lunch?" in err
    assert "Imported 3 event(s)" in err
    events = load_session(session).sorted_timeline()
    assert [e.description for e in events] == [
        "Deploy v2.3.1 pushed",
        "First timeouts",
        "Alert fired",
    ]


def test_import_timeline_all_readable_exits_0(tmp_path: Path) -> None:
    session = tmp_path / "s.toml"
    session.write_bytes(SAMPLES[0].read_bytes())
    before = len(load_session(session).timeline)
    text = tmp_path / "more.txt"
    text.write_text("2024-03-12T15:00:00Z Postmortem scheduled\n", encoding="utf-8")
    assert main(["import-timeline", str(session), str(text)]) == 0
    assert len(load_session(session).timeline) == before + 1


def test_import_timeline_into_a_broken_session_changes_nothing(tmp_path: Path) -> None:
    session = tmp_path / "s.toml"
    session.write_text("schema_version = 1\n[[timeline]]\nid = 'E1'\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("14:00 — x\n", encoding="utf-8")
    result = run("import-timeline", str(session), str(text))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert session.read_text(encoding="utf-8") == "schema_version = 1\n[[timeline]]\nid = 'E1'\n"


def test_new_with_a_custom_agenda_relative_to_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("standup.toml").write_text(
        'title = "Tiny"\n[[phases]]\nkey = "all"\ntitle = "All"\npane = "timeline"\nminutes = 9\n',
        encoding="utf-8",
    )
    Path("postmortems").mkdir()
    assert main(["new", "postmortems/db.toml", "--agenda", "standup.toml"]) == 0
    session = load_session(tmp_path / "postmortems" / "db.toml")
    assert session.meeting.agenda == "../standup.toml"
    from agenda.agendas import resolve_agenda

    monkeypatch.chdir("/")
    assert resolve_agenda(session.meeting.agenda, tmp_path / "postmortems" / "db.toml").minutes == 9

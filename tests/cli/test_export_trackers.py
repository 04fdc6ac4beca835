"""`facilitator export --format jira-csv | github-json | gh-script`: the command's contract."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from agenda import load_session, save_session
from agenda.model import Session
from facilitator.cli import main
from tests.helpers import SAMPLES


def copy_without_tickets(tmp_path: Path, sample: Path) -> Path:
    session = load_session(sample)
    data = session.model_dump()
    for action in data["actions"]:
        action["ticket"] = ""
    path = tmp_path / sample.name
    save_session(Session.model_validate(data), path)
    return path


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_jira_csv_of_each_sample(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_without_tickets(tmp_path, sample)
    assert main(["export", str(path), "--format", "jira-csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    expected = [a for a in load_session(path).actions if a.status.is_open]
    assert [r["Summary"] for r in rows] == [a.title for a in expected]
    assert [r["Assignee"] for r in rows] == [a.owner.removeprefix("@") for a in expected]


def test_ticketed_actions_are_left_out_and_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SAMPLES[0]), "--format", "github-json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "no open action without a ticket" in err and "--all" in err
    assert main(["export", str(SAMPLES[0]), "--format", "github-json", "--all"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(load_session(SAMPLES[0]).actions)


def test_link_goes_into_every_issue(capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://git.example.com/postmortems/blob/main/checkout-npe.md"
    assert main(["export", str(SAMPLES[0]), "--format", "github-json", "--all", "--link", url]) == 0
    issues = json.loads(capsys.readouterr().out)
    assert all(f"<{url}>" in issue["body"] for issue in issues)


def test_gh_script_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "issues.sh"
    assert main(["export", str(SAMPLES[1]), "--format", "gh-script", "--all", "-o", str(out)]) == 0
    script = out.read_text(encoding="utf-8")
    assert script.startswith("#!/bin/sh\n") and script.count("gh issue create") == 6
    assert f"Wrote {out}" in capsys.readouterr().err


def secret_session(tmp_path: Path) -> Path:
    data = load_session(SAMPLES[0]).model_dump()
    data["actions"][2]["ticket"] = ""
    data["actions"][2]["title"] = "Rotate the key AKIAIOSFODNN7EXAMPLE leaked in the runbook"
    path = tmp_path / "leak.toml"
    save_session(Session.model_validate(data), path)
    return path


@pytest.mark.parametrize("format_", ["jira-csv", "github-json", "gh-script"])
def test_the_secrets_gate_applies_to_tracker_formats(
    format_: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secret_session(tmp_path)
    assert main(["export", str(path), "--format", format_]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not exported" in err and len(err.splitlines()) == 1
    assert main(["export", str(path), "--format", format_, "--redact"]) == 0
    out = capsys.readouterr().out
    assert "AKIAIOSFODNN7EXAMPLE" not in out and "[REDACTED]" in out
    assert main(["export", str(path), "--format", format_, "--allow-secrets"]) == 0
    assert "AKIAIOSFODNN7EXAMPLE" in capsys.readouterr().out


def test_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(SAMPLES[0]), "--format", "linear"])
    assert exit_.value.code == 2
    assert "jira-csv" in capsys.readouterr().err

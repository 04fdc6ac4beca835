"""`facilitator review FILE`: the review flow from a script."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from agenda import load_session
from agenda.safety import lock_path
from agenda.vocabulary import DocumentStatus
from facilitator.cli import main
from tests.helpers import SAMPLES


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "pm.toml"
    path.write_text(
        SAMPLES[1]
        .read_text(encoding="utf-8")
        .replace('status = "in review"', 'status = "draft"', 1),
        encoding="utf-8",
    )
    assert load_session(path).incident.status is DocumentStatus.DRAFT
    return path


def test_from_draft_to_final_with_every_approval(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = str(draft)
    assert main(["review", f, "--add-reviewer", "@lee", "--role", "engineering manager"]) == 0
    assert main(["review", f, "--add-reviewer", "@kim", "--status", "in-review"]) == 0
    assert main(["review", f, "--approve", "@lee", "--comment", "@kim", "Add the graph"]) == 0
    before = draft.read_bytes()
    capsys.readouterr()
    assert main(["review", f, "--status", "final"]) == 2
    err = capsys.readouterr().err
    assert "@kim" in err and "--force-by" in err and len(err.splitlines()) == 1
    assert draft.read_bytes() == before
    assert main(["review", f, "--approve", "@kim", "--resolve", "1", "--status", "final"]) == 0
    session = load_session(draft)
    assert session.incident.status is DocumentStatus.FINAL
    assert all(r.approved is not None for r in session.review.reviewers)
    assert session.review.reviewers[0].role == "engineering manager"
    assert session.review.comments[0].resolved


def test_an_override_is_recorded(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = str(draft)
    assert main(["review", f, "--add-reviewer", "@lee", "--status", "in-review"]) == 0
    assert main(["review", f, "--status", "final", "--force-by", "@erin"]) == 2
    argv = ["--status", "final", "--force-by", "@erin", "--reason", "Customers need it today"]
    assert main(["review", f, *argv]) == 0
    capsys.readouterr()
    assert main(["review", f, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "final" and shown["pending"] == ["@lee"]
    assert shown["forced"]["by"] == "@erin" and shown["forced"]["pending"] == ["@lee"]
    assert main(["export", f]) == 0
    assert "Made final without every approval" in capsys.readouterr().out


def test_force_without_final_is_refused(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(draft), "--force-by", "@erin", "--reason", "x"]) == 2
    assert "--status final" in capsys.readouterr().err


def test_a_session_open_in_the_app_is_not_written(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = {
        "user": "sam",
        "host": socket.gethostname(),
        "pid": os.getppid(),
        "since": "2024-01-01T00:00:00+00:00",
    }
    lock_path(draft).write_text(json.dumps(holder), encoding="utf-8")
    before = draft.read_bytes()
    assert main(["review", str(draft), "--add-reviewer", "@lee"]) == 2
    assert "open in the app by sam@" in capsys.readouterr().err
    assert draft.read_bytes() == before and lock_path(draft).exists()


def test_names_with_control_characters_are_shown_visibly(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(draft), "--add-reviewer", "@x\x1b]2;pwned\x07"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b]2;pwned\\x07" in out

"""`facilitator actions`, `search` and `report` over a folder: the samples, shifted copies with
other services, a broken file, and files that are not postmortems."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from agenda import load_session, save_session
from agenda.model import Session, shifted
from facilitator.cli import main
from tests.core.test_export import assert_well_formed
from tests.helpers import SAMPLES

TODAY = date(2024, 12, 31)
ORDERS = ["orders-db", "orders-api"]


def variant(sample: Path, days: int, incident_id: str, **incident: Any) -> Session:
    data = shifted(load_session(sample), days).model_dump()
    data["incident"].update(id=incident_id, **incident)
    return Session.model_validate(data)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "postmortems"
    (root / "2024").mkdir(parents=True)
    for sample in SAMPLES:
        (root / sample.name).write_bytes(sample.read_bytes())
    oom = variant(SAMPLES[0], 200, "INC-2024-0602", services=ORDERS, tags=["redis", "database"])
    save_session(oom, root / "2024" / "orders-oom.toml")
    slow = variant(SAMPLES[1], 250, "INC-2024-1016", services=["orders-db"], severity="SEV3")
    start = slow.incident.times.impact_start
    assert start is not None
    slow.incident.key_events.mitigated = ""  # a time of its own, marked on no event
    slow.incident.times.mitigated = start + timedelta(hours=3)
    save_session(slow, root / "2024" / "orders-slow.toml")
    (root / "broken.toml").write_text("schema_version = 1\n[incident\n", encoding="utf-8")
    (root / "standup.toml").write_text('title = "Tiny"\n[[phases]]\nkey = "a"\n', "utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config.toml").write_text("[broken", encoding="utf-8")
    return root


def sessions(folder: Path) -> dict[str, Session]:
    """Every readable session of the folder, loaded the ordinary way, by file name."""
    found = {}
    for path in sorted(folder.rglob("*.toml")):
        if ".git" in path.parts or path.name in ("broken.toml", "standup.toml"):
            continue
        found[path.name] = load_session(path)
    return found


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main([*argv, "--format", "json", "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def assert_broken_named(err: str, folder: Path) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert str(folder / "broken.toml") in lines[0] and "line 2" in lines[0]


def test_actions_lists_every_open_action_and_names_the_broken_file(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, document, err = run_json(capsys, "actions", str(folder), "--open")
    assert code == 1
    assert_broken_named(err, folder)
    expected = {
        (name, a.id) for name, s in sessions(folder).items() for a in s.actions if a.status.is_open
    }
    listed = [(Path(row["file"]).name, row["id"]) for row in document["actions"]]
    assert set(listed) == expected and len(listed) == len(expected)
    promised = [row["promised"] for row in document["actions"]]
    assert promised == sorted(promised)
    assert document["sessions"] == 5
    assert [s["file"] for s in document["skipped"]] == [str(folder / "broken.toml")]


def test_completion_rates_count_every_action(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, document, _ = run_json(capsys, "actions", str(folder), "--open")
    every = [a for s in sessions(folder).values() for a in s.actions]
    done = sum(a.status.value == "done" for a in every)
    overall = document["completion"]["overall"]
    assert overall["total"] == len(every) and overall["done"] == done
    assert overall["rate"] == pytest.approx(done / len(every), abs=1e-4)
    by_severity = document["completion"]["by_severity"]
    assert by_severity["SEV3"]["total"] == 6 and by_severity["SEV3"]["done"] == 0
    assert sum(group["total"] for group in document["completion"]["by_month"].values()) == len(
        every
    )


def test_overdue_owner_service_and_age_filters(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    every = {(n, a.id): (s, a) for n, s in sessions(folder).items() for a in s.actions}
    _, document, _ = run_json(capsys, "actions", str(folder), "--overdue")
    overdue = {
        key
        for key, (_, a) in every.items()
        if a.status.is_open and a.due is not None and a.due < TODAY
    }
    assert {(Path(r["file"]).name, r["id"]) for r in document["actions"]} == overdue
    assert all(r["overdue_days"] > 0 for r in document["actions"])

    _, document, _ = run_json(capsys, "actions", str(folder), "--owner", "bob")
    assert {r["owner"] for r in document["actions"]} == {"@bob"}
    assert len(document["actions"]) == sum(a.owner == "@bob" for _, a in every.values())

    _, document, _ = run_json(capsys, "actions", str(folder), "--service", "ORDERS-DB")
    assert {Path(r["file"]).name for r in document["actions"]} == {
        "orders-oom.toml",
        "orders-slow.toml",
    }

    _, document, _ = run_json(capsys, "actions", str(folder), "--open", "--older-than", "300d")
    cutoff = TODAY - timedelta(days=300)
    assert document["actions"] and all(
        date.fromisoformat(r["promised"]) <= cutoff for r in document["actions"]
    )
    assert {Path(r["file"]).name for r in document["actions"]} == {
        n for n, s in sessions(folder).items() if s.meeting.date and s.meeting.date <= cutoff
    }


def test_actions_as_csv_and_text(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", str(folder), "--format", "csv", "--today", "2024-12-31"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == sum(len(s.actions) for s in sessions(folder).values())
    assert {"file", "id", "title", "owner", "due", "status", "overdue_days"} <= set(rows[0])
    assert main(["actions", str(folder), "--overdue", "--today", "2024-12-31"]) == 1
    out = capsys.readouterr().out
    assert "overdue" in out and "Completion:" in out and "By severity:" in out


def search(capsys: pytest.CaptureFixture[str], folder: Path, *argv: str) -> list[str]:
    code, document, err = run_json(capsys, "search", str(folder), *argv)
    assert code == 1
    assert_broken_named(err, folder)
    return [Path(incident["file"]).name for incident in document["incidents"]]


def test_search_answers_the_seed_queries(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert search(capsys, folder, "--service", "orders-db") == [
        "orders-slow.toml",
        "orders-oom.toml",
    ]
    assert search(capsys, folder, "--tag", "deployment") == [
        "orders-slow.toml",
        "create-index-lock.toml",
        "connection-pool-exhaustion.toml",
        "checkout-npe.toml",
    ]
    assert search(capsys, folder, "--ttm-over", "2h") == ["orders-slow.toml"]
    assert search(capsys, folder, "--severity", "sev3") == ["orders-slow.toml"]
    assert search(capsys, folder, "--since", "2024-02-01", "--until", "2024-06-30") == [
        "orders-oom.toml",
        "create-index-lock.toml",
        "connection-pool-exhaustion.toml",
    ]
    assert search(capsys, folder, "--text", "nullpointerexception DELETED") == [
        "orders-oom.toml",
        "checkout-npe.toml",
    ]
    assert search(capsys, folder, "--category", "communication", "--service", "orders-db") == [
        "orders-oom.toml"
    ]


def test_search_counts_what_recurs(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, document, _ = run_json(capsys, "search", str(folder), "--tag", "database")
    services = {c["name"]: c for c in document["counts"]["services"]}
    assert services["orders-db"]["incidents"] == 2
    assert services["orders-db"]["last_12_months"] == 2
    assert services["orders-db"]["latest"] == "INC-2024-1016"
    main(["search", str(folder), "--tag", "database", "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert "2nd incident on orders-db in the last 12 months (latest INC-2024-1016" in out
    assert "4 incident(s)." in out


def test_report_writes_markdown_and_names_the_broken_file(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.md"
    assert main(["report", str(folder), "-o", str(out), "--today", TODAY.isoformat()]) == 1
    assert_broken_named(capsys.readouterr().err.replace(f"Wrote {out}\n", ""), folder)
    markdown = out.read_text(encoding="utf-8")
    assert_well_formed(markdown)
    for heading in (
        "## Incidents by severity",
        "## Incidents by service",
        "## Time to detect and to mitigate",
        "## Contributing factors",
        "## Action items",
        "## Oldest open promises",
        "## Files that could not be read",
    ):
        assert heading in markdown
    assert "5 postmortem(s)" in markdown
    assert main(["report", str(folder), "--since", "2024-06-01", "--today", "2024-12-31"]) == 1
    assert "2 postmortem(s)" in capsys.readouterr().out


def test_report_never_overwrites_a_session(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = folder / SAMPLES[0].name
    assert main(["report", str(folder), "-o", str(target)]) == 2
    assert target.read_bytes() == SAMPLES[0].read_bytes()
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["actions", "{folder}", "--older-than", "60"], "60d"),
        (["search", "{folder}", "--ttm-over", "two hours"], "2h"),
        (["search", "{folder}", "--since", "last year"], "2024-01-31"),
        (["search", "{folder}", "--category", "luck"], "technical"),
        (["search", "{folder}", "--since", "2024-06-30", "--until", "2024-02-01"], "swap them"),
        (["report", "{folder}", "--since", "2024-06-30", "--until", "2024-02-01"], "swap them"),
        (["actions", "{folder}/nowhere"], "no such folder"),
        (["report", "{folder}/broken.toml"], "not a folder"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    argv: list[str], message: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([arg.format(folder=folder) for arg in argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and message in err


def test_a_hostile_file_name_reaches_the_terminal_visible(tmp_path: Path) -> None:
    (tmp_path / "evil\x1b]2;pwned\x07.toml").write_text("[x\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "actions", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\\x1b]2;pwned\\x07.toml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_the_report_shows_hostile_titles_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = load_session(SAMPLES[0])
    session.incident.title = "Outage \x1b]52;c;cHduZWQ=\x07 of checkout"
    save_session(session, tmp_path / "pm.toml")
    assert main(["report", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Outage \\x1b\\]52;c;cHduZWQ=\\x07 of checkout" in out


def test_an_empty_folder_is_no_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", str(tmp_path)]) == 0
    assert "0 action(s) listed from 0 postmortem(s)" in capsys.readouterr().out

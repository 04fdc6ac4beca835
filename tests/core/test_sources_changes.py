"""git log, GitHub deployments, CSV timelines and shell history."""

from __future__ import annotations

import json
from datetime import UTC, date
from pathlib import Path

import pytest

from agenda.sources.read import read_sources
from agenda.sources.records import Parsed, ReadOptions, parse_zone
from agenda.sources.tables import unmetafy
from tests.helpers import SOURCES

INCIDENT = SOURCES / "incident"


def read(*paths: Path, **options: object) -> Parsed:
    return read_sources([str(p) for p in paths], ReadOptions(day=date(2024, 3, 12), **options))  # type: ignore[arg-type]


def rows(parsed: Parsed) -> list[tuple[str, str, str]]:
    ordered = sorted(parsed.records, key=lambda r: r.at)
    return [(r.at.strftime("%m-%d %H:%M:%S"), r.who, r.text) for r in ordered]


def test_git_log_commits_land_at_their_committer_date() -> None:
    parsed = read(INCIDENT / "git-log.txt")
    assert not parsed.problems
    assert rows(parsed) == [
        ("03-11 23:21:45", "Dana Reyes", "Tidy checkout log fields [0f1e2d3c, tag: v4.1]"),
        (
            "03-12 13:58:10",
            "Dana Reyes",
            "Merge pull request #812 from acme/cache-saved-methods (merge) "
            "[a1b2c3d4, tag: v4.2, landed by GitHub]",
        ),
        (
            "03-12 14:26:40",
            "Marco Rossi",
            'Revert "Cache saved payment methods in the checkout session (#812)" '
            "[5e6f7a8b, HEAD -> main, origin/main]",
        ),
    ]
    assert parsed.records[0].ref == "5e6f7a8b9c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5"


def test_a_git_line_in_another_format_is_reported(tmp_path: Path) -> None:
    good = (INCIDENT / "git-log.txt").read_text().splitlines()[0]
    source = tmp_path / "log.txt"
    source.write_text(f"{good}\n{good[:60]}\x1fonly three\x1ffields\n")
    parsed = read(source)
    assert len(parsed.records) == 1
    assert str(parsed.problems[0]).startswith(f"{source}:2: not a commit in the format %H%x1f%P")
    assert "\\x1f" in str(parsed.problems[0])  # the separator is shown, never written raw


def test_github_deploy_time_is_the_first_success_and_inactive_is_no_rollback() -> None:
    parsed = read(
        INCIDENT / "github-deployments.json",
        INCIDENT / "github-statuses-1001.json",
        INCIDENT / "github-statuses-1002.json",
    )
    assert not parsed.problems
    assert rows(parsed) == [
        (
            "03-12 14:02:30",
            "deploy-bot",
            "Deployed v4.2 (a1b2c3d4) to production: Rollout complete: 24/24 pods",
        ),
        (
            "03-12 14:20:15",
            "marco-rossi",
            "Deployed v4.1 (0f1e2d3c) to production: Rollout complete: 24/24 pods",
        ),
    ]
    assert sorted(r.ref for r in parsed.records) == [
        "deployment 1001 status 50012",
        "deployment 1002 status 50021",
    ]


def test_github_failures_and_deployments_without_statuses(tmp_path: Path) -> None:
    deployments = tmp_path / "deployments.json"
    deployments.write_text(
        json.dumps(
            [
                {
                    "id": 7,
                    "sha": "abcdef0123456789",
                    "ref": "main",
                    "environment": "staging",
                    "creator": {"login": "ci"},
                    "created_at": "2024-03-12T09:00:00Z",
                    "statuses": [
                        {
                            "id": 1,
                            "state": "failure",
                            "description": "health check",
                            "created_at": "2024-03-12T09:03:00Z",
                        },
                        {"id": 2, "state": "success", "created_at": "2024-03-12T09:09:00Z"},
                        {"id": 3, "state": "success", "created_at": "2024-03-12T09:19:00Z"},
                    ],
                },
                {
                    "id": 8,
                    "sha": "1234567890abcdef",
                    "ref": "",
                    "environment": "production",
                    "creator": {"login": "ci"},
                    "created_at": "2024-03-12T10:00:00Z",
                    "statuses_url": "…",
                },
            ]
        )
    )
    assert rows(read(deployments)) == [
        ("03-12 09:03:00", "ci", "Deployment of main (abcdef01) to staging failed: health check"),
        ("03-12 09:09:00", "ci", "Deployed main (abcdef01) to staging"),
        (
            "03-12 10:00:00",
            "ci",
            "Deployment of 12345678 to production created (its statuses are not in the export)",
        ),
    ]


def test_csv_with_a_bom_offsets_quotes_and_a_line_break() -> None:
    parsed = read(INCIDENT / "support-tickets.csv")
    assert not parsed.problems
    assert rows(parsed) == [
        ("03-12 14:05:00", "sam", 'First ticket: "payment failed" at checkout'),
        (
            "03-12 14:18:00",
            "sam",
            "Nine tickets in ten minutes, all with saved cards\r\nEscalated to #inc-checkout",
        ),
        ("03-12 14:40:00", "sam", "Status page updated: resolved"),
    ]
    assert [r.ref for r in parsed.records] == [
        "support-tickets.csv:2",
        "support-tickets.csv:3",
        "support-tickets.csv:5",
    ]


def test_csv_refuses_what_it_would_have_to_guess(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text(
        "time,description\n03/04/2024 10:00,ambiguous\n2024-03-12 10:00,no offset\n"
        "2024-03-12T10:00:00Z,\nyesterday,not a time\n2024-03-12T10:00:00+01:00,kept\n"
    )
    parsed = read(source)
    assert [r.text for r in parsed.records] == ["kept"]
    assert [(p.line, p.message) for p in parsed.problems] == [
        (2, "a date like 03/04/2024 is ambiguous: write it as ISO 8601"),
        (3, "the time has no offset: give --tz, or write Z or +HH:MM"),
        (4, "no description"),
        (5, "not an ISO 8601 time (like 2023-11-15T14:22:00Z)"),
    ]
    with_zone = read(source, zone=parse_zone("America/New_York"), zone_given=True)
    assert [r.at.astimezone(UTC).hour for r in with_zone.records] == [14, 9]


def test_bash_history_with_timestamps_and_multi_line_commands() -> None:
    parsed = read(INCIDENT / "priya.bash_history")
    assert not parsed.problems
    assert rows(parsed) == [
        ("03-12 14:00:00", "", "$ kubectl -n checkout rollout status deploy/checkout"),
        (
            "03-12 14:14:02",
            "",
            "$ kubectl -n checkout logs deploy/checkout --since=15m \\\n"
            "  | grep -c NullPointerException",
        ),
        (
            "03-12 14:18:20",
            "",
            "$ for pod in $(kubectl -n checkout get pods -o name); do\n"
            '  kubectl -n checkout exec "$pod" -- curl -s localhost:8080/health\ndone',
        ),
    ]


def test_bash_lines_before_the_first_timestamp_are_reported(tmp_path: Path) -> None:
    source = tmp_path / "h"
    source.write_text("#1710252000\nls\n#1710252001\n#1710252002\npwd\n")
    parsed = read(source)
    assert [r.text for r in parsed.records] == ["$ ls", "$ pwd"]
    assert [(p.line, p.message) for p in parsed.problems] == [
        (3, "a timestamp with no command after it")
    ]
    source.write_text("ls\n#1710252000\npwd\n")
    parsed = read(source)
    assert [r.text for r in parsed.records] == ["$ pwd"]
    assert [str(p) for p in parsed.problems] == [
        f"{source}:1: no #timestamp before it (HISTTIMEFORMAT was not set yet): ls"
    ]


def test_zsh_extended_history_metafied_and_continued() -> None:
    parsed = read(INCIDENT / "marco.zsh_history")
    assert not parsed.problems
    assert rows(parsed) == [
        ("03-12 14:16:10", "", "$ helm rollback checkout 41 -n checkout --wait  (ran 1m 35s)"),
        ("03-12 14:16:45", "", "$ kubectl -n checkout get pods \n  -l app=checkout"),
        ("03-12 14:25:00", "", '$ echo "rollback done ⚠ — watching"'),
    ]


@pytest.mark.parametrize(
    ("metafied", "plain"),
    [
        (b"\x83\xba", b"\x9a"),
        (b"caf\xc3\xa9", b"caf\xc3\xa9"),
        (b"\xe2\x83\xba\x83\x80", "⚠".encode()),
    ],
)
def test_unmetafy(metafied: bytes, plain: bytes) -> None:
    assert unmetafy(metafied) == plain

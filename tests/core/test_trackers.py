"""Tracker exports: Jira CSV rows, GitHub create-issue bodies, and a gh script that runs nothing
but gh, whatever the titles say."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from agenda import load_session
from agenda.model import Action, ActionStatus, Factor, Priority, Session
from agenda.trackers import (
    GITHUB_TITLE_LIMIT,
    JIRA_PRIORITIES,
    gh_script,
    github_json,
    jira_csv,
    tracker_actions,
)
from tests.helpers import SAMPLES

LINK = "https://wiki.example.com/postmortems/INC-1"

HOSTILE_TITLES = [
    "$(touch pwned-subst)",
    "`touch pwned-backtick`",
    "it's '; touch pwned-single; '",
    'say "$(touch pwned-double)" and "',
    "first line\ntouch pwned-newline",
    "-rf --repo=evil/repo",
    "--help",
    "$HOME ${PATH} $((1+1)) !! * ~ \\ \\\\ trailing\\",
    "'",
    "\"'\"'",
    "; rm -rf ~ #",
    "| tee pwned-pipe && touch pwned-and",
]

CREATE_ISSUE_FIELDS = {"title", "body", "assignee", "assignees", "milestone", "labels", "type"}
"""What GitHub's create-issue request takes (POST /repos/{owner}/{repo}/issues)."""
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


def without_tickets(session: Session) -> Session:
    data = session.model_dump()
    for action in data["actions"]:
        action["ticket"] = ""
    return Session.model_validate(data)


def hostile_session() -> Session:
    return Session(
        incident={"id": "INC-7", "title": "$(touch pwned-incident)\n`x`"},
        analysis={"factors": [Factor(id="F1", title="'; touch pwned-factor; '")]},
        actions=[
            Action(
                id=f"A{i}",
                title=title,
                owner=title if i % 2 else "@alice",
                due=date(2024, 5, i),
                factors=["F1"],
            )
            for i, title in enumerate(HOSTILE_TITLES, start=1)
        ],
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_jira_csv_has_one_row_per_open_action(sample: Path) -> None:
    session = without_tickets(load_session(sample))
    rows = list(csv.DictReader(io.StringIO(jira_csv(session, tracker_actions(session), LINK))))
    open_actions = [a for a in session.actions if a.status.is_open]
    assert open_actions
    assert len(rows) == len(open_actions)
    for row, action in zip(rows, open_actions, strict=True):
        assert row["Summary"] == action.title
        assert row["Assignee"] == action.owner.removeprefix("@")
        assert action.due is not None and row["Due date"] == action.due.isoformat()
        assert row["Priority"] == JIRA_PRIORITIES[action.priority]
        assert action.title in row["Description"] and LINK in row["Description"]


def test_jira_labels_are_one_column_each_and_hold_type_and_incident() -> None:
    session = without_tickets(load_session(SAMPLES[0]))
    reader = csv.reader(io.StringIO(jira_csv(session, tracker_actions(session), LINK)))
    header = next(reader)
    assert header[:5] == ["Summary", "Description", "Assignee", "Due date", "Priority"]
    label_columns = [i for i, name in enumerate(header) if name == "Labels"]
    for row, action in zip(reader, tracker_actions(session), strict=True):
        labels = {row[i] for i in label_columns}
        assert {action.type.value, session.incident.id, "postmortem"} <= labels
        assert all(" " not in label for label in labels)


def test_priorities_map_to_jira_names() -> None:
    assert [JIRA_PRIORITIES[p] for p in Priority] == ["Highest", "High", "Medium", "Low"]


def test_actions_with_a_ticket_or_closed_are_left_out_unless_all() -> None:
    session = load_session(SAMPLES[0])
    assert all(a.ticket for a in session.actions)
    assert tracker_actions(session) == []
    assert tracker_actions(session, include_all=True) == session.actions
    data = session.model_dump()
    data["actions"][2]["ticket"] = ""
    data["actions"][0]["ticket"] = ""  # done: nothing to file
    assert [a.id for a in tracker_actions(Session.model_validate(data))] == ["A3"]


def test_jira_csv_keeps_hostile_text_in_its_cells() -> None:
    session = hostile_session()
    text = jira_csv(session, session.actions, LINK)
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(HOSTILE_TITLES)
    for row, title in zip(rows, HOSTILE_TITLES, strict=True):
        assert title in row["Description"]
        assert row["Summary"] == " ".join(title.split())


def test_control_characters_are_made_visible_in_every_format() -> None:
    session = Session(actions=[Action(id="A1", title="retitle \x1b]2;pwned\x07 \x9b31m")])
    for text in (
        jira_csv(session, session.actions, LINK),
        github_json(session, session.actions, LINK),
        gh_script(session, session.actions, LINK),
    ):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text.replace("\r\n", "\n"))
        assert "\\x1b]2;pwned\\x07" in text.replace("\\\\", "\\")


def test_github_json_is_what_the_create_issue_api_takes() -> None:
    session = load_session(SAMPLES[1])
    issues: list[dict[str, Any]] = json.loads(github_json(session, session.actions, LINK))
    assert len(issues) == len(session.actions)
    for issue, action in zip(issues, session.actions, strict=True):
        assert set(issue) <= CREATE_ISSUE_FIELDS and "milestone" not in issue
        assert isinstance(issue["title"], str) and 0 < len(issue["title"]) <= GITHUB_TITLE_LIMIT
        assert isinstance(issue["body"], str) and LINK in issue["body"]
        assert issue["assignees"] == [action.owner.removeprefix("@")]
        assert all(LOGIN.fullmatch(login) for login in issue["assignees"])
        assert all(isinstance(label, str) and label for label in issue["labels"])
        assert action.type.value in issue["labels"]


def test_an_owner_that_is_no_login_is_named_in_the_body_only() -> None:
    session = Session(actions=[Action(id="A1", title="Fix it", owner="Alice Smith (SRE)")])
    (issue,) = json.loads(github_json(session, session.actions, LINK))
    assert issue["assignees"] == []
    assert "Alice Smith (SRE)" in issue["body"]


def test_a_long_title_is_shortened_for_github_and_kept_whole_in_the_body() -> None:
    title = "Add a check " * 40
    session = Session(actions=[Action(id="A1", title=title)])
    (issue,) = json.loads(github_json(session, session.actions, LINK))
    assert len(issue["title"]) == GITHUB_TITLE_LIMIT and issue["title"].endswith("…")
    assert title.strip() in issue["body"]


# ---- the gh script, run for real with a stand-in gh --------------------------------------------

FAKE_GH = """#!/bin/sh
printf '%s\\0' "$#" >> "$GH_LOG"
for arg in "$@"; do printf '%s\\0' "$arg" >> "$GH_LOG"; done
if [ "$1" = issue ] && [ "$2" = create ]; then echo "https://github.com/o/r/issues/1"; fi
"""


def run_script(script: str, tmp_path: Path) -> list[list[str]]:
    """Run the script with a gh on PATH that records its calls; returns each call's arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(0o755)
    (tmp_path / "issues.sh").write_text(script, encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin",
        "GH_LOG": str(log),
        "HOME": "/nonexistent",
    }
    sh = shutil.which("sh")
    assert sh is not None
    result = subprocess.run(
        [sh, "issues.sh"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    fields = log.read_bytes().decode("utf-8").split("\0")[:-1]
    calls = []
    while fields:
        count = int(fields.pop(0))
        calls.append(fields[:count])
        del fields[:count]
    return calls


def test_gh_script_passes_hostile_titles_unchanged_and_runs_nothing_else(tmp_path: Path) -> None:
    session = hostile_session()
    calls = run_script(gh_script(session, session.actions, LINK), tmp_path)
    creates = [call for call in calls if call[:2] == ["issue", "create"]]
    titles = [
        arg.removeprefix("--title=") for c in creates for arg in c if arg.startswith("--title=")
    ]
    assert titles == HOSTILE_TITLES
    for call, action in zip(creates, session.actions, strict=True):
        assignees = [arg for arg in call if arg.startswith("--assignee")]
        assert assignees == (["--assignee=alice"] if action.owner == "@alice" else [])
    assert all(call[0] in ("issue", "label") for call in calls)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "gh.log", "issues.sh"]


def test_gh_script_files_each_action_with_its_labels(tmp_path: Path) -> None:
    session = without_tickets(load_session(SAMPLES[2]))
    actions = tracker_actions(session)
    calls = run_script(gh_script(session, actions, LINK), tmp_path)
    creates = [call for call in calls if call[:2] == ["issue", "create"]]
    assert len(creates) == len(actions)
    for call, action in zip(creates, actions, strict=True):
        assert f"--title={action.title}" in call
        assert f"--label={action.type.value}" in call
        assert f"--label={session.incident.id}" in call
    labels = [call[-1] for call in calls if call[:2] == ["label", "create"]]
    assert set(labels) == {"postmortem", session.incident.id} | {a.type.value for a in actions}


def test_gh_script_closes_what_is_already_done_when_all_are_filed(tmp_path: Path) -> None:
    session = load_session(SAMPLES[0])
    calls = run_script(gh_script(session, session.actions, LINK), tmp_path)
    closed = [call for call in calls if call[:2] == ["issue", "close"]]
    done = [a for a in session.actions if a.status is ActionStatus.DONE]
    assert len(closed) == len(done) > 0
    assert all(call[-1] == "https://github.com/o/r/issues/1" for call in closed)

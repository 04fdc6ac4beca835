"""Provides the action items for issue trackers: a Jira CSV, GitHub issue JSON and a `gh` script.

Every export takes the same actions (`tracker_actions`) and writes the same facts about each: the
full title, owner, due date, priority, type, the contributing factors it addresses, the incident,
and a link back to the postmortem. User text is never interpreted: CSV and JSON quote it, and
the shell script single-quotes every word, so no title, owner or body can run a command.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from agenda.markdown import inline
from agenda.model import Action, ActionStatus, Priority, Session
from agenda.visible import visible


class TrackerFormat(StrEnum):
    """The tracker formats `facilitator export --format` writes besides Markdown."""

    JIRA_CSV = "jira-csv"
    GITHUB_JSON = "github-json"
    GH_SCRIPT = "gh-script"


JIRA_PRIORITIES = {
    Priority.P0: "Highest",
    Priority.P1: "High",
    Priority.P2: "Medium",
    Priority.P3: "Low",
}
"""P0–P3 to the priorities every Jira site ships with."""

JIRA_SUMMARY_LIMIT = 255
GITHUB_TITLE_LIMIT = 256
"""Longer titles are refused by the tracker; the full title always opens the description."""

_GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
MAX_LABELS = 3


def tracker_actions(session: Session, *, include_all: bool = False) -> list[Action]:
    """The actions to file: open ones without a ticket yet (with ``include_all``, every one)."""
    if include_all:
        return list(session.actions)
    return [a for a in session.actions if a.status.is_open and not a.ticket.strip()]


def _clean(text: str) -> str:
    """Text for a tracker: line breaks and tabs kept, other control characters made visible."""
    return visible(text.replace("\r\n", "\n"), keep="\n\t")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _login(owner: str) -> str:
    """The owner as a tracker user name ("@alice" → "alice"), or "" when it cannot be one."""
    name = owner.strip().removeprefix("@")
    return name if _GITHUB_LOGIN.fullmatch(name) else ""


def labels(session: Session, action: Action) -> list[str]:
    """ "postmortem", the action type, and the incident id (without spaces, which Jira refuses)."""
    found = ["postmortem", action.type.value]
    incident = "-".join(_clean(session.incident.id).split())
    if incident:
        found.append(incident)
    return found


def _facts(session: Session, action: Action, link: str) -> list[tuple[str, str]]:
    incident = session.incident
    about = " ".join(part for part in (incident.id, f"({incident.severity.value})") if part)
    return [
        ("Owner", action.owner or "—"),
        ("Due", action.due.isoformat() if action.due else "—"),
        ("Priority", action.priority.value),
        ("Type", action.type.value),
        ("Status", action.status.value),
        ("Incident", f"{about} {incident.title}".strip()),
        ("Postmortem", f"{link} (action {action.id})"),
    ]


def _factor_lines(session: Session, action: Action) -> list[tuple[str, str, str]]:
    titles = {f.id: (f.title, f.category.value) for f in session.analysis.factors}
    return [(ref, *titles[ref]) for ref in action.factors if ref in titles]


def plain_description(session: Session, action: Action, link: str) -> str:
    """The issue description as plain text: the full title, the facts, the factors addressed."""
    lines = [action.title, ""]
    lines += [f"{name}: {value}" for name, value in _facts(session, action, link)]
    factors = _factor_lines(session, action)
    if factors:
        lines += ["", "Addresses these contributing factors:"]
        lines += [f"- {ref}: {title} ({category})" for ref, title, category in factors]
    return _clean("\n".join(lines))


_URL = re.compile(r"https?://[^\s<>]+")


def _markdown_value(name: str, value: str, link: str) -> str:
    if name == "Postmortem" and _URL.fullmatch(link):
        return value.replace(link, f"<{link}>", 1)  # an autolink: escaping would break the URL
    return inline(value)


def markdown_body(session: Session, action: Action, link: str) -> str:
    """The issue body as GitHub Markdown, every user string escaped to read literally."""
    lines = [inline(action.title), ""]
    lines += [
        f"- **{name}:** {_markdown_value(name, value, link)}"
        for name, value in _facts(session, action, link)
    ]
    factors = _factor_lines(session, action)
    if factors:
        lines += ["", "Addresses these contributing factors:", ""]
        lines += [f"- {ref}: {inline(title)} ({category})" for ref, title, category in factors]
    return _clean("\n".join(lines)) + "\n"


# ---- Jira -------------------------------------------------------------------------------------

JIRA_COLUMNS = ("Summary", "Description", "Assignee", "Due date", "Priority")
"""The columns Jira's CSV importer maps by name; Labels follow, one column per label."""


def jira_csv(session: Session, actions: Sequence[Action], link: str) -> str:
    """RFC 4180 CSV, one row per action; dates as yyyy-MM-dd (set that format in the importer)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*JIRA_COLUMNS, *(["Labels"] * MAX_LABELS)])
    for action in actions:
        found = labels(session, action)
        writer.writerow(
            [
                _shorten(_clean(" ".join(action.title.split())), JIRA_SUMMARY_LIMIT),
                plain_description(session, action, link),
                _clean(action.owner.strip().removeprefix("@")),
                action.due.isoformat() if action.due else "",
                JIRA_PRIORITIES[action.priority],
                *found,
                *([""] * (MAX_LABELS - len(found))),
            ]
        )
    return out.getvalue()


# ---- GitHub -----------------------------------------------------------------------------------


def github_issue(session: Session, action: Action, link: str) -> dict[str, Any]:
    """The body of GitHub's create-issue request (``POST /repos/{owner}/{repo}/issues``) for an
    action; the milestone is left out, and an owner that cannot be a login is named in the body
    only (GitHub refuses a request with an unknown assignee)."""
    login = _login(action.owner)
    return {
        "title": _shorten(_clean(action.title), GITHUB_TITLE_LIMIT),
        "body": markdown_body(session, action, link),
        "assignees": [login] if login else [],
        "labels": labels(session, action),
    }


def github_json(session: Session, actions: Sequence[Action], link: str) -> str:
    """A JSON array of create-issue request bodies, one per action."""
    issues = [github_issue(session, action, link) for action in actions]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def shell_quote(word: str) -> str:
    """One shell word that stands for exactly ``word``: inside single quotes nothing is special
    (no ``$``, backtick, backslash or newline), and a single quote is closed, escaped, reopened.
    A NUL cannot be passed in an argument at all, so it is made visible first."""
    return "'" + word.replace("\x00", "\\x00").replace("'", "'\\''") + "'"


def gh_script(session: Session, actions: Sequence[Action], link: str) -> str:
    """A POSIX shell script of `gh issue create` calls, one per action.

    Every value goes in as ``--flag=VALUE`` inside single quotes, so a title that starts with
    ``-`` is still a title and not an option of `gh`."""
    incident = visible(" ".join(p for p in (session.incident.id, session.incident.title) if p))
    lines = [
        "#!/bin/sh",
        f"# GitHub issues for {len(actions)} action item(s) of the postmortem {incident}",
        "# Written by `facilitator export --format gh-script`. Read it, then run it with `sh` in a",
        "# clone of the repository (or with GH_REPO=OWNER/REPO set). Running it twice files every",
        "# issue twice.",
        "set -eu",
        "",
    ]
    wanted = list(dict.fromkeys(label for a in actions for label in labels(session, a)))
    if wanted:
        lines.append("# Labels that already exist are left as they are.")
    for label in wanted:
        lines.append(
            "gh label create --description 'Action item from a postmortem' -- "
            f"{shell_quote(label)} >/dev/null 2>&1 || :"
        )
    for action in actions:
        issue = github_issue(session, action, link)
        words = ["gh", "issue", "create"]
        words.append(shell_quote(f"--title={issue['title']}"))
        words.append(shell_quote(f"--body={issue['body']}"))
        words += [shell_quote(f"--assignee={login}") for login in issue["assignees"]]
        words += [shell_quote(f"--label={label}") for label in issue["labels"]]
        lines += ["", f"# {action.id}"]
        if action.status.is_open:
            lines.append(" ".join(words))
        else:  # filed for the record (--all), then closed as the action is
            reason = "completed" if action.status is ActionStatus.DONE else "'not planned'"
            lines.append(f"url=$({' '.join(words)})")
            lines.append(f'gh issue close --reason {reason} -- "$url"')
    return "\n".join(lines) + "\n"


def render(format_: TrackerFormat, session: Session, actions: Sequence[Action], link: str) -> str:
    """The export in one of the tracker formats."""
    writers = {
        TrackerFormat.JIRA_CSV: jira_csv,
        TrackerFormat.GITHUB_JSON: github_json,
        TrackerFormat.GH_SCRIPT: gh_script,
    }
    return writers[format_](session, actions, link)

"""Provides reading what changed: `git log` in a stable format, and GitHub deployments with their
statuses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agenda.sources.records import (
    Parsed,
    Problem,
    Record,
    Signal,
    dig,
    parse_instant,
    text_field,
)
from agenda.vocabulary import SourceKind

GIT_FORMAT = "%H%x1f%P%x1f%aI%x1f%an%x1f%ae%x1f%cI%x1f%cn%x1f%ce%x1f%D%x1f%s"
"""The `git log --format=` the reader takes: fields apart by the unit separator, which no
name, ref or subject contains."""
GIT_FIELDS = 10
GIT_LINE = re.compile(r"^[0-9a-f]{40}\x1f")


def read_git(text: str, name: str) -> Parsed:
    """One record per commit, at its committer date: when it landed, not when it was written."""
    parsed = Parsed()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\x1f")
        if len(fields) != GIT_FIELDS or not GIT_LINE.match(line):
            parsed.problems.append(
                Problem(name, f"not a commit in the format {GIT_FORMAT}", line, line=number)
            )
            continue
        sha, parents, _, author, _, committed, committer, _, refs, subject = fields
        try:
            at = parse_instant(committed, zone=None)
        except ValueError as error:
            parsed.problems.append(Problem(name, f"committer date: {error}", line, line=number))
            continue
        merge = " (merge)" if len(parents.split()) > 1 else ""
        decorated = f", {refs.strip()}" if refs.strip() else ""
        landed = f", landed by {committer}" if committer and committer != author else ""
        parsed.records.append(
            Record(
                at=at,
                text=f"{subject.strip() or '(no subject)'}{merge} [{sha[:8]}{decorated}{landed}]",
                kind=SourceKind.GIT,
                who=author,
                ref=sha,
                where=f"{name}:{number}",
            )
        )
    return parsed


# ---- GitHub deployments ------------------------------------------------------------------------

_DEPLOYMENT_ID = re.compile(r"/deployments/(\d+)(?:/|$)")
FAILED = ("failure", "error")


@dataclass
class _Deployment:
    id: str
    where: str
    data: dict[str, Any] = field(default_factory=dict)
    statuses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def is_github(value: Any) -> bool:
    """Whether a JSON document is GitHub deployments or deployment statuses."""
    items = value.get("deployments") if isinstance(value, dict) else value
    if isinstance(value, dict) and items is None:
        items = [value]
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        return False
    first = items[0]
    return (
        "statuses_url" in first
        or "deployment_url" in first
        or ("sha" in first and "environment" in first)
    )


def read_github(documents: list[tuple[str, Any]]) -> Parsed:
    """Deployments and their statuses, from one or several files (``gh api`` writes the
    deployments and each deployment's statuses apart; a status names its deployment by URL).
    A deployment is deployed at its first ``success`` status; ``failure`` and ``error`` are
    events too; ``inactive`` only means a later deployment replaced it, not a rollback."""
    parsed = Parsed()
    deployments: dict[str, _Deployment] = {}
    for name, value in documents:
        for path, item in _items(value, name, parsed):
            _collect(item, f"{name}:{path}", deployments, parsed)
    for deployment in deployments.values():
        parsed.records.extend(_deployment_records(deployment, parsed))
    return parsed


def _items(value: Any, name: str, parsed: Parsed) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict) and isinstance(value.get("deployments"), list):
        items, prefix = value["deployments"], "deployments"
    elif isinstance(value, list):
        items, prefix = value, ""
    else:
        items, prefix = [value], ""
    found = []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            found.append((f"{prefix}[{index}]", item))
        else:
            parsed.problems.append(
                Problem(name, "not a deployment or status", path=f"{prefix}[{index}]")
            )
    return found


def _collect(
    item: dict[str, Any], where: str, deployments: dict[str, _Deployment], parsed: Parsed
) -> None:
    if "deployment_url" in item:  # a status
        found = _DEPLOYMENT_ID.search(text_field(item.get("deployment_url")))
        if not found:
            parsed.problems.append(Problem(where, "a status without its deployment's id"))
            return
        deployment = deployments.setdefault(found[1], _Deployment(found[1], where))
        deployment.statuses.append((where, item))
        return
    if "id" not in item:
        parsed.problems.append(Problem(where, "a deployment without an id"))
        return
    deployment_id = text_field(item["id"])
    deployment = deployments.setdefault(deployment_id, _Deployment(deployment_id, where))
    deployment.data, deployment.where = item, where
    for index, status in enumerate(item.get("statuses") or []):
        if isinstance(status, dict):
            deployment.statuses.append((f"{where}.statuses[{index}]", status))


def _deployment_records(deployment: _Deployment, parsed: Parsed) -> list[Record]:
    data = deployment.data
    what = _what(deployment)
    timed: list[tuple[datetime, str, dict[str, Any]]] = []
    for where, status in deployment.statuses:
        created = text_field(status.get("created_at"))
        try:
            timed.append((parse_instant(created, zone=None), where, status))
        except ValueError as error:
            parsed.problems.append(Problem(where, f"created_at: {error}", created))
    timed.sort(key=lambda t: (t[0], text_field(t[2].get("id"))))
    records = []
    deployed = False
    for at, where, status in timed:
        state = text_field(status.get("state"))
        note = text_field(status.get("description")).strip()
        if state == "success" and not deployed:
            deployed = True
            text, signal = f"Deployed {what}", Signal.DEPLOYED
        elif state in FAILED:
            text, signal = (
                f"Deployment of {what} {'failed' if state == 'failure' else 'errored'}",
                None,
            )
        else:
            continue
        records.append(
            _record(
                at, text + (f": {note}" if note else ""), status, data, deployment, where, signal
            )
        )
    if records or not data:
        return records
    created = text_field(data.get("created_at"))
    try:
        at = parse_instant(created, zone=None)
    except ValueError as error:
        parsed.problems.append(Problem(deployment.where, f"created_at: {error}", created))
        return []
    state = "no success status in the export" if timed else "its statuses are not in the export"
    return [
        _record(
            at,
            f"Deployment of {what} created ({state})",
            {},
            data,
            deployment,
            deployment.where,
            None,
        )
    ]


def _what(deployment: _Deployment) -> str:
    data = deployment.data
    statuses = [s for _, s in deployment.statuses]
    environment = text_field(data.get("environment")) or next(
        (text_field(s.get("environment")) for s in statuses if s.get("environment")), ""
    )
    ref = text_field(data.get("ref"))
    sha = text_field(data.get("sha"))[:8]
    label = ref or sha or f"deployment {deployment.id}"
    if ref and sha and ref != sha:
        label += f" ({sha})"
    return label + (f" to {environment}" if environment else "")


def _record(
    at: datetime,
    text: str,
    status: dict[str, Any],
    data: dict[str, Any],
    deployment: _Deployment,
    where: str,
    signal: Signal | None,
) -> Record:
    who = text_field(dig(status, "creator", "login")) or text_field(dig(data, "creator", "login"))
    status_id = text_field(status.get("id"))
    return Record(
        at=at,
        text=text,
        kind=SourceKind.GITHUB,
        who=who,
        ref=f"deployment {deployment.id}" + (f" status {status_id}" if status_id else ""),
        signal=signal,
        where=where,
    )

"""Provides reading a Slack workspace export (zip or folder): one record per message, in ts order.

The export holds ``users.json``, ``channels.json`` (and ``groups.json``, ``mpims.json``,
``dms.json`` for private conversations), and one JSON array of messages per channel per day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from agenda.sources.records import (
    Parsed,
    Problem,
    Record,
    dig,
    epoch_seconds,
    load_json,
    text_field,
)
from agenda.sources.signals import signal_of
from agenda.vocabulary import SourceKind

CONVERSATION_FILES = ("channels.json", "groups.json", "mpims.json", "dms.json")
METADATA_SUBTYPES = frozenset(
    {
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
        "group_join",
        "group_leave",
        "group_topic",
        "group_purpose",
        "group_name",
        "group_archive",
        "group_unarchive",
        "pinned_item",
        "unpinned_item",
        "bot_add",
        "bot_remove",
    }
)
"""Joins, leaves, topic and name changes: the channel's housekeeping, not the incident."""

_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_ESCAPE = re.compile(r"<([^<>\n]*)>")
_SPECIAL = {"here": "@here", "channel": "@channel", "everyone": "@everyone"}


class Tree(Protocol):
    """The files of an export, in a folder or in a zip."""

    def names(self) -> list[str]:
        """Every file's path inside the export, with forward slashes."""
        ...

    def read(self, name: str) -> bytes: ...


@dataclass
class _Names:
    users: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    """Channel id → name."""
    folders: dict[str, str] = field(default_factory=dict)
    """Folder name → channel id."""


def read_slack(tree: Tree, name: str, *, with_metadata: bool = False) -> Parsed:
    """Every message of every channel in the export, sorted by ts (never by file name)."""
    names = tree.names()
    root = _root(names)
    parsed = Parsed()
    known = _Names()
    _read_users(tree, root, name, known, parsed)
    _read_conversations(tree, root, name, known, parsed)
    left_out = 0
    for path in sorted(names):
        if not path.startswith(root):
            continue
        folder, _, file = path[len(root) :].rpartition("/")
        if not folder or "/" in folder or not _DAY_FILE.match(file):
            continue
        channel = known.channels.get(known.folders.get(folder, ""), folder)
        where = f"{name}/{path[len(root) :]}"
        left_out += _read_day(tree.read(path), where, channel, known, parsed, with_metadata)
    parsed.records.sort(key=lambda r: (r.at, r.ref))
    if left_out:
        parsed.notes.append(
            f"{left_out} join/leave/topic message(s) left out (--with-metadata keeps them)"
        )
    return parsed


def read_day_file(data: bytes, name: str, channel: str, *, with_metadata: bool = False) -> Parsed:
    """One channel's day file on its own, without the export's user names."""
    parsed = Parsed()
    left_out = _read_day(data, name, channel, _Names(), parsed, with_metadata)
    parsed.records.sort(key=lambda r: (r.at, r.ref))
    if left_out:
        parsed.notes.append(
            f"{left_out} join/leave/topic message(s) left out (--with-metadata keeps them)"
        )
    return parsed


def _root(names: list[str]) -> str:
    """The folder holding users.json or channels.json (exports are sometimes zipped with one
    folder around them)."""
    roots = [
        n.rpartition("/")[0]
        for n in names
        if n.rpartition("/")[2] in ("users.json", *CONVERSATION_FILES)
    ]
    if not roots:
        return ""
    shortest = min(roots, key=len)
    return f"{shortest}/" if shortest else ""


def _load(tree: Tree, path: str, name: str, parsed: Parsed) -> Any:
    try:
        data = tree.read(path)
    except KeyError:
        return None
    value, problem = load_json(data.decode("utf-8", errors="replace"), f"{name}/{path}")
    if problem:
        parsed.problems.append(problem)
    return value


def _read_users(tree: Tree, root: str, name: str, known: _Names, parsed: Parsed) -> None:
    if f"{root}users.json" not in tree.names():
        return
    users = _load(tree, f"{root}users.json", name, parsed)
    for user in users if isinstance(users, list) else []:
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            continue
        profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
        candidates = (
            dig(profile, "display_name"),
            dig(profile, "real_name"),
            user.get("real_name"),
            user.get("name"),
        )
        known.users[user["id"]] = next(
            (text_field(c) for c in candidates if text_field(c).strip()), user["id"]
        )


def _read_conversations(tree: Tree, root: str, name: str, known: _Names, parsed: Parsed) -> None:
    present = set(tree.names())
    for file in CONVERSATION_FILES:
        if f"{root}{file}" not in present:
            continue
        conversations = _load(tree, f"{root}{file}", name, parsed)
        for conversation in conversations if isinstance(conversations, list) else []:
            if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str):
                continue
            channel_id = conversation["id"]
            channel_name = text_field(conversation.get("name")) or channel_id
            known.channels[channel_id] = channel_name
            known.folders[channel_name] = channel_id
            known.folders.setdefault(channel_id, channel_id)


def _read_day(
    data: bytes, where: str, channel: str, known: _Names, parsed: Parsed, with_metadata: bool
) -> int:
    """Read one day file into ``parsed``; returns how many housekeeping messages it left out."""
    messages, problem = load_json(data.decode("utf-8", errors="replace"), where)
    if problem:
        parsed.problems.append(problem)
        return 0
    if not isinstance(messages, list):
        parsed.problems.append(Problem(where, "not a list of messages"))
        return 0
    left_out = 0
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            parsed.problems.append(Problem(where, "not a message", path=f"[{index}]"))
            continue
        subtype = text_field(message.get("subtype"))
        if subtype in METADATA_SUBTYPES and not with_metadata:
            left_out += 1
            continue
        record = _message(message, where, f"[{index}]", channel, known, parsed)
        if record is not None:
            parsed.records.append(record)
    return left_out


def _message(
    message: dict[str, Any], where: str, path: str, channel: str, known: _Names, parsed: Parsed
) -> Record | None:
    ts = message.get("ts")
    if not isinstance(ts, str):
        parsed.problems.append(Problem(where, "no ts string", text_field(ts), path=f"{path}.ts"))
        return None
    try:
        at = epoch_seconds(ts)
    except ValueError as error:
        parsed.problems.append(Problem(where, str(error), ts, path=f"{path}.ts"))
        return None
    text = _text(message, known)
    if not text.strip():
        parsed.problems.append(Problem(where, "a message with no text", ts, path=path))
        return None
    thread = message.get("thread_ts")
    if isinstance(thread, str) and thread != ts:
        text = f"↳ {text}"
    bot = message.get("subtype") == "bot_message" or "bot_id" in message
    return Record(
        at=at,
        text=text,
        kind=SourceKind.SLACK,
        who=_author(message, known),
        ref=f"#{channel}/{ts}",
        signal=signal_of(text) if bot else None,
        where=f"{where}:{path}",
    )


def _author(message: dict[str, Any], known: _Names) -> str:
    user = text_field(message.get("user"))
    if user in known.users:
        return known.users[user]
    for candidate in (
        dig(message, "user_profile", "display_name"),
        dig(message, "user_profile", "real_name"),
        message.get("username"),
        dig(message, "bot_profile", "name"),
    ):
        if text_field(candidate).strip():
            return text_field(candidate)
    return user or text_field(message.get("bot_id"))


def _text(message: dict[str, Any], known: _Names) -> str:
    text = text_field(message.get("text"))
    if not text.strip():
        text = "\n".join(_attachment_lines(message))
    if not text.strip() and isinstance(message.get("files"), list):
        files = [text_field(f.get("name")) for f in message["files"] if isinstance(f, dict)]
        text = "shared " + ", ".join(f for f in files if f) if any(files) else ""
    return unescape(text, known.users.get, known.channels.get)


def _attachment_lines(message: dict[str, Any]) -> list[str]:
    """What a bot put in attachments: pretext, title and text; the fallback (a plain summary of
    them) only when there is nothing else."""
    lines: list[str] = []
    for attachment in message.get("attachments") or []:
        if not isinstance(attachment, dict):
            continue
        parts = [text_field(attachment.get(k)).strip() for k in ("pretext", "title", "text")]
        found = [part for part in dict.fromkeys(parts) if part]
        lines.extend(found or [text_field(attachment.get("fallback")).strip()])
    return [line for line in lines if line]


def unescape(
    text: str,
    user: Callable[[str], str | None] = lambda _: None,
    channel: Callable[[str], str | None] = lambda _: None,
) -> str:
    """Slack's markup as people read it: <@U1> → @name, <#C1|ops> → #ops, <!here> → @here,
    <https://x|label> → label (https://x); then &amp; &lt; &gt; (after, never before)."""

    def resolve(match: re.Match[str]) -> str:
        inner, _, label = match[1].partition("|")
        if inner.startswith("@"):
            return "@" + (user(inner[1:]) or label.lstrip("@") or inner[1:])
        if inner.startswith("#"):
            return "#" + (label or channel(inner[1:]) or inner[1:])
        if inner.startswith("!"):
            word = inner[1:].partition("^")[0]
            return label or _SPECIAL.get(word, f"@{word}")
        if label and label != inner.removeprefix("mailto:"):
            return f"{label} ({inner})"
        return inner.removeprefix("mailto:")

    if "<" in text:
        text = _ESCAPE.sub(resolve, text)
    if "&" in text:
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text

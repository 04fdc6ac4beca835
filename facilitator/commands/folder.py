"""Provides what the folder commands (actions, search, report) share: the folder argument,
`--today`, the list of unreadable files, and aligned text columns."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from agenda.repository import Scan
from agenda.search import QueryError
from agenda.visible import visible
from facilitator.commands.common import EXIT_FINDINGS, EXIT_OK

T = TypeVar("T")


class BadQuery(Exception):
    """A folder or filter the command cannot use; the message is the one line to print."""


def add_folder_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="DIR", help="a folder of session files")
    parser.add_argument(
        "--today",
        type=_iso_day,
        default=None,
        metavar="DATE",
        help="count overdue and ages as of this day (default: today)",
    )


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-01-31") from None


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise BadQuery(f"{folder}: no such folder — check the path")
    if not folder.is_dir():
        raise BadQuery(f"{folder}: not a folder — give the folder that holds the session files")


def parsed(parse: Callable[[str], T], value: str) -> T:
    """Run a parser of agenda.search, turning its QueryError into a BadQuery."""
    try:
        return parse(value)
    except QueryError as error:
        raise BadQuery(str(error)) from None


def day_range(
    since: str | None, until: str | None, parse: Callable[[str], date]
) -> tuple[date | None, date | None]:
    """``--since`` and ``--until`` as days; a window that ends before it starts matches nothing,
    so it is refused rather than answered with an empty list that looks like a real answer."""
    first = parsed(parse, since) if since else None
    last = parsed(parse, until) if until else None
    if first is not None and last is not None and first > last:
        raise BadQuery(
            f"--since {first.isoformat()} is after --until {last.isoformat()}: "
            "nothing can match — swap them"
        )
    return first, last


def report_skipped(scan: Scan) -> int:
    """List each unreadable file on stderr, one line each; exit 1 when there was any."""
    for skipped in scan.skipped:
        print(f"facilitator: skipped {visible(skipped.reason)}", file=sys.stderr)
    return EXIT_FINDINGS if scan.skipped else EXIT_OK


def columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as lines, every column but the last padded to its widest cell."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    ]


def one_line(text: str, limit: int = 0) -> str:
    """User text for one line of terminal output: control characters visible, shortened."""
    text = visible(" ".join(text.split()))
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"


def write_json(document: dict[str, Any]) -> None:
    """The document on stdout as JSON: tables key by key, each item of a list on a line of its
    own. As readable as indented JSON for a person or `jq`, and written by the C encoder one item
    at a time, which over ten thousand postmortems is several times faster than indenting."""
    _write_json(document, "")
    sys.stdout.write("\n")


def _write_json(value: Any, indent: str) -> None:
    out, inner = sys.stdout, indent + "  "
    if isinstance(value, dict) and any(isinstance(v, dict | list) for v in value.values()):
        out.write("{")
        for index, (key, item) in enumerate(value.items()):
            out.write(("," if index else "") + f"\n{inner}{json.dumps(key)}: ")
            _write_json(item, inner)
        out.write(f"\n{indent}}}")
    elif isinstance(value, list) and value:
        out.write("[")
        for index, item in enumerate(value):
            out.write(("," if index else "") + f"\n{inner}{_compact(item)}")
        out.write(f"\n{indent}]")
    else:
        out.write(_compact(value))


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

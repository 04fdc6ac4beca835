"""Saving and loading at 5,000 events: `save_session` beside `tomli_w.dumps` of the same data,
for a session written whole (never saved before) and for a one-field edit of a loaded one (what
every save and autosave does), goal at most 1.5x; and `load_session` beside `tomllib.loads` of
the same file, goal at most 2x."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from agenda.storage import load_session, remember, save_session, snapshot
from bench.common import RUNS, Figure, big_session, in_turns, timed

EVENTS = 5_000


def plain(value: Any) -> Any:
    """What tomli-w can take: no None, enums as strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def figures() -> list[Figure]:
    session = big_session(EVENTS)
    data = plain(snapshot(session))
    dumps = lambda: timed(lambda: tomli_w.dumps(data))  # noqa: E731
    with tempfile.TemporaryDirectory() as folder:
        fresh_path, edit_path = Path(folder) / "fresh.toml", Path(folder) / "edit.toml"

        def fresh() -> float:
            remember(session, None)
            return timed(lambda: save_session(session, fresh_path))

        save_session(session, edit_path)
        loaded = load_session(edit_path)
        counter = iter(range(10**6))

        def edited() -> float:
            loaded.timeline[EVENTS // 2].description = f"Edited {next(counter)}"
            return timed(lambda: save_session(loaded, edit_path))

        text = edit_path.read_text(encoding="utf-8")
        whole, dumps_a = in_turns(fresh, dumps, RUNS + 2)
        one, dumps_b = in_turns(edited, dumps, RUNS + 2)
        load, parse = in_turns(
            lambda: timed(lambda: load_session(edit_path)),
            lambda: timed(lambda: tomllib.loads(text)),
            RUNS + 2,
        )
    return [
        Figure(f"save, {EVENTS:,} events, written whole vs tomli_w.dumps", whole, dumps_a, 1.5),
        Figure(f"save, {EVENTS:,} events, one field edited vs tomli_w.dumps", one, dumps_b, 1.5),
        Figure(f"load, {EVENTS:,} events vs tomllib.loads", load, parse, 2.0),
    ]

"""Guidance checks on a 5,000-event, 300-action session, against the time tomllib takes to
parse the same file.

Run with `make bench`. Goal: running every check takes no longer than `tomllib.loads` of the
session file, a fixed yardstick (a faster loader does not move it). The two are timed in turns,
so load on the machine falls on both alike; each rule's share is printed too.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from agenda.checks import RULES, run_checks
from agenda.checks.rules import Context
from agenda.model import Action, Event, Factor, KeyTimes, Session
from agenda.storage import load_session, save_session

EVENTS = 5_000
ACTIONS = 300
RUNS = 7
TODAY = date(2024, 3, 1)
START = datetime(2024, 1, 15, 8, 0, tzinfo=UTC)
PHRASES = [
    "On-call runs SELECT * FROM pg_stat_activity and sees commit 3f2a9c1b7e4d",
    "Error rate crosses 5% on checkout; p95 latency 4.2 s",
    "The engineer failed to check the replica lag dashboard",
    "Rollback initiated with deployctl rollback checkout --to v3.1.4",
    "The alert failed to fire because the rule had a 1-hour window",
]


def big_session() -> Session:
    events = [
        Event(
            id=f"E{i}",
            at=START + timedelta(seconds=7 * i),
            description=f"{PHRASES[i % 5]} (step {i})",  # every text differs: no cache helps
        )
        for i in range(1, EVENTS + 1)
    ]
    factors = [Factor(id=f"F{i}", title=f"Contributing factor {i}") for i in range(1, 21)]
    actions = [
        Action(
            id=f"A{i}",
            title="Improve monitoring" if i % 7 == 0 else f"Add alert on pool usage above {i}%",
            owner="SRE team" if i % 11 == 0 else f"@person{i}",
            due=date(2024, 2, 1) + timedelta(days=i % 60),
            factors=[f"F{1 + i % 20}"],
            ticket=f"ENG-{i}",
        )
        for i in range(1, ACTIONS + 1)
    ]
    return Session(
        incident={"times": KeyTimes(impact_start=START, detected=START + timedelta(minutes=5))},
        timeline=events,
        analysis={"factors": factors},
        actions=actions,
    )


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        save_session(big_session(), path)
        text = path.read_text(encoding="utf-8")
        session = load_session(path)
    findings = len(run_checks(session, today=TODAY))  # the first run also loads detect-secrets
    context = Context(session=session, today=TODAY)
    parse: list[float] = []
    checks: list[float] = []
    rules: dict[str, list[float]] = {rule.__name__: [] for rule in RULES}
    for _ in range(RUNS):
        parse.append(timed(lambda: tomllib.loads(text)))
        checks.append(timed(lambda: run_checks(session, today=TODAY)))
        for rule in RULES:
            rules[rule.__name__].append(timed(lambda: list(rule(context))))  # noqa: B023
    yardstick, total = statistics.median(parse), statistics.median(checks)
    print(
        f"tomllib.loads of the {EVENTS:,}-event, {ACTIONS}-action file: {yardstick * 1000:6.0f} ms"
    )
    print(f"every check on it ({findings} findings):{'':15}{total * 1000:6.0f} ms")
    for name, samples in rules.items():
        print(f"  {name:<22}{statistics.median(samples) * 1000:31.0f} ms")
    print(
        f"ratio: {total / yardstick:.2f}x median, {min(checks) / min(parse):.2f}x best "
        "(goal: at most 1x)"
    )


if __name__ == "__main__":
    main()

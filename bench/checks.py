"""Guidance checks on a 5,000-event, 300-action session, beside the time to load it.

Run with `make bench`. Goal: running every check takes no longer than loading the session.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from agenda.checks import run_checks
from agenda.model import Action, Event, Factor, KeyTimes, Session
from agenda.storage import load_session, save_session

EVENTS = 5_000
ACTIONS = 300
RUNS = 5
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


def median(action: object) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        save_session(big_session(), path)
        session = load_session(path)
        run_checks(session, today=date(2024, 3, 1))  # the first run also loads detect-secrets
        load = median(lambda: load_session(path))
        checks = median(lambda: run_checks(session, today=date(2024, 3, 1)))
        findings = len(run_checks(session, today=date(2024, 3, 1)))
    print(f"load a {EVENTS:,}-event, {ACTIONS}-action session: {load * 1000:7.0f} ms")
    print(
        f"run every check on it:                     {checks * 1000:7.0f} ms ({findings} findings)"
    )
    print(f"ratio: {checks / load:.2f}x (goal: at most 1x)")


if __name__ == "__main__":
    main()

"""Guidance checks on a 5,000-event, 300-action session: `facilitator check` as a whole process
beside a process that only loads the file (goal: at most 1.3x), and every check in process
beside `tomllib.loads` of the same file, a fixed yardstick (goal: at most 1x)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from agenda.checks import run_checks
from agenda.model import Action, Event, Factor, KeyTimes, Session
from agenda.storage import load_session, save_session
from bench.common import RUNS, Figure, in_turns, timed

EVENTS = 5_000
ACTIONS = 300
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


LOAD_ONLY = "import sys; from agenda.storage import load_session; load_session(sys.argv[1])"


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        save_session(big_session(), path)
        text = path.read_text(encoding="utf-8")
        session = load_session(path)
        check = [sys.executable, "-m", "facilitator", "check", str(path)]
        load = [sys.executable, "-c", LOAD_ONLY, str(path)]
        process, loading = in_turns(
            lambda: timed(lambda: subprocess.run(check, capture_output=True, check=False)),
            lambda: timed(lambda: subprocess.run(load, capture_output=True, check=True)),
        )
    run_checks(session, today=TODAY)  # the first run also reads the language models
    checks, parse = in_turns(
        lambda: timed(lambda: run_checks(session, today=TODAY)),
        lambda: timed(lambda: tomllib.loads(text)),
        RUNS + 2,
    )
    return [
        Figure(
            f"facilitator check, {EVENTS:,} events vs a load-only process", process, loading, 1.3
        ),
        Figure(f"every check in process, {EVENTS:,} events vs tomllib.loads", checks, parse, 1.0),
    ]

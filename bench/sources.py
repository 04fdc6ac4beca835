"""Timeline import at scale: a generated Slack export of a long incident (5,000 and 50,000
messages in a few channels over three days, with bot alerts that fold and a re-import that adds
nothing), read, planned and applied as one edit.

Goal: linear — the time per message at 50,000 is at most 1.5x the time per message at 5,000. The
ratio is taken on the process's CPU time, which other work on a shared machine does not inflate.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from agenda.model import Session
from agenda.sources.merge import import_edit, plan_import
from agenda.sources.read import read_sources
from agenda.sources.records import ReadOptions
from bench.common import Figure

SIZES = (5_000, 50_000)
RUNS = {5_000: 7, 50_000: 5}
START = datetime(2024, 3, 12, 0, 0, tzinfo=UTC)
CHANNELS = ("inc-checkout", "payments", "sre-oncall", "status")
USERS = [f"U{n:04d}" for n in range(40)]
SAYINGS = [
    "checkout 5xx spiking, looking at <#C0{channel}|{name}> now",
    "<@{user}> can you check the payments dashboard? NPE in PaymentHandler &amp; retries",
    "rolled back canary to v4.1, watching error rate",
    "decision: hold the v4.2 deploy until the cache key is fixed",
    "p99 latency back under 2s on <https://grafana.example/d/checkout|the checkout board>",
]


def write_export(folder: Path, count: int) -> None:
    """A Slack export of ``count`` messages, one every ~5 s, one bot alert in twenty."""
    users = [
        {"id": u, "name": f"user{n}", "profile": {"display_name": f"person {n}"}}
        for n, u in enumerate(USERS)
    ]
    (folder / "users.json").write_text(json.dumps(users))
    channels = [{"id": f"C0{n}", "name": name} for n, name in enumerate(CHANNELS)]
    (folder / "channels.json").write_text(json.dumps(channels))
    days: dict[tuple[str, date], list[dict[str, object]]] = {}
    step = timedelta(days=3) / count
    for n in range(count):
        at = START + step * n
        channel = CHANNELS[n % len(CHANNELS)]
        ts = f"{int(at.timestamp())}.{n % 1_000_000:06d}"
        if n % 20 == 0:
            message: dict[str, object] = {
                "type": "message",
                "subtype": "bot_message",
                "bot_id": "B01",
                "username": "Alertmanager",
                "text": f"[FIRING:1] CheckoutErrorRate shard {n % 97}",
                "ts": ts,
            }
        else:
            saying = SAYINGS[n % len(SAYINGS)].format(
                channel=n % len(CHANNELS), name=channel, user=USERS[(n * 7) % len(USERS)]
            )
            message = {"type": "message", "user": USERS[n % len(USERS)], "text": saying, "ts": ts}
            if n % 9 == 0:
                message["thread_ts"] = ts
        days.setdefault((channel, at.date()), []).append(message)
    for (channel, day), messages in days.items():
        (folder / channel).mkdir(exist_ok=True)
        (folder / channel / f"{day.isoformat()}.json").write_text(json.dumps(messages))


def import_once(folder: Path) -> tuple[float, float, int, int]:
    """CPU and wall seconds to read, plan and apply the whole export; then how many events it
    made and how many a second import of the same export would add."""
    session = Session()
    cpu, wall = time.process_time(), time.perf_counter()
    parsed = read_sources([str(folder)], ReadOptions(day=START.date()))
    import_edit(session, plan_import(session, parsed.records)).apply(session)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    again = plan_import(session, parsed.records)
    return cpu, wall, len(session.timeline), len(again.rows)


def figures() -> list[Figure]:
    cpu: dict[int, list[float]] = {}
    for count in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_export(folder, count)
            runs = [import_once(folder) for _ in range(RUNS[count])]
        assert runs[0][3] == 0, "importing the same export again must add nothing"
        cpu[count] = [r[0] / count for r in runs]
    small, big = SIZES
    return [
        Figure(
            f"import of {big:,} Slack messages, CPU per message vs at {small:,}",
            cpu[big],
            cpu[small],
            1.5,
            unit="µs",
        )
    ]

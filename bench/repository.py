"""`facilitator actions` and `search` over 10,000 generated session files, beside the time a
single process takes just to read and parse them with tomllib.

Goal: within 1.5x that time, at under 300 MiB peak memory. The command runs in a fresh process,
as a user would run it; its start-up counts against it.
"""

from __future__ import annotations

import re
import sys
import tempfile
import textwrap
from pathlib import Path

from bench.common import Figure, in_turns, measured

FILES = 10_000
SERVICES = 60
GOAL_RATIO = 1.5
GOAL_MIB = 300
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_sessions").glob("*.toml"))
ERAS = [("2015", "2016"), ("2019", "2020"), ("2023", "2024")]
"""The samples' years (2023, 2024) become these pairs; each second year is a leap year as 2024
is, so every date stays valid."""

TOMLLIB_ONLY = """
import sys, tomllib
from pathlib import Path

for path in sorted(Path(sys.argv[1]).rglob("*.toml")):
    tomllib.loads(path.read_text(encoding="utf-8"))
"""
"""The yardstick: read and parse every file in one process, nothing else."""


def generate(folder: Path) -> None:
    """FILES sessions from the samples: other ids, services, years and action statuses, in
    a folder per year, as a postmortem repository is often kept."""
    texts = [sample.read_text(encoding="utf-8") for sample in SAMPLES]
    ids = [re.search(r'^id = "(.+)"$', text, re.MULTILINE) for text in texts]
    for i in range(FILES):
        text = texts[i % len(texts)]
        found = ids[i % len(texts)]
        assert found is not None
        old, new = ERAS[i % len(ERAS)]
        text = text.replace(found.group(1), f"INC-{i:05d}")
        text = text.replace("2023-", f"{old}-").replace("2024-", f"{new}-")
        text = text.replace('"payment-service"', f'"svc-{i % SERVICES}"')
        if i % 3:  # some promises kept
            head, mark, actions = text.partition("\n[[actions]]")
            text = head + mark + actions.replace('status = "open"', 'status = "done"', 1 + i % 4)
        year = folder / new
        year.mkdir(exist_ok=True)
        (year / f"pm-{i:05d}.toml").write_text(text, encoding="utf-8")


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        tomllib_only = [sys.executable, "-c", textwrap.dedent(TOMLLIB_ONLY), tmp]
        actions = [sys.executable, "-m", "facilitator", "actions", tmp, "--open"]
        memory: list[float] = []

        def run_actions() -> float:
            seconds, mib = measured(actions)
            memory.append(mib)
            return seconds

        timed_actions, baseline = in_turns(run_actions, lambda: measured(tomllib_only)[0])
    return [
        Figure(
            f"facilitator actions over {FILES:,} files vs tomllib alone",
            timed_actions,
            baseline,
            GOAL_RATIO,
            unit="s",
        ),
        Figure("  its peak memory", memory, None, GOAL_MIB, unit="MiB"),
    ]

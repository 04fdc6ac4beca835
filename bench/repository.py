"""`facilitator actions` and `search` over 10,000 generated session files, beside the time a
single process takes just to read and parse them with tomllib.

Run with `make bench`. Goal: each command within 1.5x that time, at under 300 MiB peak memory.
Each command runs in a fresh process, as a user would run it; its start-up counts against it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

FILES = 10_000
SERVICES = 60
GOAL_RATIO = 1.5
GOAL_MIB = 300
ROUNDS = 2
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


def measure(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MiB of one fresh process running ``argv``."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE)
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {errors.decode()[:500]}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        generate(folder)
        size = sum(p.stat().st_size for p in folder.rglob("*.toml")) / 2**20
        print(
            f"generated {FILES:,} session files ({size:.0f} MiB) in "
            f"{time.perf_counter() - started:.0f} s"
        )
        tomllib_only = [sys.executable, "-c", textwrap.dedent(TOMLLIB_ONLY), tmp]
        facilitator = [sys.executable, "-m", "facilitator"]
        runs = {
            "tomllib only (read + parse)": tomllib_only,
            "actions --open --format json": [
                *facilitator,
                "actions",
                tmp,
                "--open",
                "--format",
                "json",
            ],
            "actions (text, all)": [*facilitator, "actions", tmp],
            "search --service --since": [
                *facilitator,
                "search",
                tmp,
                "--service",
                "svc-7",
                "--since",
                "2020-01-01",
            ],
            "search --text --format json": [
                *facilitator,
                "search",
                tmp,
                "--text",
                "rollback runbook",
                "--format",
                "json",
            ],
        }
        # The machine is shared: interleave the rounds and keep each one's best time.
        best: dict[str, tuple[float, float]] = {}
        for _ in range(ROUNDS):
            for name, argv in runs.items():
                seconds, mib = measure(argv)
                before = best.get(name, (float("inf"), 0.0))
                best[name] = (min(before[0], seconds), max(before[1], mib))
        baseline = best.pop("tomllib only (read + parse)")[0]
        print(f"{'tomllib only (read + parse)':30s}  {baseline:6.1f} s")
        worst = 0.0
        for name, (seconds, mib) in best.items():
            ratio = seconds / baseline
            worst = max(worst, ratio)
            verdict = "ok" if ratio <= GOAL_RATIO and mib < GOAL_MIB else "MISSED"
            print(f"{name:30s}  {seconds:6.1f} s  {ratio:.2f}x  {mib:4.0f} MiB peak  {verdict}")
    print(f"worst ratio: {worst:.2f}x (goal: at most {GOAL_RATIO}x, under {GOAL_MIB} MiB)")


if __name__ == "__main__":
    main()

"""The performance suite (`make bench`): every figure against its baseline measured in the
same run, as one table — figure, value, baseline, ratio, goal, verdict.

Values are the min and the median of at least five runs; a baseline is timed in turns with
its figure, so that other work on a shared machine falls on both; the verdict is judged on the
ratio of the mins. The command fails only when a benchmark crashes, not on a missed goal.
`python -m bench.run startup save` runs some of the groups.
"""

from __future__ import annotations

import compileall
import importlib
import os
import statistics
import sys
import time

from bench.common import ROOT, Figure

GROUPS = ["startup", "save", "checks", "timeline", "stalls", "memory", "sources", "repository"]
"""The benchmark modules, each with ``figures() -> list[Figure]``."""


def _amount(values: list[float] | tuple[float, ...], unit: str) -> str:
    low, middle = min(values), statistics.median(values)
    if unit == "ms":
        return f"{low * 1000:,.1f} / {middle * 1000:,.1f} ms"
    if unit == "µs":
        return f"{low * 1e6:,.1f} / {middle * 1e6:,.1f} µs"
    if unit == "s":
        return f"{low:,.2f} / {middle:,.2f} s"
    return f"{low:,.1f} / {middle:,.1f} {unit}"


def row(figure: Figure) -> list[str]:
    ratio = figure.ratio
    baseline = _amount(list(figure.baselines), figure.unit) if figure.baselines else "—"
    scale = 1000 if figure.unit == "ms" else 1
    goal = f"≤ {figure.goal:g}×" if ratio else f"≤ {figure.goal * scale:g} {figure.unit}"
    return [
        figure.name,
        _amount(list(figure.values), figure.unit),
        baseline,
        f"{ratio[0]:.2f}× / {ratio[1]:.2f}×" if ratio else "—",
        goal,
        "met" if figure.met else "NOT MET",
    ]


def main(argv: list[str]) -> int:
    groups = argv or GROUPS
    # As a user's second start finds it: the project's bytecode written (make compiles the
    # installed packages'), whatever PYTHONDONTWRITEBYTECODE says. Both sides of every ratio
    # start from compiled bytecode; without it each process compiles its modules first.
    for package in ("agenda", "facilitator", "bench"):
        compileall.compile_dir(ROOT / package, quiet=2)
    started = time.perf_counter()
    load = os.getloadavg()
    rows = [
        ["figure", "value (min / median)", "baseline (min / median)", "ratio", "goal", "verdict"]
    ]
    for group in groups:
        print(f"running {group}…", file=sys.stderr, flush=True)
        module = importlib.import_module(f"bench.{group}")
        rows.extend(row(figure) for figure in module.figures())
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, cells in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |")
        if index == 0:
            print("| " + " | ".join("-" * w for w in widths) + " |")
    end = os.getloadavg()
    print(
        f"\n{len(rows) - 1} figures in {time.perf_counter() - started:.0f} s on {os.cpu_count()} "
        f"cores; load average {load[0]:.1f} at the start, {end[0]:.1f} at the end; "
        "bytecode compiled beforehand, as after a first run."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The headless subcommands never load Textual or the app (the harlequin HEADLESS_IMPORTS test)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SAMPLES

RUN_AND_LIST_UI_MODULES = """
import sys
from facilitator.cli import main
code = main(sys.argv[1:])
loaded = sorted(
    m for m in sys.modules
    if m.split(".")[0] == "textual" or m in ("facilitator.app", "facilitator.factory")
)
print("UI:" + ",".join(loaded), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{sample}"],
        ["export", "{sample}", "-o", "{dir}/out.md", "--allow-secrets"],
        ["new", "{dir}/new.toml"],
        ["import-timeline", "{sample}", "{dir}/timeline.txt"],
        ["export", "{sample}", "--format", "gh-script", "--all", "-o", "{dir}/issues.sh"],
        ["review", "{sample}", "--add-reviewer", "@lee"],
        ["actions", "{dir}"],
        ["search", "{dir}", "--format", "json"],
        ["report", "{dir}", "-o", "{dir}/report.md"],
        ["serve", "{sample}", "--host", "0.0.0.0"],  # refused after every import it needs
    ],
    ids=lambda c: c[0],
)
def test_subcommands_run_without_loading_textual(tmp_path: Path, command: list[str]) -> None:
    sample = tmp_path / "pm.toml"
    shutil.copy(SAMPLES[0], sample)
    (tmp_path / "timeline.txt").write_text("14:50 Status page closed\n", encoding="utf-8")
    argv = [part.format(sample=sample, dir=tmp_path) for part in command]
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_UI_MODULES, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "UI:"

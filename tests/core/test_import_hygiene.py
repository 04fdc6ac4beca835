"""The core never imports the UI: importing every agenda module loads no textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import agenda


def test_every_agenda_module_imports_without_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(agenda.__path__, "agenda.")]
    assert "agenda.storage" in modules and "agenda.clock" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'facilitator'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""

"""The README documents every key and subcommand the app has, and the two commands."""

from __future__ import annotations

from facilitator.cli import COMMANDS
from facilitator.keys import KEYS
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_every_app_key_is_documented() -> None:
    for key in KEYS:
        assert f"| `{key.key}` | {key.description} |" in README


def test_every_subcommand_is_documented() -> None:
    for name in COMMANDS:
        assert f"facilitator {name} " in README

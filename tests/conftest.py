from __future__ import annotations

import os

import pytest

from tests.helpers import FakeNow

# Before Textual is imported: no scroll or notification animations to wait for in Pilot tests.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first (stable otherwise): with several workers, one of them started
    last would keep the whole suite waiting for it alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _private_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's settings."""
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def now() -> FakeNow:
    return FakeNow()

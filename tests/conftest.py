from __future__ import annotations

import os

import pytest

from tests.helpers import FakeNow

# Before Textual is imported: no scroll or notification animations to wait for in Pilot tests.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def now() -> FakeNow:
    return FakeNow()

from __future__ import annotations

import pytest

from tests.helpers import FakeNow


@pytest.fixture
def now() -> FakeNow:
    return FakeNow()

"""The room's view in a real browser: headless Chromium opens `facilitator serve`, reads the
session's title in the terminal's rows, and sees the facilitator's save and autosave there
within 5 s, while every request the page makes goes to the address it was opened on.

Needs Debian's `chromium`: `make browser-test` installs it and runs this; elsewhere it is
skipped, saying so."""

from __future__ import annotations

import shutil
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from yarl import URL

from agenda.document import Opened, SessionFile
from agenda.storage import snapshot
from tests.browser.chromium import Page, find_chromium, launch
from tests.helpers import SAMPLES
from tests.serving import rest, serving

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on this machine: `make browser-test` installs Debian's chromium "
    "package and runs the browser test",
)

FOLLOWS_WITHIN = 5.0
"""The acceptance: a change the facilitator saves is in the room's view within 5 s."""
FIRST_VIEW_WITHIN = 60.0
"""Starting the browser and the view's own process takes a while on a busy shared machine."""


async def _shows(page: Page, text: str, within: float) -> float:
    """Read the terminal until it shows ``text``; how long that took (fails past ``within``)."""
    return await _until(page.terminal_text, lambda rows: text in rows, within, text)


async def _until(
    read: Callable[[], Awaitable[str]], done: Callable[[str], bool], within: float, what: str
) -> float:
    start = time.monotonic()
    rows = ""
    while time.monotonic() - start < within:
        rows = await read()
        if done(rows):
            return time.monotonic() - start
    raise AssertionError(f"not shown within {within:.0f} s: {what!r}; the page shows:\n{rows}")


def _save(opened: Opened, title: str) -> None:
    """Save a new title as the facilitator's copy does, through its SessionFile."""
    opened.session.incident.title = title
    opened.file.changed()
    opened.file.saved(opened.file.save(snapshot(opened.session), opened.file.changes))


@pytest.mark.slow
async def test_the_room_sees_the_title_then_a_save_and_an_autosave_within_5_s(
    tmp_path: Path,
) -> None:
    assert CHROMIUM is not None
    path = tmp_path / "pm.toml"
    shutil.copy(SAMPLES[0], path)
    with serving(path) as (address, server):
        async with launch(CHROMIUM, tmp_path / "profile") as page:
            await page.open(address)
            facilitator = SessionFile.open(path)  # the facilitator's copy, holding the lock
            title = facilitator.session.incident.title
            await _shows(page, title[:24], FIRST_VIEW_WITHIN)
            assert "following pm.toml — read-only" in await page.terminal_text()

            _save(facilitator, "Room view: saved at the facilitator's desk")
            await _shows(page, "Room view: saved at the facilitator's desk", FOLLOWS_WITHIN)

            facilitator.session.incident.title = "Room view: autosaved, not saved yet"
            facilitator.file.changed()
            facilitator.file.autosave(snapshot(facilitator.session))
            await _shows(page, "Room view: autosaved, not saved yet", FOLLOWS_WITHIN)
            facilitator.file.close()
            asked = URL(address).authority
            elsewhere = [u for u in page.requests if URL(u).authority != asked]
            assert page.requests and elsewhere == []
        server.terminate()  # SIGTERM, as a service manager stops it: the views close too
        assert server.wait(timeout=30) == 0
        assert "Traceback" not in rest(server.stderr)

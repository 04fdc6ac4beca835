"""Provides what the Pilot tests share: one screen size, the app factory with a still cursor, and
copies of the samples."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import WorkerCancelled

from agenda.agendas import Pane
from facilitator.app import FacilitatorApp
from facilitator.factory import build_app as factory
from tests.helpers import SAMPLES, FakeNow

SIZE = (120, 36)
"""A shared screen at 720p with a zoomed font: every Pilot test uses it unless it says why."""

AppPilot = Pilot[None]


def build_app(path: Path, **options: Any) -> FacilitatorApp:
    """The app from the one factory, on a fake clock unless given one, cursor not blinking."""
    options.setdefault("now", FakeNow())
    return factory(path, cursor_blink=False, **options)


def copy_sample(folder: Path, index: int = 0) -> Path:
    """A copy of a sample session in ``folder``, to open and change."""
    target = folder / SAMPLES[index].name
    shutil.copy(SAMPLES[index], target)
    return target


async def loaded(pilot: AppPilot) -> None:
    """Wait until the app shows its session: it draws its first frame at once and opens the
    session in a worker after it. A session that cannot be opened fails the test with why."""
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    while not app.loaded:
        if app.load_error is not None:
            raise AssertionError(f"the session did not open: {app.load_error.message}")
        if app.return_code is not None:  # it crashed (run_test raises why on the way out)
            raise AssertionError(f"the app ended before its session showed: {app.return_code}")
        await pilot.pause()
    await pilot.pause()


async def fill_every_pane(pilot: AppPilot) -> None:
    """Have every phase pane built and filled, as looking at each once would: a pane is built
    and fills the first time it is shown, and some tests inspect panes that are not in view."""
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    for kind in Pane:
        (await app.main.pane_ready(kind)).ensure_filled()
    await pilot.pause()


async def settle(app: App[Any]) -> None:
    """Wait until no worker runs. A checks run replaced by a newer one ends cancelled, which
    `wait_for_complete` raises: that is expected, so wait again for its successor."""
    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        return


async def shown(pilot: AppPilot, screen: type[Screen[Any]], *, pauses: int = 200) -> Screen[Any]:
    """Wait until a screen of this type is on top (a dialog pushed after a worker or a
    refresh), failing the test with what is on top instead if it never comes."""
    for _ in range(pauses):
        if isinstance(pilot.app.screen, screen):
            return pilot.app.screen
        await pilot.pause()
    raise AssertionError(f"no {screen.__name__}; on top: {type(pilot.app.screen).__name__}")


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain lines (to assert a reader can see something)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

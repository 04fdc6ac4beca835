"""SVG snapshots of whole screens at screen-share size, on a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from agenda import load_session, save_session
from agenda.model import MeetingMode
from agenda.severity import CoreFlow
from facilitator import file_keeping
from facilitator.app import FacilitatorApp
from facilitator.commands import new
from facilitator.samples import make_demo_copy
from facilitator.widgets.clock_bar import ClockBar
from tests.app.support import SIZE, build_app, loaded, settle
from tests.helpers import FakeNow

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def no_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """An autosave (or a look at the disk) lands after seconds of wall time, which a loaded
    machine may or may not reach before the picture is taken: keep it out of the picture."""
    monkeypatch.setattr(file_keeping, "AUTOSAVE_DELAY", 3600.0)
    monkeypatch.setattr(file_keeping, "DISK_CHECK_EVERY", 3600.0)


async def settle_screen(pilot: Pilot[Any]) -> None:
    """Let the session open, the checks worker and the folder read finish, so the findings
    count and last time's promises are in the picture every time (the read starts after the
    first frame); then show the clock as its next tick would (due within half a second)."""
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    await loaded(pilot)
    await settle(app)
    while app.guidance.folder is None:
        await pilot.pause()
        await settle(app)
    for _ in range(3):  # a width change (the sidebar, f6) reaches the panes a frame or two later
        await pilot.pause()
    await settle(app)
    for bar in app.screen.query(ClockBar):
        bar.update_reading()
    if app.screen is app.main:
        app.main.tick()  # the time's-up banner, the overrun marks, presentation's digits
    await pilot.pause()


SMALL = (80, 24)
"""The smallest shared screen: 720p with a zoomed font."""


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "120x36"])
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presentation"])
@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("opening", []),
        ("timeline", ["ctrl+n"]),
        ("analysis", ["ctrl+n", "ctrl+n"]),
        ("actions", ["ctrl+n", "ctrl+n", "ctrl+n"]),
        ("closing", ["ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n"]),
    ],
)
def test_phase_screens(
    snap_compare: SnapCompare,
    tmp_path: Path,
    name: str,
    keys: list[str],
    presenting: bool,
    size: tuple[int, int],
) -> None:
    now = FakeNow()
    app = build_app(
        make_demo_copy(directory=tmp_path, today=now().date()), now=now, start_clock=True
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        now.advance(minutes=4, seconds=20)
        for key in keys:
            await pilot.press(key)
        if presenting:
            await pilot.press("f6")
            await pilot.pause()  # the layout changes: let the panes hear of their new width
            await pilot.pause()  # ...and the timeline refill its columns for it
        await settle_screen(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_overrun_clock(snap_compare: SnapCompare, tmp_path: Path) -> None:
    now = FakeNow()
    app = build_app(
        make_demo_copy(directory=tmp_path, today=now().date()), now=now, start_clock=True
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        now.advance(minutes=7, seconds=3)
        await pilot.pause()
        app.main.tick()
        app.screen.query_one("ClockBar").update_reading()  # type: ignore[attr-defined]
        await settle_screen(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_opening_editor(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A session fresh from `facilitator new`, its header half filled: the editor's rows, the
    hints of the empty ones, the implied severity beside the chosen one."""
    path = tmp_path / "waf.toml"
    people = ["--participant", "@ana:on-call SRE", "--participant", "@ben:WAF engineer"]
    flags = ["--date", "2019-07-02", "--severity", "SEV2", "--service", "waf", *people]
    assert new.run([str(path), "--title", "WAF regex took every edge CPU", *flags]) == 0
    session = load_session(path)
    session.incident.summary = "A WAF rule's regex exhausted CPU on every edge machine."
    session.incident.severity_answers.core_flow = CoreFlow.DOWN
    save_session(session, path)
    app = build_app(path, now=FakeNow())
    assert snap_compare(app, terminal_size=SIZE, run_before=settle_screen)


def test_async_sidebar(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """An async write-up: the writer's prompts, and the parts of the document written (✓) and
    still missing (✗) under the phases."""
    now = FakeNow()
    path = make_demo_copy(directory=tmp_path, today=now().date())
    session = load_session(path)
    session.meeting.mode = MeetingMode.ASYNC
    session.incident.resolution = ""
    session.analysis.lucky = []
    save_session(session, path)
    app = build_app(path, now=now)

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)  # a key pressed before the session shows goes to the loading frame
        await pilot.press("ctrl+n")
        await settle_screen(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

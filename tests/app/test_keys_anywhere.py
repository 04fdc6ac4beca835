"""Every global key works from any widget of the meeting screen, the quick-add line included."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input

from agenda.publish import document_path
from facilitator.app import FacilitatorApp
from facilitator.dialogs.dissent import DissentDialog
from facilitator.dialogs.file_dialogs import SaveFailed
from facilitator.dialogs.text_entry import TextEntry
from facilitator.screens.findings import FindingsScreen
from facilitator.screens.help import HelpScreen
from tests.app.support import SIZE, AppPilot, loaded, settle
from tests.app.test_analysis_pane import make_app, show


async def on_quick_add(pilot: AppPilot, app: FacilitatorApp, typed: str) -> Input:
    await show(pilot, app, "timeline")
    quick = app.screen.query_one("#quick-add", Input)
    quick.focus()
    quick.value = typed
    await pilot.pause()
    return quick


@pytest.mark.parametrize(
    ("key", "screen"),
    [
        ("f1", HelpScreen),
        ("f3", FindingsScreen),
        ("f4", DissentDialog),
        ("f5", TextEntry),
        ("f9", SaveFailed),
    ],
)
async def test_function_keys_open_their_screen_from_the_quick_add_line(
    tmp_path: Path, key: str, screen: type[Screen[object]]
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await on_quick_add(pilot, app, "14:05 half-typed")
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen)


async def test_ctrl_e_exports_from_the_quick_add_line(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        quick = await on_quick_add(pilot, app, "14:05 half-typed")
        await pilot.press("ctrl+e")
        await settle(app)
        await pilot.pause()
        assert document_path(app.path).exists()
        assert quick.value == "14:05 half-typed"


async def test_ctrl_s_saves_from_the_quick_add_line_and_still_saves_a_form(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        quick = await on_quick_add(pilot, app, "14:05 Error rate crosses 5%")
        await pilot.press("enter")
        await pilot.pause()
        assert app.dirty
        quick.focus()
        await pilot.press("ctrl+s")
        await settle(app)
        assert not app.dirty
        await pilot.press("f5")
        app.screen.query_one("#entry", Input).value = "a tangent"
        await pilot.press("ctrl+s")  # the form's own save, not the file's
        await pilot.pause()
        assert [p.text for p in app.session.analysis.parking_lot] == ["a tangent"]


async def test_f2_from_the_quick_add_line_goes_back_to_the_phase(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#panes").current == "timeline"  # type: ignore[attr-defined]
        app.screen.query_one("#quick-add", Input).focus()
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#panes").current == "analysis"  # type: ignore[attr-defined]

"""At 80×24, the smallest shared screen: the timeline's text, the action form's Save, dialogs
inside the screen, the selected why in full, the phase strip and the footer."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Button, DataTable, Input, Static
from textual.widgets.data_table import RowKey

from agenda.agendas import Pane
from facilitator.app import FacilitatorApp
from facilitator.panes.analysis import AnalysisPane
from facilitator.samples import make_demo_copy
from facilitator.widgets.agenda_sidebar import AgendaSidebar
from facilitator.widgets.phase_strip import PhaseStrip
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, build_app, loaded, screen_text, settle
from tests.helpers import FakeNow

SMALL = (80, 24)


def demo(tmp_path: Path, now: FakeNow) -> FacilitatorApp:
    path = make_demo_copy(directory=tmp_path, today=now().date())
    return build_app(path, now=now, start_clock=True)


def inside(app: FacilitatorApp, selector: str) -> bool:
    """Whether the widget's whole region is on the screen in view."""
    region = app.screen.query_one(selector).region
    return bool(region.area) and Region(0, 0, *app.size).contains_region(region)


async def show(pilot: AppPilot, pane: Pane) -> None:
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    await app.main.go_to_phase([p.pane for p in app.agenda.phases].index(pane))
    await pilot.pause()
    await settle(app)


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presentation"])
async def test_the_timeline_shows_forty_characters_of_every_description(
    tmp_path: Path, now: FakeNow, presenting: bool
) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await show(pilot, Pane.TIMELINE)
        if presenting:  # after the table was filled: it must wrap again for the new width
            await pilot.press("f6")
            await pilot.pause()
        table = app.main.query_one(TimelineTable)
        description = table.columns[table.ordered_columns[-1].key]
        assert description.width >= 40
        x = sum(c.get_render_width(table) for c in table.ordered_columns)
        seen = table.scrollable_content_region
        assert seen.x + x <= seen.right  # every column on screen: no line cut at the edge
        first = app.session.sorted_timeline()[0].description
        assert first[:40] in "".join(s.text for s in table.render_lines(table.region.reset_offset))


async def test_below_a_hundred_columns_the_sidebar_becomes_a_strip(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await settle(app)
        strip = app.main.query_one(PhaseStrip)
        assert strip.display and not app.main.query_one(AgendaSidebar).display
        assert "▶ 1 Opening" in str(strip.render())
        await pilot.press("ctrl+b")
        assert app.main.query_one(AgendaSidebar).display and not strip.display
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.main.query_one(AgendaSidebar).display  # chosen: shown at every size
        await pilot.resize_terminal(*SMALL)
        await pilot.press("ctrl+b")  # hidden again, as at first: back to following the width
        assert not app.main.query_one(AgendaSidebar).display
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.main.query_one(AgendaSidebar).display


async def test_the_action_forms_save_is_on_screen(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await show(pilot, Pane.ACTIONS)
        app.main.query_one("#action-table").focus()
        await pilot.press("a")
        await pilot.pause()
        assert inside(app, ".dialog")
        assert inside(app, "#save") and inside(app, "#cancel")
        assert str(app.screen.query_one("#cancel", Button).label) == "Cancel (Esc)"
        before = len(app.session.actions)
        app.screen.query_one("#title", Input).value = "Alert on checkout NPE rate above 1%"
        app.screen.query_one("#owner", Input).value = "@priya"
        await pilot.click("#save")  # a click lands on it: it is not covered or scrolled away
        await pilot.pause()
        assert len(app.session.actions) == before + 1


async def test_no_dialog_is_clipped(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await show(pilot, Pane.TIMELINE)
        for key in ("f1", "f3", "f4", "f5", "f10"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not app.main, key
            assert inside(app, ".dialog"), key
            for button in app.screen.query(Button):
                region = button.region
                assert Region(0, 0, *app.size).contains_region(region), (key, button.label)
            await pilot.press("escape")
            await pilot.pause()


async def test_the_selected_why_is_shown_in_full(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await show(pilot, Pane.ANALYSIS)
        pane = app.main.pane(Pane.ANALYSIS)
        assert isinstance(pane, AnalysisPane)
        why = max(app.session.analysis.whys, key=lambda w: len(w.answer))
        assert len(why.answer) > 60  # longer than the tree's width at 80 columns
        pane.reveal("why", why.id)
        await pilot.pause()
        detail = app.main.query_one("#why-detail", Static)
        shown = " ".join(str(detail.render()).split())
        assert " ".join(why.answer.split()) in shown
        depth = app.session.why_depth(why.id)  # and its id, which findings name it by
        assert f"Why {depth} · {why.id}" in shown
        assert inside(app, "#why-detail-box")
        column = app.main.query_one("#whys-column").region
        assert column.contains_region(app.main.query_one("#why-detail-box").region)  # not cut
        tree = pane.whys_tree  # ...and the tree beside it still shows where the cursor is
        rows = tree.scrollable_content_region.height
        assert rows >= 3
        assert tree.scroll_offset.y <= tree.cursor_line < tree.scroll_offset.y + rows


async def test_the_footer_keeps_the_panes_keys(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await show(pilot, Pane.ACTIONS)
        app.main.query_one("#action-table").focus()
        await pilot.pause()
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"add", "edit", "sort", "help"} <= shown
        assert "toggle_clock" not in shown  # moved to F1 and the palette
        await pilot.press("ctrl+t")  # still bound
        assert app.clock is not None and app.clock.state.value == "paused"


async def test_closing_shows_whole_titles_and_views(tmp_path: Path, now: FakeNow) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, Pane.CLOSING)
        owners = app.main.query_one("#owners", DataTable)
        action = max(app.session.actions, key=lambda a: len(a.title))
        title = owners.get_cell(action.id, "text")
        assert title.plain == action.title  # whole, not cut at 44 characters
        assert owners.rows[RowKey(action.id)].height > 1  # wrapped to the width left over
        shown = "".join(s.text for s in owners.render_lines(owners.region.reset_offset))
        assert action.title.split()[-1] in shown


async def test_the_closing_shows_the_owners_it_asks_to_confirm(
    tmp_path: Path, now: FakeNow
) -> None:
    app = demo(tmp_path, now)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await show(pilot, Pane.CLOSING)
        await pilot.pause()
        owners = app.main.query_one("#owners", DataTable)
        assert app.focused is owners
        seen = owners.region.intersection(app.main.query_one("#closing-body").region)
        assert seen.height >= 4  # its title, the header and the first owner, not below the fold
        shown = screen_text(app)
        assert app.session.actions[0].owner in shown

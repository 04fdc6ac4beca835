"""The colours set in Python follow the theme: an error reads in the light theme's error colour,
and a theme chosen during the meeting recolours what is already on the screen."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable

from agenda.storage import load_session, save_session
from facilitator.app import FacilitatorApp
from facilitator.settings import Settings, save_settings, settings_path
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, build_app, copy_sample, fill_every_pane, loaded
from tests.app.support import settle as settled


def ownerless(folder: Path) -> Path:
    """A sample whose first action has no owner: its row says "no owner", the checks flag it."""
    path = copy_sample(folder)
    session = load_session(path)
    session.actions[0].owner = ""
    save_session(session, path)
    return path


def colours(text: Text) -> set[str]:
    """The colours ``text`` is drawn in (its own style's and its spans')."""
    styles = [text.style, *(span.style for span in text.spans)]
    parsed = [Style.parse(s) if isinstance(s, str) else s for s in styles]
    return {style.color.name.lower() for style in parsed if style.color is not None}


def error_colour(app: FacilitatorApp) -> str:
    """The running theme's colour for error text, as the theme itself gives it."""
    return app.get_css_variables()["text-error"].lower()


def action_cells(app: FacilitatorApp) -> tuple[Text, Text]:
    """The first action's finding mark and owner cell, in the actions pane."""
    table = app.main.query_one("#action-table", DataTable)
    key = app.session.actions[0].id
    mark, owner = table.get_cell(key, "mark"), table.get_cell(key, "owner")
    assert isinstance(mark, Text) and isinstance(owner, Text)
    assert (mark.plain, owner.plain) == ("✖", "no owner")
    return mark, owner


async def shown(pilot: AppPilot) -> FacilitatorApp:
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    await loaded(pilot)
    await settled(app)
    await fill_every_pane(pilot)
    return app


async def test_under_a_light_theme_an_error_is_in_its_error_colour(tmp_path: Path) -> None:
    save_settings(Settings(theme="textual-light"), settings_path())
    app = build_app(ownerless(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot)
        assert app.theme == "textual-light"
        mark, owner = action_cells(app)
        assert colours(mark) == colours(owner) == {error_colour(app)} == {"#7a273c"}


async def test_a_new_theme_recolours_the_rows_already_shown(tmp_path: Path) -> None:
    app = build_app(ownerless(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot)
        assert app.theme == "textual-dark"
        mark, owner = action_cells(app)
        dark = error_colour(app)
        assert colours(mark) == colours(owner) == {dark}
        app.theme = "textual-light"
        await pilot.pause()
        await settled(app)
        mark, owner = action_cells(app)
        light = error_colour(app)
        assert light != dark and colours(mark) == colours(owner) == {light}
        table = app.main.query_one(TimelineTable)
        gaps = [key for key in table.row_keys_in_order() if key.startswith("gap:")]
        assert gaps, "the sample has a gap in its timeline"
        prompt = table.get_row(gaps[0])[-1]
        assert isinstance(prompt, Text)
        assert colours(prompt) == {app.get_css_variables()["text-warning"].lower()}

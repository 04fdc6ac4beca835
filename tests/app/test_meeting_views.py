"""The phase in view, the prompts and the help agree with where the meeting is."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from textual.widgets import Input, OptionList

from agenda.analysis import add_factor
from agenda.model import Factor
from agenda.writing import prompts_for
from facilitator.dialogs.action_form import ActionForm
from facilitator.keys import PANE_KEYS
from facilitator.messages import EditRequested
from facilitator.panes.analysis import AnalysisPane
from facilitator.screens.help import HelpScreen
from tests.app.support import SIZE, loaded, screen_text
from tests.app.test_analysis_pane import make_app, show


async def test_n_on_a_factor_adds_an_action_without_leaving_the_analysis(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        app.post_message(EditRequested(add_factor(Factor(id="F1", title="No pool alert"))))
        await pilot.pause()
        app.screen.query_one("#factors", OptionList).focus()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        app.screen.query_one("#title", Input).value = "Alert on pool saturation"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.actions[-1].factors == ["F1"]
        phase = app.agenda.phases[app.main.phase]
        assert phase.pane.value == "analysis"
        assert app.screen.query_one("#panes").current == "analysis"  # type: ignore[attr-defined]
        analysis = app.screen.query_one(AnalysisPane)
        assert app.focused is not None and analysis in app.focused.ancestors  # not a hidden table


async def test_every_prompt_of_a_phase_can_be_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        last = prompts_for(app.session, app.agenda.phases[app.main.phase]).ask[-1]
        app.screen.query_one("#prompts").focus()
        await pilot.press("end")
        await pilot.pause()
        ending = " ".join(last.split()[-3:])  # its end: the panel's last line, wrapped or not
        assert ending in " ".join(screen_text(app).split())


async def test_f1_lists_the_keys_of_every_pane(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = Console(width=200, record=True)
        shown.print(app.screen.text)
        text = shown.export_text()
        for _, keys in PANE_KEYS:
            for key in keys:
                assert key.description in text
        assert "New action for the highlighted contributing factor" in text
        assert "Tick the owner's confirmation of the selected action" in text


async def test_a_focused_box_is_drawn_with_another_line_not_only_another_colour(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        boxes = ["#whys", "#factors", "#list-went-well"]
        for box in boxes:
            focus = app.screen.query_one(box)
            target = focus if box != "#list-went-well" else focus.query_one(OptionList)
            target.focus()
            await pilot.pause()
            lines = {b: app.screen.query_one(b).styles.border_top[0] for b in boxes}
            assert [b for b in boxes if lines[b] != lines[box]] == [x for x in boxes if x != box]

"""The phase in view, the prompts and the help agree with where the meeting is."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from agenda.analysis import add_factor
from agenda.model import Factor
from facilitator.dialogs.action_form import ActionForm
from facilitator.messages import EditRequested
from tests.app.support import SIZE
from tests.app.test_analysis_pane import make_app, show


async def test_n_on_a_factor_adds_an_action_without_leaving_the_analysis(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
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

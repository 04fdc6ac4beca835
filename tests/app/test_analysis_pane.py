"""The analysis pane, dissent and the parking lot from the keyboard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, Tree

from agenda import load_session, save_session
from agenda.model import (
    Action,
    Event,
    Factor,
    FactorCategory,
    MeetingMode,
    Participant,
    Session,
)
from facilitator.app import FacilitatorApp
from facilitator.dialogs.analysis_forms import FactorForm, PickDialog, WhyForm
from facilitator.dialogs.dissent import DissentDialog
from facilitator.dialogs.text_entry import TextEntry
from facilitator.panes.actions import ActionsPane
from facilitator.panes.analysis import AnalysisPane
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, build_app, loaded, screen_text, settle
from tests.helpers import FakeNow

T0 = datetime(2024, 1, 15, 14, 0, tzinfo=UTC)


def make_app(tmp_path: Path) -> FacilitatorApp:
    session = Session(
        meeting={"mode": MeetingMode.ASYNC, "participants": [Participant(name="@alice")]},
        timeline=[Event(id="E1", at=T0, description="Deploy v3.2")],
        actions=[Action(id="A1", title="Add pool alert", owner="@alice")],
    )
    path = tmp_path / "s.toml"
    save_session(session, path)
    return build_app(path, now=FakeNow())


async def show(pilot: AppPilot, app: FacilitatorApp, pane: str) -> None:
    await pilot.pause()
    await pilot.press("ctrl+g")
    index = [p.pane.value for p in app.agenda.phases].index(pane)
    await pilot.press("home", *(["down"] * index), "enter")
    await pilot.pause()


async def at_the_whys(pilot: AppPilot, app: FacilitatorApp) -> None:
    """The session open at the analysis, the keyboard in the 5 Whys tree."""
    await loaded(pilot)
    await show(pilot, app, "analysis")
    app.screen.query_one("#whys", Tree).focus()


async def fill_why(pilot: AppPilot, app: FacilitatorApp, **values: str) -> None:
    form = app.screen
    assert isinstance(form, WhyForm)
    for name, value in values.items():
        form.query_one(f"#{name}", Input).value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


def select(app: FacilitatorApp, why_id: str) -> None:
    app.screen.query_one(AnalysisPane).reveal("why", why_id)


@pytest.mark.slow
async def test_build_branch_edit_move_delete_promote_and_reload(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_whys(pilot, app)
        await pilot.press("r")
        await fill_why(pilot, app, question="Checkout failed for 18 minutes")
        select(app, "W1")
        for answer in ("NPE in v3.2", "Deleted methods not handled", "Lifecycle undocumented"):
            await pilot.press("w")
            await fill_why(pilot, app, answer=answer)
            select(app, app.session.analysis.whys[-1].id)
        await pilot.press("w")
        await fill_why(pilot, app, answer="No contract process")  # W5: depth 4
        select(app, "W3")
        await pilot.press("b")
        await fill_why(pilot, app, answer="Fixtures hold only active methods")  # W6, a branch
        session = app.session
        assert session.why_depth("W5") == 4
        assert [w.id for w in session.why_children("W2")] == ["W3", "W6"]

        select(app, "W4")
        await pilot.press("e")
        await fill_why(pilot, app, evidence="wiki has no lifecycle page")
        assert session.analysis.whys[3].evidence == "wiki has no lifecycle page"

        select(app, "W5")
        await pilot.press("m")
        assert isinstance(app.screen, PickDialog)
        options = app.screen.query_one(OptionList)
        options.highlighted = [o.id for o in options.options].index("W6")
        await pilot.press("enter")
        await pilot.pause()
        assert [w.parent for w in session.analysis.whys if w.id == "W5"] == ["W6"]

        select(app, "W6")
        await pilot.press("d")
        assert {w.id for w in session.analysis.whys} == {"W1", "W2", "W3", "W4"}
        await pilot.press("ctrl+z")
        assert {w.id for w in session.analysis.whys} == {f"W{i}" for i in range(1, 7)}

        select(app, "W5")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)  # the room says which kind of factor
        await pilot.press("down", "enter")  # process
        await pilot.pause()
        promoted = session.analysis.factors[-1]
        assert (promoted.why, promoted.title) == ("W5", "No contract process")
        assert promoted.category is FactorCategory.PROCESS
        assert [w.systemic for w in session.analysis.whys if w.id == "W5"] == [True]
        await pilot.press("ctrl+s")
        await settle(app)
    assert load_session(app.path) == app.session


async def test_a_chain_that_stops_at_a_person_is_marked(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_whys(pilot, app)
        await pilot.press("r")
        await fill_why(pilot, app, question="Wrong node restarted")
        select(app, "W1")
        await pilot.press("w")
        await fill_why(pilot, app, answer="The engineer restarted the wrong node")
        tree = app.screen.query_one("#whys", Tree)
        labels = [str(n.label) for n in tree._tree_nodes.values() if n.data == "W2"]
        assert "⚠" in labels[0]


async def test_dissent_from_the_timeline_and_from_actions(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "timeline")
        app.screen.query_one(TimelineTable).focus()
        await pilot.press("f4")
        dialog = app.screen
        assert isinstance(dialog, DissentDialog)
        assert dialog.query_one("#about", Select).value == "event:E1"
        dialog.query_one("#view", Input).value = "The deploy was not the trigger [really]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await show(pilot, app, "actions")
        app.screen.query_one(ActionsPane).select("A1")
        await pilot.press("f4")
        dialog = app.screen
        assert dialog.query_one("#about", Select).value == "action:A1"
        dialog.query_one("#view", Input).value = "An alert alone will not prevent it"
        dialog.query_one("#holder", Input).value = "@alice"
        await pilot.press("ctrl+s")
        await pilot.pause()
        views = app.session.dissent
        assert [(d.about, d.holder, d.view) for d in views] == [
            ("event:E1", "", "The deploy was not the trigger [really]"),
            ("action:A1", "@alice", "An alert alone will not prevent it"),
        ]
        await show(pilot, app, "closing")
        from textual.widgets import DataTable

        table = app.screen.query_one("#dissent", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("r")
        assert isinstance(app.screen, TextEntry)
        app.screen.query_one(Input).value = "Agreed to add a runbook step too"
        await pilot.press("enter")
        await pilot.pause()
        assert views[1].status == "resolved" and views[1].resolution.startswith("Agreed")


async def test_park_a_tangent_from_the_analysis_phase(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        await pilot.press("f5")
        assert isinstance(app.screen, TextEntry)
        app.screen.query_one(Input).value = "Should we move off the ORM? [later]"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#panes").current == "analysis"  # type: ignore[attr-defined]
        assert [p.text for p in app.session.analysis.parking_lot] == [
            "Should we move off the ORM? [later]"
        ]


async def test_factors_and_lists(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        app.screen.query_one("#factors", OptionList).focus()
        await pilot.press("a")
        assert isinstance(app.screen, FactorForm)
        app.screen.query_one("#title", Input).value = "No pool alert [monitoring]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.analysis.factors == [Factor(id="F1", title="No pool alert [monitoring]")]
        adder = app.screen.query_one("#list-went-well .note-add", Input)
        for line in ("On-call acked in 30 s", "Rollback was rehearsed"):
            adder.focus()
            adder.value = line
            await pilot.press("enter")
            await pilot.pause()
        items = app.screen.query_one("#list-went-well-items", OptionList)
        items.focus()
        items.highlighted = 1
        await pilot.press("alt+up")
        await pilot.pause()
        assert app.session.analysis.went_well == ["Rollback was rehearsed", "On-call acked in 30 s"]
        await pilot.press("d")
        assert app.session.analysis.went_well == ["On-call acked in 30 s"]


async def test_the_cursor_stays_on_the_node_after_an_edit(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_whys(pilot, app)
        await pilot.press("r")
        await fill_why(pilot, app, question="Root problem")
        await pilot.press("home", "w")
        await fill_why(pilot, app, answer="Answer A")
        await pilot.press("home", "w")
        await fill_why(pilot, app, answer="Answer B")
        await pilot.press("home", "down")  # Answer A
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("x")  # the same node again: the cursor must not have jumped to the root
        await pilot.pause()
        assert [w.systemic for w in app.session.analysis.whys] == [False, False, False]
        await pilot.press("down", "d")  # Answer B only
        await pilot.pause()
        assert [w.answer for w in app.session.analysis.whys] == ["", "Answer A"]


@pytest.mark.slow
async def test_w_w_w_goes_deeper_and_r_then_w_asks_under_the_new_chain(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_whys(pilot, app)
        await pilot.press("r")
        await fill_why(pilot, app, question="Checkout failed")
        for answer in ("NPE in v3.2", "Deleted methods not handled", "No contract tests"):
            await pilot.press("w")
            await fill_why(pilot, app, answer=answer)
        assert app.session.why_depth("W4") == 3
        await pilot.press("r")
        await fill_why(pilot, app, question="Nobody saw it for 15 minutes")
        await pilot.press("w")
        await fill_why(pilot, app, answer="No alert on checkout errors")
        assert [(w.id, w.parent) for w in app.session.analysis.whys[-2:]] == [
            ("W5", ""),
            ("W6", "W5"),
        ]
        tree = app.screen.query_one("#whys", Tree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "W6"


async def test_dissent_is_about_an_item_picked_from_a_list_with_its_id(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "opening")
        await pilot.press("f4")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DissentDialog)
        dialog.query_one("#view", Input).value = "The alert would not have fired"
        about = dialog.query_one("#about", Select)
        about.focus()
        await pilot.press("enter")  # the list opens; every item shows its id
        await pilot.pause()
        shown = screen_text(app)
        assert "E1   01-15 14:00 Deploy v3.2" in shown and "A1   Add pool alert" in shown
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [(d.about, d.view) for d in app.session.dissent] == [
            ("action:A1", "The alert would not have fired")
        ]


async def test_blame_is_named_in_the_why_form_while_it_is_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_whys(pilot, app)
        await pilot.press("r")
        await fill_why(pilot, app, question="The production database was deleted")
        select(app, "W1")
        await pilot.press("w")
        assert isinstance(app.screen, WhyForm)
        assert '⚠ "' not in screen_text(app)
        await pilot.press(*"alice should have checked which host she was on")
        await pilot.pause()
        shown = " ".join(screen_text(app).split())  # under the fields, before any save
        assert '⚠ "should have checked" judges the moment with what we know now' in shown
        assert 'instead: "The monitoring did not surface…"' in shown
        answer = app.screen.query_one("#answer", Input)
        answer.value = "Both hosts had the same prompt and nothing showed which one was live"
        await pilot.pause()
        assert '⚠ "' not in screen_text(app)  # a systemic answer: the hint goes


async def test_a_sentence_typed_into_a_list_goes_to_its_add_line_not_to_commands(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await show(pilot, app, "analysis")
        went_well = app.screen.query_one("#list-went-well OptionList", OptionList)
        went_well.focus()
        await pilot.pause()
        await pilot.press("enter")  # an empty list: Enter goes to its add line
        assert isinstance(app.focused, Input) and app.focused.has_class("note-add")
        went_well.focus()
        await pilot.pause()
        await pilot.press(*"Rollback had a runbook and needed no decision", "enter")
        await pilot.pause()
        assert isinstance(app.screen, type(app.main))  # no form opened by r, n or a
        analysis = app.session.analysis
        assert analysis.went_well == ["Rollback had a runbook and needed no decision"]
        assert analysis.question_style.value == "why"  # h did not switch it


async def test_escape_asks_before_it_throws_away_what_was_typed_in_a_form(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_whys(pilot, app)
        await pilot.press("r")
        await pilot.press("escape")  # nothing typed: it closes at once
        assert not isinstance(app.screen, WhyForm)
        await pilot.press("r", *"Backups had never been restored")
        await pilot.press("escape")  # typed: it asks
        await pilot.pause()
        assert "Throw away what you typed" in screen_text(app)
        await pilot.press("escape")  # keep editing: the text is still there
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WhyForm)
        assert form.query_one("#question", Input).value == "Backups had never been restored"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert not isinstance(app.screen, WhyForm) and app.session.analysis.whys == []

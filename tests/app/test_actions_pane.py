"""The action items and closing panes from the keyboard."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, SelectionList, TextArea

from agenda import load_session, save_session
from agenda.model import Factor, MeetingMode, Participant, Session
from facilitator.app import FacilitatorApp
from facilitator.dialogs.action_form import ActionForm
from facilitator.dialogs.text_entry import TextEntry
from facilitator.panes.actions import ActionsPane
from tests.app.support import SIZE, AppPilot, build_app, loaded, settle
from tests.helpers import FakeNow

TODAY = date(2026, 11, 23)  # a Monday


def make_app(tmp_path: Path) -> tuple[FacilitatorApp, FakeNow]:
    now = FakeNow(datetime(2026, 11, 23, 15, 0, tzinfo=UTC))
    session = Session(
        incident={"title": "Pool exhaustion"},
        meeting={
            "mode": MeetingMode.ASYNC,
            "participants": [Participant(name="@alice"), Participant(name="@bob")],
        },
        analysis={
            "factors": [
                Factor(id="F1", title="No pool alert"),
                Factor(id="F2", title="Load test has no pool limit"),
            ]
        },
    )
    path = tmp_path / "pool.toml"
    save_session(session, path)
    return build_app(path, now=now), now


async def go_to(pilot: AppPilot, app: FacilitatorApp, pane: str) -> None:
    await pilot.pause()
    await pilot.press("ctrl+g")
    index = [p.pane.value for p in app.agenda.phases].index(pane)
    await pilot.press("home", *(["down"] * index), "enter")
    await pilot.pause()


async def add_action(
    pilot: AppPilot,
    app: FacilitatorApp,
    title: str,
    owner_prefix: str,
    due: str,
    factors: list[str],
) -> None:
    await pilot.press("a")
    form = app.screen
    assert isinstance(form, ActionForm)
    form.query_one("#title", Input).value = title
    owner = form.query_one("#owner", Input)
    owner.focus()
    await pilot.press(*owner_prefix)
    await pilot.pause()
    await pilot.press("right")  # accept the completion
    form.query_one("#due", Input).value = due
    choices = form.query_one("#factors", SelectionList)
    for factor in factors:
        choices.select(factor)
    await pilot.press("ctrl+s")
    await pilot.pause()


def table_ids(app: FacilitatorApp) -> list[str]:
    table = app.screen.query_one("#action-table", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


@pytest.mark.slow
async def test_actions_from_the_keyboard_then_closing_and_export(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await go_to(pilot, app, "actions")
        await add_action(pilot, app, "Add pool usage alert at 80%", "@al", "+2w", ["F1"])
        await add_action(pilot, app, "Add pool limit to the load test", "@b", "next friday", ["F2"])
        await add_action(
            pilot, app, "Document pool sizing in the runbook", "@al", "+3d", ["F1", "F2"]
        )
        actions = app.session.actions
        assert [a.owner for a in actions] == ["@alice", "@bob", "@alice"]
        assert [a.due for a in actions] == [
            date(2026, 12, 7),
            date(2026, 12, 4),
            date(2026, 11, 26),
        ]
        assert [a.factors for a in actions] == [["F1"], ["F2"], ["F1", "F2"]]
        coverage = app.screen.query_one("#coverage")
        assert "2 factors · 2 covered by an action" in str(coverage.render())

        pane = app.screen.query_one(ActionsPane)
        pane.select("A2")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#ticket", Input).value = "ENG-4242"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.actions[1].ticket == "ENG-4242"

        pane.select("A3")
        await pilot.press("d")
        assert table_ids(app) == ["A1", "A2"]
        await pilot.press("ctrl+z")
        assert table_ids(app) == ["A1", "A2", "A3"]

        await pilot.press("s")  # entry → due date
        assert table_ids(app) == ["A3", "A2", "A1"]

        await go_to(pilot, app, "closing")
        owners = app.screen.query_one("#owners", DataTable)
        owners.focus()
        for row in range(3):
            owners.move_cursor(row=row)
            await pilot.press("c")
        assert all(a.confirmed for a in app.session.actions)
        await pilot.press("u")
        assert isinstance(app.screen, TextEntry)
        assert app.screen.query_one(Input).value == "2026-12-07"
        app.screen.query_one(Input).value = "+10d"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.meeting.follow_up == date(2026, 12, 3)
        assert app.session.incident.status == "in review"
        said = [n.message for n in app._notifications]  # the status change is not silent
        assert (
            "Action review on Thu 2026-12-03. The postmortem moves from draft to in review." in said
        )

        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app)
    document = (tmp_path / "pool.md").read_text(encoding="utf-8")
    for action in app.session.actions:
        assert action.owner in document and action.due is not None
        assert action.due.isoformat() in document
    assert load_session(app.path) == app.session


async def test_due_date_refused_with_a_hint_and_nothing_lost(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await go_to(pilot, app, "actions")
        await pilot.press("a")
        form = app.screen
        form.query_one("#title", Input).value = "Add pool alert"
        form.query_one("#due", Input).value = "end of sprint"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ActionForm)
        error = str(form.query_one("#due-error").render())
        assert "sprints and quarters end on different days" in error
        assert form.query_one("#title", Input).value == "Add pool alert"
        assert app.session.actions == []


async def test_action_from_a_factor_in_the_analysis_pane(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await go_to(pilot, app, "analysis")
        app.screen.query_one("#whys").focus()
        await pilot.press("tab", "down", "n")  # from the tree: Tab to the factors, the second
        form = app.screen
        assert isinstance(form, ActionForm)
        assert list(form.query_one("#factors", SelectionList).selected) == ["F2"]
        form.query_one("#title", Input).value = "Add pool limit to the load test"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.actions[0].factors == ["F2"]


async def test_closing_checklist_and_learnings(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await go_to(pilot, app, "closing")
        await pilot.press("l")
        assert isinstance(app.screen, TextEntry)
        app.screen.query_one(TextArea).text = "Pools need alerts [and] limits"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.analysis.key_learnings == "Pools need alerts [and] limits"
        checklist = app.screen.query_one("#checklist", OptionList)
        checklist.focus()
        shared = [o.id for o in checklist.options].index("shared")
        await pilot.press(*(["down"] * shared), "enter")
        await pilot.pause()
        assert app.session.meeting.checklist == ["shared"]
        prompt = checklist.get_option_at_index(shared).prompt
        assert str(prompt).startswith("✓")

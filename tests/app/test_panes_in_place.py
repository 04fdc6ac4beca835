"""Panes show an edit by updating what it touched: the whys tree keeps its other nodes, the
tables keep their other rows, and the cursor stays where the facilitator left it."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import DataTable, Input

from agenda.actions import delete_action, replace_action
from agenda.agendas import Pane
from agenda.analysis import add_dissent, add_why, replace_why, toggle_systemic
from agenda.closing import set_dissent_status, toggle_confirmed
from agenda.model import DissentStatus
from facilitator.messages import EditRequested
from facilitator.panes.analysis import AnalysisPane
from tests.app.support import SIZE, build_app, copy_sample, fill_every_pane, loaded


async def test_an_edit_touches_only_its_own_tree_nodes_and_table_rows(tmp_path: Path) -> None:
    app = build_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await fill_every_pane(pilot)
        session = app.session
        pane = app.screen.query_one(AnalysisPane)
        tree = pane.whys_tree
        nodes = {}
        for why in session.analysis.whys:
            node = tree.node_of(why.id)
            assert node is not None
            nodes[why.id] = node
        owners = app.screen.query_one("#owners", DataTable)
        first, second = session.actions[0], session.actions[1]
        untouched_cell = owners.get_row(second.id)[1]
        was_confirmed, was_systemic = first.confirmed, False

        leaf = next(w for w in session.analysis.whys if not session.why_children(w.id))
        was_systemic = leaf.systemic
        app.post_message(EditRequested(toggle_systemic(session, leaf.id)))
        changed = session.analysis.whys[0].model_copy(update={"question": "Reworded problem"})
        app.post_message(EditRequested(replace_why(session, changed)))
        app.post_message(EditRequested(add_why(session, leaf.id, "Why?", "A deeper answer")))
        app.post_message(EditRequested(toggle_confirmed(session, first.id)))
        retitled = second.model_copy(update={"title": "A better title"})
        app.post_message(EditRequested(replace_action(session, retitled)))
        await pilot.pause()

        for why_id, node in nodes.items():
            assert tree.node_of(why_id) is node  # the same node, relabelled where touched
        assert "Reworded problem" in str(nodes[changed.id].label)
        now_systemic = next(w for w in session.analysis.whys if w.id == leaf.id).systemic
        assert now_systemic is not was_systemic
        assert ("◆" in str(nodes[leaf.id].label)) is now_systemic
        new = session.analysis.whys[-1]
        assert tree.node_of(new.id) is not None
        assert tree.node_of(new.id).parent is nodes[leaf.id]  # type: ignore[union-attr]
        assert pane.item_under_cursor() in ("", f"why:{new.id}")  # the cursor went deeper
        assert "A better title" in owners.get_row(second.id)[1].plain
        confirmed = session.actions[0].confirmed
        assert confirmed is not was_confirmed
        assert ("✓ confirmed" in owners.get_row(first.id)[4].plain) is confirmed
        assert owners.get_row(second.id)[1] is not untouched_cell
        assert [str(row.key.value) for row in owners.ordered_rows] == [
            a.id for a in session.actions
        ]


async def test_w_w_w_goes_deeper_from_any_row_and_the_highlight_follows(tmp_path: Path) -> None:
    app = build_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        session = app.session
        pane = await app.main.pane_ready(Pane.ANALYSIS)
        assert isinstance(pane, AnalysisPane)
        start = session.analysis.whys[2]  # not the first row
        pane.reveal("why", start.id)
        await pilot.pause()
        parent = start.id
        for answer in ("first", "second", "third"):
            await pilot.press("w")
            app.screen.query_one("#answer", Input).value = answer
            await pilot.press("ctrl+s")
            await pilot.pause()
            new = session.analysis.whys[-1]
            assert new.parent == parent and new.answer == answer
            cursor = pane.whys_tree.cursor_node
            assert cursor is not None and cursor.data == new.id  # the room sees what w acts on
            parent = new.id
        await pilot.press("d")  # the deepest goes; its parent is left with no children
        await pilot.pause()
        left = pane.whys_tree.node_of(session.analysis.whys[-1].id)
        assert left is not None and not left.children and not left.allow_expand


async def test_closing_shows_changed_statuses_in_full_and_follows_deletions(
    tmp_path: Path,
) -> None:
    app = build_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        session = app.session
        action = session.actions[0]
        app.post_message(EditRequested(add_dissent(session, "Too rare", "", f"action:{action.id}")))
        await pilot.pause()
        view = session.dissent[-1]
        app.post_message(
            EditRequested(set_dissent_status(session, view.id, DissentStatus.ACKNOWLEDGED))
        )
        app.post_message(EditRequested(delete_action(session, action.id)))
        await pilot.pause()
        dissent = app.screen.query_one("#dissent", DataTable)
        row = [cell.plain for cell in dissent.get_row(view.id)]
        assert row[-1] == "acknowledged" and row[3] == "—"  # about nothing now
        status = dissent.ordered_columns[-1]
        assert status.get_render_width(dissent) >= len("acknowledged") + 2  # with cell padding


BURST = [("f2", None), *[(c, c) for c in "14"], ("colon", ":"), *[(c, c) for c in "30"]]
"""f2 then "14:30", as a terminal delivers keys typed fast or pasted: all at once."""


async def test_keys_typed_at_once_after_f2_reach_the_pane_it_shows_for_the_first_time(
    tmp_path: Path,
) -> None:
    """The timeline is built when first shown; keys that arrive meanwhile wait, and must then
    go to its quick-add line, not to the closing pane just hidden (found by typing f2 and a
    time in one go: the line stayed empty, or lost its first digit)."""
    app = build_app(copy_sample(tmp_path))  # the sample's meeting is at its closing
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = app.main.current_pane
        assert before is Pane.CLOSING and not app.main.query("#quick-add")
        for key, char in BURST:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        assert app.main.current_pane is Pane.TIMELINE
        assert app.main.query_one("#quick-add", Input).value == "14:30"

"""Panes show an edit by updating what it touched: the whys tree keeps its other nodes, the
tables keep their other rows, and the cursor stays where the facilitator left it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from agenda.actions import replace_action
from agenda.analysis import add_why, replace_why, toggle_systemic
from agenda.closing import toggle_confirmed
from facilitator.messages import EditRequested
from facilitator.panes.analysis import AnalysisPane
from tests.app.support import SIZE, build_app, copy_sample


async def test_an_edit_touches_only_its_own_tree_nodes_and_table_rows(tmp_path: Path) -> None:
    app = build_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
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

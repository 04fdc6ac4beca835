"""The analysis edits: the whys forest, factors, lists, dissent and the parking lot, with undo."""

from __future__ import annotations

import pytest

from agenda.analysis import (
    add_branch,
    add_dissent,
    add_why,
    delete_factor,
    delete_why,
    descendants,
    move_why,
    park,
    promote_to_factor,
    replace_why,
    set_list,
    toggle_systemic,
)
from agenda.history import History
from agenda.model import FactorCategory, Session
from agenda.storage import dumps_session, loads_session


def build_two_branches() -> tuple[Session, History]:
    session, history = Session(), History()
    history.do(session, add_why(session, "", "Checkout failed for 18 minutes"))
    history.do(session, add_why(session, "W1", "Why did checkout fail?", "NPE in v3.2"))
    history.do(session, add_why(session, "W2", "Why the NPE?", "Deleted methods not handled"))
    history.do(session, add_branch(session, "W3", "Fixtures only hold active methods"))
    history.do(session, add_why(session, "W3", "Why not handled?", "Lifecycle undocumented"))
    history.do(session, add_why(session, "W5", "Why undocumented?", "No contract process"))
    return session, history


def test_a_two_branch_chain_of_depth_four() -> None:
    session, _ = build_two_branches()
    assert [w.id for w in session.why_children("W2")] == ["W3", "W4"]
    assert session.why_depth("W6") == 4
    assert session.analysis.whys[3].question == "Why the NPE?"  # a branch answers the same why


def test_edit_move_delete_and_undo_restore_everything() -> None:
    session, history = build_two_branches()
    node = session.analysis.whys[2].model_copy(update={"evidence": "PR #1234"})
    history.do(session, replace_why(session, node))
    history.do(session, move_why(session, "W5", "W4"))
    assert [w.id for w in session.why_children("W4")] == ["W5"]
    assert descendants(session, "W4") == {"W5", "W6"}
    with pytest.raises(ValueError, match="under itself"):
        move_why(session, "W4", "W6")
    history.do(session, add_dissent(session, "It was the vendor", "", "why:W5"))
    history.do(session, promote_to_factor(session, "W6"))
    before_delete = session.model_copy(deep=True)
    history.do(session, delete_why(session, "W4"))
    assert {w.id for w in session.analysis.whys} == {"W1", "W2", "W3"}
    assert session.analysis.factors[0].why == "" and session.dissent[0].about == ""
    assert loads_session(dumps_session(session)) == session
    history.undo(session)
    assert session == before_delete
    assert session.analysis.factors[0].why == "W6" and session.analysis.whys[-1].systemic


def test_toggle_systemic_and_lists_and_parking() -> None:
    session, history = build_two_branches()
    history.do(session, toggle_systemic(session, "W6"))
    assert session.analysis.whys[-1].systemic
    history.do(session, set_list(session, "went_well", ["On-call acked in 30 s"], "went well"))
    history.do(session, park(session, "Should we rewrite the ORM?"))
    assert session.analysis.parking_lot[0].id == "P1"
    history.undo(session)
    history.undo(session)
    assert session.analysis.went_well == [] and session.analysis.parking_lot == []


def test_deleting_a_factor_unlinks_its_actions() -> None:
    session = Session.model_validate(
        {
            "analysis": {"factors": [{"id": "F1", "title": "a"}, {"id": "F2", "title": "b"}]},
            "actions": [{"id": "A1", "title": "x", "factors": ["F1", "F2"]}],
        }
    )
    history = History()
    history.do(session, delete_factor(session, "F1"))
    assert session.actions[0].factors == ["F2"]
    assert loads_session(dumps_session(session)) == session
    history.undo(session)
    assert session.actions[0].factors == ["F1", "F2"]


@pytest.mark.parametrize("category", list(FactorCategory))
def test_a_promoted_why_takes_the_category_asked_for(category: FactorCategory) -> None:
    session, history = build_two_branches()
    history.do(session, promote_to_factor(session, "W6", category=category))
    assert session.analysis.factors[-1].category is category

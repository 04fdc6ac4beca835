"""Provides the analysis edits: the 5 Whys forest, contributing factors, the lists, dissent, and
the parking lot; each an undoable Edit."""

from __future__ import annotations

from collections.abc import Callable

from agenda.history import Edit, append_item, replace_item
from agenda.model import (
    Dissent,
    DissentStatus,
    Factor,
    FactorCategory,
    ParkingItem,
    QuestionStyle,
    Session,
    WhyNode,
)
from agenda.queries import get

LISTS = ("went_well", "went_poorly", "lucky", "lessons")
"""The one-line-an-item lists of the analysis."""

QUESTIONS = {
    QuestionStyle.WHY: "Why?",
    QuestionStyle.HOW: "How did that come about, and what made it possible?",
}
"""The question a new step asks: "why", or the "how / what" the PagerDuty guide and Allspaw's
"Infinite Hows" prefer, because "why" invites blame."""


def _snapshot(session: Session) -> Callable[[Session], None]:
    """A way back to the analysis, dissent and actions as they are now (for structural edits of
    the forest, which touch several lists at once)."""
    analysis = session.analysis.model_copy(deep=True)
    dissent = [d.model_copy() for d in session.dissent]
    actions = [a.model_copy() for a in session.actions]

    def restore(session: Session) -> None:
        # Field by field and list by list: assigning session.analysis as a whole would
        # re-check the session's links while dissent and actions are still the old ones.
        copy = analysis.model_copy(deep=True)
        for name in type(copy).model_fields:
            setattr(session.analysis, name, getattr(copy, name))
        session.dissent[:] = [d.model_copy() for d in dissent]
        session.actions[:] = [a.model_copy() for a in actions]

    return restore


def _structural(
    session: Session, label: str, change: Callable[[Session], None], touched: set[str]
) -> Edit:
    before = _snapshot(session)
    scratch = Session.model_construct(  # the parts the change touches; the timeline may be long
        analysis=session.analysis.model_copy(deep=True),
        dissent=[d.model_copy() for d in session.dissent],
        actions=[a.model_copy(deep=True) for a in session.actions],
    )
    change(scratch)
    after = _snapshot(scratch)
    return Edit(label, after, before, frozenset(touched))


# ---- the 5 Whys forest ------------------------------------------------------------------------


def add_why(
    session: Session,
    parent: str,
    question: str = "",
    answer: str = "",
    *,
    evidence: str = "",
    systemic: bool = False,
) -> Edit:
    """A new step under ``parent`` (a new chain's problem statement when ``parent`` is "")."""
    node = WhyNode(
        id=session.next_id("W"),
        parent=parent,
        question=question,
        answer=answer,
        evidence=evidence,
        systemic=systemic,
    )
    return append_item(lambda s: s.analysis.whys, node, f"add {node.id}")


def add_branch(session: Session, node_id: str, answer: str = "") -> Edit:
    """Another answer to the same question: a sibling of ``node_id``."""
    node = _why(session, node_id)
    return add_why(session, node.parent, node.question, answer)


def replace_why(session: Session, changed: WhyNode) -> Edit:
    return replace_item(session, lambda s: s.analysis.whys, changed)


def descendants(session: Session, node_id: str) -> set[str]:
    """Every node below ``node_id``."""
    found: set[str] = set()
    frontier = [node_id]
    while frontier:
        current = frontier.pop()
        for child in session.why_children(current):
            if child.id not in found:
                found.add(child.id)
                frontier.append(child.id)
    return found


def move_why(session: Session, node_id: str, new_parent: str) -> Edit:
    """Put a node (with everything under it) under another parent, or make it a chain's root."""
    if new_parent == node_id or new_parent in descendants(session, node_id):
        raise ValueError(f"{node_id} cannot move under itself or under a step below it")
    changed = _why(session, node_id).model_copy(update={"parent": new_parent})
    return replace_why(session, changed)


def delete_why(session: Session, node_id: str) -> Edit:
    """Remove a node and everything under it; factors promoted from them keep their text but
    lose the link, dissent about them stays about nothing. Undo restores all of it."""
    gone = {node_id} | descendants(session, node_id)
    refs = {f"why:{i}" for i in gone}
    linked = {f.id for f in session.analysis.factors if f.why in gone}
    linked |= {d.id for d in session.dissent if d.about in refs}

    def change(session: Session) -> None:
        session.analysis.whys[:] = [w for w in session.analysis.whys if w.id not in gone]
        for factor in session.analysis.factors:
            if factor.why in gone:
                factor.why = ""
        for view in session.dissent:
            if view.about in refs:
                view.about = ""

    return _structural(session, f"delete {node_id}", change, gone | linked)


def toggle_systemic(session: Session, node_id: str) -> Edit:
    node = _why(session, node_id)
    return replace_why(session, node.model_copy(update={"systemic": not node.systemic}))


def promote_to_factor(
    session: Session, node_id: str, *, category: FactorCategory = FactorCategory.TECHNICAL
) -> Edit:
    """Make a why's answer a contributing factor of ``category`` that keeps a link to it (and
    mark the why systemic)."""
    node = _why(session, node_id)
    factor = Factor(
        id=session.next_id("F"),
        title=(node.answer or node.question).strip() or node.id,
        category=FactorCategory(category),
        why=node_id,
    )

    def change(session: Session) -> None:
        _why(session, node_id).systemic = True
        session.analysis.factors.append(factor)

    return _structural(session, f"promote {node_id} to {factor.id}", change, {node_id, factor.id})


def _why(session: Session, node_id: str) -> WhyNode:
    return get(session.analysis.whys, node_id)


# ---- factors ----------------------------------------------------------------------------------


def add_factor(factor: Factor) -> Edit:
    return append_item(lambda s: s.analysis.factors, factor, f"add {factor.id}")


def replace_factor(session: Session, changed: Factor) -> Edit:
    return replace_item(session, lambda s: s.analysis.factors, changed)


def delete_factor(session: Session, factor_id: str) -> Edit:
    """Remove a factor; actions stop addressing it, dissent about it stays about nothing."""
    linked = {a.id for a in session.actions if factor_id in a.factors}
    linked |= {d.id for d in session.dissent if d.about == f"factor:{factor_id}"}

    def change(session: Session) -> None:
        session.analysis.factors[:] = [f for f in session.analysis.factors if f.id != factor_id]
        for action in session.actions:
            if factor_id in action.factors:
                action.factors = [f for f in action.factors if f != factor_id]
        for view in session.dissent:
            if view.about == f"factor:{factor_id}":
                view.about = ""

    return _structural(session, f"delete {factor_id}", change, {factor_id} | linked)


# ---- the lists --------------------------------------------------------------------------------


def set_list(session: Session, name: str, items: list[str], label: str) -> Edit:
    """Replace one of the lists (went well, went poorly, lucky, lessons) as a whole."""
    if name not in LISTS:
        raise KeyError(name)
    before = list(getattr(session.analysis, name))
    after = list(items)

    def put(session: Session, value: list[str]) -> None:
        setattr(session.analysis, name, list(value))

    return Edit(label, lambda s: put(s, after), lambda s: put(s, before), frozenset({name}))


def set_question_style(session: Session, style: QuestionStyle) -> Edit:
    before = session.analysis.question_style

    def put(session: Session, value: QuestionStyle) -> None:
        session.analysis.question_style = value

    whys = frozenset(w.id for w in session.analysis.whys)  # every label says why or how
    return Edit("question style", lambda s: put(s, style), lambda s: put(s, before), whys)


# ---- dissent and the parking lot --------------------------------------------------------------


def add_dissent(session: Session, view: str, holder: str, about: str) -> Edit:
    """Record a dissenting view, open; ``about`` is an item reference or ""."""
    dissent = Dissent(
        id=session.next_id("D"), view=view, holder=holder, about=about, status=DissentStatus.OPEN
    )
    return append_item(lambda s: s.dissent, dissent, f"dissent {dissent.id}")


def park(session: Session, text: str) -> Edit:
    """Park a tangent in a line, to keep the meeting on time."""
    item = ParkingItem(id=session.next_id("P"), text=text)
    return append_item(lambda s: s.analysis.parking_lot, item, f"park {item.id}")

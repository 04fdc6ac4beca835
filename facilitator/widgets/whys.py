"""Provides how the 5 Whys forest and the factors read on screen: labels, details, marks."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from agenda.model import Factor, QuestionStyle, Session, WhyNode
from agenda.queries import actions_for_factor
from facilitator.tones import Tone, tone
from facilitator.widgets.text import one_line, shown

LIST_TITLES = {
    "went_well": "Went well",
    "went_poorly": "Went poorly",
    "lucky": "Where we got lucky",
    "lessons": "Lessons learned",
}
PERSON_PROMPT = "stops at a person: what made that the most likely action given what they knew?"


def step_word(session: Session) -> str:
    return "How" if session.analysis.question_style is QuestionStyle.HOW else "Why"


def stops_at_person(session: Session, node: WhyNode) -> bool:
    """The checks' question of a chain; their language model is imported once a tree shows,
    not on the way to a session's first rows."""
    from agenda.checks.people import why_stops_at_person

    return why_stops_at_person(session, node)


def why_label(session: Session, node: WhyNode) -> Text:
    """ "Why 2 ✓◆⚠ <answer>": depth, then evidence (✓), systemic (◆) and stops-at-a-person (⚠)
    marks before the text, so the tree's right edge never hides them; user text is literal."""
    label = Text()
    if not node.parent:
        label.append("Problem: ", style="bold")
        label.append(one_line(node.question or "(no problem statement)", 120))
        return label
    label.append(f"{step_word(session)} {session.why_depth(node.id)} ", style="bold")
    label.append(
        "✓" if node.evidence.strip() else "·", style=tone(Tone.SUCCESS) if node.evidence else "dim"
    )
    if node.systemic:
        label.append("◆", style=tone(Tone.ACCENT, bold=True))
    if stops_at_person(session, node):
        label.append("⚠", style=tone(Tone.ERROR, bold=True))
    label.append(" ")
    if node.answer.strip():
        label.append(one_line(node.answer, 120))
    else:
        label.append(one_line(node.question or "?", 120), style="italic")
        label.append(" (unanswered)", style="dim")
    return label


def why_detail(session: Session, node: WhyNode | None) -> Content:
    """Everything about the highlighted node, wrapped, for the room to read."""
    if node is None:
        return Content(
            "r starts a chain from a problem statement; w asks the next question.\n"
            "✓ has evidence · ◆ systemic cause · ⚠ stops at a person"
        )
    title = (  # the id too: findings and dissent name a why by it ("why:W7")
        f"Problem statement · {node.id}"
        if not node.parent
        else f"{step_word(session)} {session.why_depth(node.id)} · {node.id}"
    )
    parts: list[str | tuple[str, str]] = [(title, "bold $text-accent")]
    fields = [("Question", node.question)]
    if node.parent:
        fields += [("Answer", node.answer), ("Evidence", node.evidence)]
    for label, value in fields:
        parts.extend(["\n", (f"{label}: ", "bold"), shown(value.strip()) or "—"])
    if node.systemic:
        parts.extend(["\n", ("◆ Marked as a systemic cause", "bold $text-warning")])
    if stops_at_person(session, node):
        parts.extend(["\n", (f"⚠ This chain {PERSON_PROMPT}", "bold $text-error")])
    return Content.assemble(*parts)


def factor_prompt(session: Session, factor: Factor) -> Content:
    count = len(actions_for_factor(session, factor.id))
    gap = f", {factor.gap.value} gap" if factor.gap else ""
    return Content.assemble(
        (f"{factor.id} ", "bold"),
        one_line(factor.title),
        (f"  [{factor.category.value}{gap}]", "$text-muted"),
        (f"  {count} action{'s' if count != 1 else ''}", "$text-muted")
        if count
        else ("  no action: n adds one", "bold $text-error"),
    )

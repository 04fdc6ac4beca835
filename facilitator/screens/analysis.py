"""Provides the Analysis pane: the 5 Whys forest, contributing factors, and the lists."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from agenda.analysis import (
    LISTS,
    QUESTIONS,
    add_factor,
    add_why,
    delete_factor,
    delete_why,
    descendants,
    move_why,
    promote_to_factor,
    replace_factor,
    replace_why,
    set_list,
    set_question_style,
    toggle_systemic,
)
from agenda.checks.rules import chain_ends_at_person
from agenda.export import actions_for_factor
from agenda.history import Edit
from agenda.model import Factor, QuestionStyle, Session, WhyNode
from facilitator.dialogs.analysis_forms import FactorForm, PickDialog, WhyForm
from facilitator.dialogs.text_entry import TextEntry
from facilitator.keys import ANALYSIS_KEYS
from facilitator.messages import EditRequested
from facilitator.widgets.note_list import NoteList
from facilitator.widgets.text import one_line

LIST_TITLES = {
    "went_well": "Went well",
    "went_poorly": "Went poorly",
    "lucky": "Where we got lucky",
    "lessons": "Lessons learned",
}
PERSON_PROMPT = "stops at a person: what made that the most likely action given what they knew?"


def step_word(session: Session) -> str:
    return "How" if session.analysis.question_style is QuestionStyle.HOW else "Why"


def ends_at_person(session: Session, node: WhyNode) -> bool:
    return (
        bool(node.parent)
        and not node.systemic
        and not session.why_children(node.id)
        and chain_ends_at_person(node.answer, session.participant_names())
    )


def why_label(session: Session, node: WhyNode) -> Text:
    """ "Why 2 ✓◆⚠ <answer>": depth, then evidence (✓), systemic (◆) and stops-at-a-person (⚠)
    marks before the text, so the tree's right edge never hides them; user text is literal."""
    label = Text()
    if not node.parent:
        label.append("Problem: ", style="bold")
        label.append(one_line(node.question or "(no problem statement)", 120))
        return label
    label.append(f"{step_word(session)} {session.why_depth(node.id)} ", style="bold")
    label.append("✓" if node.evidence.strip() else "·", style="green" if node.evidence else "dim")
    if node.systemic:
        label.append("◆", style="bold yellow")
    if ends_at_person(session, node):
        label.append("⚠", style="bold red")
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
    title = (
        "Problem statement"
        if not node.parent
        else f"{step_word(session)} {session.why_depth(node.id)}"
    )
    parts: list[str | tuple[str, str]] = [(title, "bold $accent")]
    fields = [("Question", node.question)]
    if node.parent:
        fields += [("Answer", node.answer), ("Evidence", node.evidence)]
    for label, value in fields:
        parts.extend(["\n", (f"{label}: ", "bold"), value.strip() or "—"])
    if node.systemic:
        parts.extend(["\n", ("◆ Marked as a systemic cause", "bold $warning")])
    if ends_at_person(session, node):
        parts.extend(["\n", (f"⚠ This chain {PERSON_PROMPT}", "bold $error")])
    return Content.assemble(*parts)


def factor_prompt(session: Session, factor: Factor) -> Content:
    count = len(actions_for_factor(session, factor.id))
    gap = f", {factor.gap.value} gap" if factor.gap else ""
    return Content.assemble(
        (f"{factor.id} ", "bold"),
        factor.title,
        (f"  [{factor.category.value}{gap}]", "$text-muted"),
        (f"  {count} action{'s' if count != 1 else ''}", "$text-muted")
        if count
        else ("  no action: n adds one", "bold $error"),
    )


class AnalysisPane(Horizontal):
    """What failed, why, and what allowed it: whys, factors, and the four lists."""

    BINDINGS = [Binding(k.key, k.action, k.label, show=k.show) for k in ANALYSIS_KEYS]

    class NewActionForFactor(Message):
        """Create an action linked to this factor."""

        def __init__(self, factor_id: str) -> None:
            super().__init__()
            self.factor_id = factor_id

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="whys-column"):
            tree: Tree[str] = Tree("5 Whys", id="whys")
            tree.show_root = False
            yield tree
            detail = VerticalScroll(id="why-detail-box", classes="card")
            detail.can_focus = False  # Tab goes from the tree straight to the factors
            with detail:
                yield Static(id="why-detail")
        side = VerticalScroll(id="analysis-side")
        side.can_focus = False
        with side:
            factors = OptionList(id="factors")
            factors.border_title = "Contributing factors (a adds, n: action for it)"
            yield factors
            for name in LISTS:
                yield NoteList(name, LIST_TITLES[name], getattr(self.session.analysis, name))

    @property
    def whys_tree(self) -> Tree[str]:
        return self.query_one("#whys", Tree)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        selected = self._selected_why_id()
        self._fill_tree()
        self.whys_tree.border_title = f"5 Whys ({step_word(self.session).lower()} mode: h switches)"
        if selected:
            self.reveal(selected, focus=False)
        node = self._selected_why()
        self.query_one("#why-detail", Static).update(why_detail(self.session, node))
        factors = self.query_one("#factors", OptionList)
        highlighted = factors.highlighted
        analysis = self.session.analysis
        factors.set_options(
            Option(factor_prompt(self.session, f), id=f.id) for f in analysis.factors
        )
        if not analysis.factors:
            note = "none yet: the system failed in several ways; name them (a)"
            factors.add_option(Option(Content(note), disabled=True))
        else:
            factors.highlighted = min(highlighted or 0, len(analysis.factors) - 1)
        for note_list in self.query(NoteList):
            note_list.show(getattr(analysis, note_list.list_name))

    def _fill_tree(self) -> None:
        tree = self.whys_tree
        tree.clear()
        for root in self.session.why_roots():
            self._add(tree.root, root)
        tree.root.expand_all()

    def _add(self, parent: TreeNode[str], node: WhyNode) -> None:
        children = self.session.why_children(node.id)
        label = why_label(self.session, node)
        if children:
            branch = parent.add(label, data=node.id, expand=True)
            for child in children:
                self._add(branch, child)
        else:
            parent.add_leaf(label, data=node.id)

    @on(Tree.NodeHighlighted)
    def _show_detail(self, event: Tree.NodeHighlighted[str]) -> None:
        node = next((w for w in self.session.analysis.whys if w.id == event.node.data), None)
        self.query_one("#why-detail", Static).update(why_detail(self.session, node))

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        self.action_edit()

    def reveal(self, why_id: str, *, focus: bool = True) -> None:
        """Select a why node in the tree."""
        tree = self.whys_tree
        for node in tree.root.children:
            found = _find(node, why_id)
            if found is not None:
                tree.move_cursor(found)
                if focus:
                    tree.focus()
                return

    def item_under_cursor(self) -> str:
        """The why or factor the facilitator is on, as a reference for dissent."""
        focused = self.app.focused
        if focused is self.query_one("#factors", OptionList):
            factor = self._selected_factor()
            return f"factor:{factor.id}" if factor else ""
        why = self._selected_why()
        return f"why:{why.id}" if why else ""

    # ---- what is selected ----------------------------------------------------------------------

    def _selected_why_id(self) -> str | None:
        node = self.whys_tree.cursor_node
        return node.data if node is not None else None

    def _selected_why(self) -> WhyNode | None:
        selected = self._selected_why_id()
        return next((w for w in self.session.analysis.whys if w.id == selected), None)

    def _selected_factor(self) -> Factor | None:
        factors = self.query_one("#factors", OptionList)
        if factors.highlighted is None or not self.session.analysis.factors:
            return None
        option_id = factors.get_option_at_index(factors.highlighted).id
        return next((f for f in self.session.analysis.factors if f.id == option_id), None)

    def _focused_list(self) -> NoteList | None:
        focused = self.app.focused
        for note_list in self.query(NoteList):
            if focused is note_list.options:
                return note_list
        return None

    def _on_factors(self) -> bool:
        return self.app.focused is self.query_one("#factors", OptionList)

    def _edit(self, edit: Edit) -> None:
        self.post_message(EditRequested(edit))

    # ---- the forest -----------------------------------------------------------------------------

    def _why_form(
        self, node: WhyNode, heading: str, done: Callable[[WhyNode | None], None]
    ) -> None:
        self.app.push_screen(WhyForm(node, heading=heading, root=not node.parent), done)

    def action_new_chain(self) -> None:
        draft = WhyNode(id=self.session.next_id("W"))

        def done(node: WhyNode | None) -> None:
            if node is not None:
                self._edit(add_why(self.session, "", node.question))

        self._why_form(draft, "Start a chain: the problem statement", done)

    def action_next_why(self) -> None:
        parent = self._selected_why()
        if parent is None:
            self.action_new_chain()
            return
        question = QUESTIONS[self.session.analysis.question_style]
        draft = WhyNode(id=self.session.next_id("W"), parent=parent.id, question=question)
        self._add_from_form(draft, f"The next question under {parent.id}")

    def action_branch(self) -> None:
        node = self._selected_why()
        if node is None or not node.parent:
            self.app.notify("A branch answers the same question differently: select a why first.")
            return
        draft = WhyNode(id=self.session.next_id("W"), parent=node.parent, question=node.question)
        self._add_from_form(draft, f"Another answer to: {node.question or 'the same question'}")

    def _add_from_form(self, draft: WhyNode, heading: str) -> None:
        def done(node: WhyNode | None) -> None:
            if node is not None:
                self._edit(
                    add_why(
                        self.session,
                        node.parent,
                        node.question,
                        node.answer,
                        evidence=node.evidence,
                        systemic=node.systemic,
                    )
                )

        self._why_form(draft, heading, done)

    def action_edit(self) -> None:
        if self._on_factors():
            self._edit_factor()
            return
        note_list = self._focused_list()
        if note_list is not None:
            note_list.edit_selected()
            return
        node = self._selected_why()
        if node is None:
            return

        def done(changed: WhyNode | None) -> None:
            if changed is not None and changed != node:
                self._edit(replace_why(self.session, changed))

        self._why_form(node, f"{node.id}", done)

    def action_delete(self) -> None:
        if self._on_factors():
            factor = self._selected_factor()
            if factor is not None:
                self._edit(delete_factor(self.session, factor.id))
                self.app.notify(f"Deleted {factor.id}. ctrl+z brings it back.")
            return
        note_list = self._focused_list()
        if note_list is not None:
            note_list.delete_selected()
            return
        node = self._selected_why()
        if node is not None:
            below = len(descendants(self.session, node.id))
            self._edit(delete_why(self.session, node.id))
            more = f" and the {below} below it" if below else ""
            self.app.notify(f"Deleted {node.id}{more}. ctrl+z brings it back.")

    def action_move(self) -> None:
        node = self._selected_why()
        if node is None:
            return
        blocked = {node.id} | descendants(self.session, node.id)
        choices = [("", Content("(a chain of its own)"))] if node.parent else []
        choices += [
            (w.id, Content.assemble((f"{w.id} ", "bold"), one_line(w.answer or w.question, 80)))
            for w in self.session.analysis.whys
            if w.id not in blocked and w.id != node.parent
        ]

        def done(target: str | None) -> None:
            if target is not None:
                self._edit(move_why(self.session, node.id, target))

        self.app.push_screen(
            PickDialog(f"Move {node.id} (and what is below it) under…", choices), done
        )

    def action_systemic(self) -> None:
        node = self._selected_why()
        if node is not None and node.parent:
            self._edit(toggle_systemic(self.session, node.id))

    def action_promote(self) -> None:
        node = self._selected_why()
        if node is None or not node.parent:
            self.app.notify("Select an answered why to promote it to a contributing factor.")
            return
        self._edit(promote_to_factor(self.session, node.id))
        self.app.notify(f"{node.id} is now a contributing factor (marked systemic).")

    def action_question_style(self) -> None:
        style = self.session.analysis.question_style
        new = QuestionStyle.HOW if style is QuestionStyle.WHY else QuestionStyle.WHY
        self._edit(set_question_style(self.session, new))
        self.app.notify(f"New steps ask: {QUESTIONS[new]}")

    # ---- factors --------------------------------------------------------------------------------

    def action_add(self) -> None:
        if not self._on_factors():
            note_list = self._focused_list()
            if note_list is not None:
                note_list.query_one(".note-add").focus()
                return
            self.query_one("#factors", OptionList).focus()
        draft = Factor.model_construct(id=self.session.next_id("F"), title="")

        def done(factor: Factor | None) -> None:
            if factor is not None:
                self._edit(add_factor(factor))

        self.app.push_screen(FactorForm(draft, "New contributing factor"), done)

    def _edit_factor(self) -> None:
        factor = self._selected_factor()
        if factor is None:
            return

        def done(changed: Factor | None) -> None:
            if changed is not None and changed != factor:
                self._edit(replace_factor(self.session, changed))

        self.app.push_screen(FactorForm(factor, f"{factor.id}"), done)

    def action_new_action(self) -> None:
        factor = self._selected_factor()
        if factor is None:
            self.app.notify("Highlight a contributing factor first (Tab to the factor list).")
            return
        self.post_message(self.NewActionForFactor(factor.id))

    # ---- the lists ------------------------------------------------------------------------------

    @on(NoteList.Changed)
    def _list_changed(self, message: NoteList.Changed) -> None:
        message.stop()
        self._edit(set_list(self.session, message.name, message.items, message.label))

    @on(NoteList.EditItem)
    def _edit_item(self, message: NoteList.EditItem) -> None:
        message.stop()
        note_list, index = message.note_list, message.index

        def done(text: str | None) -> None:
            if text is not None and text.strip():
                note_list.replace(index, text.strip())

        self.app.push_screen(TextEntry(note_list.title, note_list.items[index]), done)


def _find(node: TreeNode[str], why_id: str) -> TreeNode[str] | None:
    if node.data == why_id:
        return node
    for child in node.children:
        found = _find(child, why_id)
        if found is not None:
            return found
    return None

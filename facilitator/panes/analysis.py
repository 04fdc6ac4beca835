"""Provides the Analysis pane: the 5 Whys forest, contributing factors, and the lists."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option

from agenda.agendas import Pane
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
from agenda.history import Edit
from agenda.model import Factor, FactorCategory, QuestionStyle, Session, WhyNode
from agenda.queries import find_in
from facilitator.dialogs.analysis_forms import FactorForm, PickDialog, WhyForm
from facilitator.dialogs.text_entry import TextEntry
from facilitator.keys import ANALYSIS_KEYS
from facilitator.messages import EditRequested, NewActionForFactor
from facilitator.panes.base import PhasePane, touched_ids, touches
from facilitator.widgets.note_list import NoteList
from facilitator.widgets.text import one_line
from facilitator.widgets.whys import (
    LIST_TITLES,
    factor_prompt,
    step_word,
    why_detail,
)
from facilitator.widgets.whys_tree import WhysTree


class AnalysisPane(PhasePane):
    """What failed, why, and what allowed it: whys, factors, and the four lists."""

    PANE = Pane.ANALYSIS
    BINDINGS = [Binding(k.key, k.action, k.label, show=k.show) for k in ANALYSIS_KEYS]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._current_why: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="analysis-body"):
            with Vertical(id="whys-column"):
                yield WhysTree(self.session, id="whys")
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
    def whys_tree(self) -> WhysTree:
        return self.query_one("#whys", WhysTree)

    @property
    def factors(self) -> OptionList:
        return self.query_one("#factors", OptionList)

    def fill(self) -> None:
        self.whys_tree.fill()
        self._show_title()
        self._sync_factors(None)
        self._show_detail_of(self._selected_why())

    def _show_title(self) -> None:
        style = step_word(self.session).lower()
        self.whys_tree.border_title = f"5 Whys ({style} mode: h switches)"

    # ---- showing an edit: only the nodes and options it touched -----------------------------

    def show_edit(self, edit: Edit) -> None:
        if not self.filled:
            return
        whys = (
            touched_ids(edit, "W") if edit.touched else {w.id for w in self.session.analysis.whys}
        )
        added = self.whys_tree.sync(whys) if whys or not edit.touched else []
        self._show_title()
        factors = touched_ids(edit, "F")
        if factors or touched_ids(edit, "A") or not edit.touched:
            self._sync_factors(None if touched_ids(edit, "A") or not edit.touched else factors)
        for note_list in self.query(NoteList):
            if touches(edit, note_list.list_name):
                note_list.show(getattr(self.session.analysis, note_list.list_name))
        if len(added) == 1:  # the next why goes under the one just written: w w w goes deeper
            self.reveal("why", added[0], focus=False)
        elif self._current_why is not None and self.whys_tree.node_of(self._current_why) is None:
            self._current_why = None  # deleted: the highlighted node is the selection again
        self._show_detail_of(self._selected_why())

    def _sync_factors(self, ids: set[str] | None) -> None:
        """Relabel the touched factors (None: all of them); add or remove only where the
        list itself changed."""
        factors, listed = self.factors, self.session.analysis.factors
        shown = [factors.get_option_at_index(i).id for i in range(factors.option_count)]
        wanted = [f.id for f in listed]
        if shown != wanted:
            if (
                shown[: len(wanted)] != wanted[: len(shown)]
                or None in shown
                or len(shown) > len(wanted)
            ):
                factors.clear_options()
                shown = []
            factors.add_options(
                Option(factor_prompt(self.session, f), id=f.id) for f in listed[len(shown) :]
            )
            ids = set(wanted[: len(shown)]) if ids is None else ids
        for factor in listed:
            if ids is None or factor.id in ids:
                factors.replace_option_prompt(factor.id, factor_prompt(self.session, factor))
        if not listed:
            note = "none yet: the system failed in several ways; name them (a)"
            factors.add_option(Option(Content(note), disabled=True))
        elif factors.highlighted is None:
            factors.highlighted = 0

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        self._current_why = event.node.data
        self._show_detail_of(self._selected_why())

    def _show_detail_of(self, node: WhyNode | None) -> None:
        self.query_one("#why-detail", Static).update(why_detail(self.session, node))

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        self.action_edit()

    def reveal(self, kind: str, item_id: str, *, focus: bool = True) -> bool:
        """Select a why node in the tree, or a factor in the list."""
        self.ensure_filled()
        if kind == "factor":
            index = next(
                (i for i, f in enumerate(self.session.analysis.factors) if f.id == item_id), None
            )
            if index is not None:
                self.factors.highlighted = index
                if focus:
                    self.take_focus(self.factors)
            return index is not None
        if kind != "why":
            return False
        found = self.whys_tree.node_of(item_id)
        if found is None:
            return False
        self._current_why = item_id
        if found.line < 0:  # added by this edit: it has a line once the tree is laid out again
            self.call_after_refresh(self._move_cursor_to, item_id)
        else:
            self.whys_tree.move_cursor(found)
        if focus:
            self.take_focus(self.whys_tree)
        return True

    def _move_cursor_to(self, why_id: str) -> None:
        node = self.whys_tree.node_of(why_id)
        if node is not None and self._current_why == why_id:
            self.whys_tree.move_cursor(node)

    def item_under_cursor(self) -> str:
        """The why or factor the facilitator is on, as a reference for dissent."""
        focused = self.app.focused
        if focused is self.query_one("#factors", OptionList):
            factor = self._selected_factor()
            return f"factor:{factor.id}" if factor else ""
        if focused is not self.whys_tree:
            return ""  # a went-well line is not an item dissent can point at
        why = self._selected_why()
        return f"why:{why.id}" if why else ""

    # ---- what is selected ----------------------------------------------------------------------

    def _selected_why_id(self) -> str | None:
        """The why the facilitator is on: kept here, because a node added by an edit has no
        line in the tree until the next refresh."""
        if self._current_why is None:
            node = self.whys_tree.cursor_node
            return node.data if node is not None else None
        return self._current_why

    def _selected_why(self) -> WhyNode | None:
        selected = self._selected_why_id()
        return find_in(self.session.analysis.whys, selected)

    def _selected_factor(self) -> Factor | None:
        factors = self.query_one("#factors", OptionList)
        if factors.highlighted is None or not self.session.analysis.factors:
            return None
        option_id = factors.get_option_at_index(factors.highlighted).id
        return find_in(self.session.analysis.factors, option_id)

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
        names = self.session.participant_names()
        form = WhyForm(node, heading=heading, root=not node.parent, participants=names)
        self.app.push_screen(form, done)

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

        def chosen(kind: str | None) -> None:
            if kind is not None:
                category = FactorCategory(kind)
                factor_id = self.session.next_id("F")
                self._edit(promote_to_factor(self.session, node.id, category=category))
                self.app.notify(f"{node.id} is now {factor_id}, a {category.value} factor.")

        kinds = [(c.value, Content(c.value)) for c in FactorCategory]
        heading = f"Promote {node.id} to a contributing factor: which kind is it?"
        self.app.push_screen(PickDialog(heading, kinds, current=FactorCategory.TECHNICAL), chosen)

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
        self.post_message(NewActionForFactor(factor.id))

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

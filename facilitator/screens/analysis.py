"""Provides the Analysis pane: the 5 Whys forest, factors, went well / poorly / lucky."""

from __future__ import annotations

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

from agenda.export import actions_for_factor
from agenda.model import Factor, Session, WhyNode
from facilitator.widgets.text import one_line


def why_label(session: Session, node: WhyNode) -> Text:
    """ "Why 2: <answer>", with evidence and systemic marks; user text is literal."""
    depth = session.why_depth(node.id)
    label = Text()
    if not node.parent:
        label.append("Problem: ", style="bold")
        label.append(one_line(node.question or "(no problem statement)", 120))
        return label
    label.append(f"Why {depth}: ", style="bold")
    if node.answer.strip():
        label.append(one_line(node.answer, 120))
    else:
        label.append(one_line(node.question or "why?", 120), style="italic")
        label.append(" (unanswered)", style="dim")
    label.append("  ✓ evidence" if node.evidence.strip() else "  no evidence", style="dim")
    if node.systemic:
        label.append("  ◆ systemic", style="bold yellow")
    return label


def why_detail(session: Session, node: WhyNode | None) -> Content:
    """Everything about the highlighted why node, wrapped, for the room to read."""
    if node is None:
        return Content("Move through the chains to read each why in full.")
    depth = session.why_depth(node.id)
    title = "Problem statement" if not node.parent else f"Why {depth}"
    parts: list[str | tuple[str, str]] = [(title, "bold $accent")]
    for label, value in (
        ("Question", node.question),
        ("Answer", node.answer),
        ("Evidence", node.evidence),
    ):
        if value.strip() or label != "Evidence" or node.parent:
            parts.extend(["\n", (f"{label}: ", "bold"), value.strip() or "—"])
    if node.systemic:
        parts.extend(["\n", ("◆ Marked as a systemic cause", "bold $warning")])
    return Content.assemble(*parts)


def factor_prompt(session: Session, factor: Factor) -> Content:
    count = len(actions_for_factor(session, factor.id))
    return Content.assemble(
        (f"{factor.id} ", "bold"),
        factor.title,
        (f"  [{factor.category.value}]", "$text-muted"),
        (f"  {count} action{'s' if count != 1 else ''}", "$text-muted")
        if count
        else ("  no action: n adds one", "bold $error"),
    )


def list_text(title: str, items: list[str]) -> Content:
    parts: list[str | tuple[str, str]] = [(title, "bold")]
    for item in items:
        parts.extend(["\n• ", item])
    if not items:
        parts.append(("\n  (none yet)", "$text-muted"))
    return Content.assemble(*parts)


class AnalysisPane(Horizontal):
    """What failed, why, and what allowed it: whys, factors, and the three lists."""

    BINDINGS = [Binding("n", "new_action", "Action for factor")]

    class NewActionForFactor(Message):
        """Create an action linked to this factor."""

        def __init__(self, factor_id: str) -> None:
            super().__init__()
            self.factor_id = factor_id

    def action_new_action(self) -> None:
        factors = self.query_one("#factors", OptionList)
        if factors.highlighted is None or not self.session.analysis.factors:
            self.app.notify("Highlight a contributing factor first (Tab to the factor list).")
            return
        option = factors.get_option_at_index(factors.highlighted)
        if option.id:
            self.post_message(self.NewActionForFactor(option.id))

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="whys-column"):
            tree: Tree[str] = Tree("5 Whys", id="whys")
            tree.border_title = "5 Whys"
            tree.show_root = False
            yield tree
            with VerticalScroll(id="why-detail-box", classes="card"):
                yield Static(id="why-detail")
        with VerticalScroll(id="analysis-side"):
            factors = OptionList(id="factors")
            factors.border_title = "Contributing factors"
            yield factors
            yield Static(id="went-well", classes="card")
            yield Static(id="went-poorly", classes="card")
            yield Static(id="lucky", classes="card")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._fill_tree()
        self.query_one("#why-detail", Static).update(why_detail(self.session, None))
        analysis = self.session.analysis
        factors = self.query_one("#factors", OptionList)
        highlighted = factors.highlighted
        factors.set_options(
            Option(factor_prompt(self.session, f), id=f.id) for f in analysis.factors
        )
        if not analysis.factors:
            note = "none yet: the system failed in several ways; name them"
            factors.add_option(Option(Content(note), disabled=True))
        factors.highlighted = highlighted
        self.query_one("#went-well", Static).update(list_text("Went well", analysis.went_well))
        self.query_one("#went-poorly", Static).update(
            list_text("Went poorly", analysis.went_poorly)
        )
        self.query_one("#lucky", Static).update(list_text("Where we got lucky", analysis.lucky))

    @on(Tree.NodeHighlighted)
    def _show_detail(self, event: Tree.NodeHighlighted[str]) -> None:
        node = next((w for w in self.session.analysis.whys if w.id == event.node.data), None)
        self.query_one("#why-detail", Static).update(why_detail(self.session, node))

    def _fill_tree(self) -> None:
        tree: Tree[str] = self.query_one("#whys", Tree)
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

    def reveal(self, why_id: str) -> None:
        """Select a why node in the tree."""
        tree: Tree[str] = self.query_one("#whys", Tree)
        for node in tree.root.children:
            found = _find(node, why_id)
            if found is not None:
                tree.select_node(found)
                tree.move_cursor(found)
                tree.focus()
                return


def _find(node: TreeNode[str], why_id: str) -> TreeNode[str] | None:
    if node.data == why_id:
        return node
    for child in node.children:
        found = _find(child, why_id)
        if found is not None:
            return found
    return None

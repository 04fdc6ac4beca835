"""Provides the Analysis pane: the 5 Whys forest, factors, went well / poorly / lucky."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static, Tree
from textual.widgets.tree import TreeNode

from agenda.export import actions_for_factor
from agenda.model import Session, WhyNode
from facilitator.widgets.text import one_line


def why_label(session: Session, node: WhyNode) -> Text:
    """ "Why 2: question → answer", with evidence and systemic marks; user text literal."""
    depth = session.why_depth(node.id)
    label = Text()
    if not node.parent:
        label.append("Problem: ", style="bold")
        label.append(one_line(node.question or "(no problem statement)", 90))
        return label
    label.append(f"Why {depth}: ", style="bold")
    label.append(one_line(node.question or "why?", 60))
    label.append("  → ", style="dim")
    label.append(one_line(node.answer or "(unanswered)", 70))
    if node.evidence.strip():
        label.append("  [evidence]", style="green")
    else:
        label.append("  [no evidence]", style="dim")
    if node.systemic:
        label.append("  ◆ systemic", style="bold yellow")
    return label


def list_text(title: str, items: list[str]) -> Content:
    parts: list[str | tuple[str, str]] = [(title, "bold")]
    for item in items:
        parts.extend(["\n• ", item])
    if not items:
        parts.append(("\n  (none yet)", "$text-muted"))
    return Content.assemble(*parts)


class AnalysisPane(Horizontal):
    """What failed, why, and what allowed it: whys, factors, and the three lists."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("5 Whys", id="whys")
        tree.border_title = "5 Whys"
        tree.show_root = False
        yield tree
        with VerticalScroll(id="analysis-side"):
            factors: DataTable[object] = DataTable(id="factors", cursor_type="row")
            factors.border_title = "Contributing factors"
            yield factors
            yield Static(id="went-well", classes="card")
            yield Static(id="went-poorly", classes="card")
            yield Static(id="lucky", classes="card")

    def on_mount(self) -> None:
        factors = self.query_one("#factors", DataTable)
        factors.add_column("#", key="id")
        factors.add_column("Factor", key="title")
        factors.add_column("Category", key="category")
        factors.add_column("Actions", key="actions")
        self.reload()

    def reload(self) -> None:
        self._fill_tree()
        factors = self.query_one("#factors", DataTable)
        factors.clear()
        for factor in self.session.analysis.factors:
            count = len(actions_for_factor(self.session, factor.id))
            factors.add_row(
                factor.id,
                Text(one_line(factor.title)),
                factor.category.value,
                Text(str(count) if count else "none", style="" if count else "bold red"),
                key=factor.id,
            )
        analysis = self.session.analysis
        self.query_one("#went-well", Static).update(list_text("Went well", analysis.went_well))
        self.query_one("#went-poorly", Static).update(
            list_text("Went poorly", analysis.went_poorly)
        )
        self.query_one("#lucky", Static).update(list_text("Where we got lucky", analysis.lucky))

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

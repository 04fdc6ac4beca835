"""Provides WhysTree: the 5 Whys forest as a tree whose nodes are updated one by one."""

from __future__ import annotations

from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from agenda.model import Session, WhyNode
from facilitator.widgets.whys import why_label


class WhysTree(Tree[str]):
    """The forest of why chains; each node's data is its why id."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__("5 Whys", id=id)
        self.session = session
        self.show_root = False

    def fill(self) -> None:
        """Add every chain (once, when the pane is built)."""
        for root in self.session.why_roots():
            self._add(self.root, root)
        self.root.expand_all()

    def node_of(self, why_id: str) -> TreeNode[str] | None:
        """The node showing a why, or None."""
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.data == why_id:
                return node
            stack.extend(node.children)
        return None

    def sync(self, ids: set[str]) -> list[str]:
        """Relabel, add, move or remove the touched why nodes (a moved node is removed and
        added again under its new parent, with what is below it); returns the ids added."""
        whys = {w.id: w for w in self.session.analysis.whys}
        relabel: set[str] = set()
        added: list[str] = []
        order = [w.id for w in self.session.analysis.whys if w.id in ids]
        order += sorted(ids - set(order))  # the removed ones
        for why_id in order:
            node, why = self.node_of(why_id), whys.get(why_id)
            if node is not None:
                shown_under = node.parent.data if node.parent is not None else None
                if why is not None and shown_under == (why.parent or None):
                    relabel.add(why_id)
                    continue
                relabel.add(shown_under or "")
                node.remove()
            if why is None:
                continue
            parent = self.node_of(why.parent) if why.parent else self.root
            if parent is None:
                continue  # its parent is added later in this loop, and brings it along
            self._add(parent, why, before=self._next_sibling(parent, why))
            parent.allow_expand = True
            parent.expand()
            relabel.add(why.parent)
            added.append(why_id)
        for why_id in relabel:
            node = self.node_of(why_id) if why_id else None
            if node is not None and why_id in whys:
                node.set_label(why_label(self.session, whys[why_id]))
                node.allow_expand = bool(node.children)  # no ▼ over a node left with none
        return added

    def _next_sibling(self, parent: TreeNode[str], why: WhyNode) -> TreeNode[str] | None:
        """The node a why goes before, to keep the session's order among its siblings."""
        session = self.session
        siblings = session.why_children(why.parent) if why.parent else session.why_roots()
        later = {s.id for s in siblings[siblings.index(why) + 1 :]}
        return next((n for n in parent.children if n.data in later), None)

    def _add(
        self, parent: TreeNode[str], node: WhyNode, before: TreeNode[str] | None = None
    ) -> None:
        children = self.session.why_children(node.id)
        label = why_label(self.session, node)
        branch = parent.add(
            label, data=node.id, before=before, expand=True, allow_expand=bool(children)
        )
        for child in children:
            self._add(branch, child)

"""Provides undo and redo: every edit is a pair of functions that apply and revert it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agenda.model import Session

ItemList = Callable[[Session], list[Any]]
"""Where a kind of item lives in a session: ``lambda s: s.actions``."""


@dataclass(frozen=True)
class Edit:
    """One undoable change to a session."""

    label: str
    """What it did, for the status line: "add E12", "mark detected"."""
    apply: Callable[[Session], None]
    revert: Callable[[Session], None]
    touched: frozenset[str] = frozenset()
    """The ids of the items whose display must be refreshed (added, changed or removed)."""
    metrics: bool = False
    """Whether it changed the key times, and so the computed metrics."""


@dataclass
class History:
    """Edits done and undone, back to the start of the session."""

    done: list[Edit] = field(default_factory=list)
    undone: list[Edit] = field(default_factory=list)

    def do(self, session: Session, edit: Edit) -> Edit:
        edit.apply(session)
        self.done.append(edit)
        self.undone.clear()
        return edit

    def undo(self, session: Session) -> Edit | None:
        if not self.done:
            return None
        edit = self.done.pop()
        edit.revert(session)
        self.undone.append(edit)
        return edit

    def redo(self, session: Session) -> Edit | None:
        if not self.undone:
            return None
        edit = self.undone.pop()
        edit.apply(session)
        self.done.append(edit)
        return edit


def index_of(items: list[Any], item_id: str) -> int:
    """Where the item with this id is in its list."""
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    raise KeyError(item_id)


def append_item(items: ItemList, item: Any, label: str) -> Edit:
    """Add an item (with an id) at the end of its list; undo removes it."""

    def apply(session: Session) -> None:
        items(session).append(item)

    def revert(session: Session) -> None:
        items(session)[:] = [i for i in items(session) if i.id != item.id]

    return Edit(label, apply, revert, frozenset({item.id}))


def replace_item(session: Session, items: ItemList, changed: Any) -> Edit:
    """Put ``changed`` where the item with its id is; undo puts the old one back."""
    before = items(session)[index_of(items(session), changed.id)]

    def put(session: Session, value: Any) -> None:
        listed = items(session)
        listed[index_of(listed, value.id)] = value

    return Edit(
        f"edit {changed.id}",
        lambda s: put(s, changed),
        lambda s: put(s, before),
        frozenset({changed.id}),
    )

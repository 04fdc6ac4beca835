"""Provides a one-line-an-item list with its own add line (went well, went poorly, lucky…)."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from agenda.visible import visible
from facilitator.keys import LIST_KEYS
from facilitator.widgets.text import take_submitted


class NoteOptions(OptionList):
    """A list's lines. Typed into, a letter was a pane command: a sentence typed here switched
    the session to how-questions (h), opened an action form (n) and a new chain (r). Now a
    letter other than the list's own (e edits, d deletes, a goes to the add line) starts a new
    line in the add line, and so does Enter on a list with no lines yet."""

    OWN_KEYS = frozenset("eda")

    def on_key(self, event: events.Key) -> None:
        typed = event.character if event.is_printable and event.character else ""
        starts_line = typed and typed not in self.OWN_KEYS and not typed.isspace()
        if not (
            starts_line
            or (
                event.key == "enter"
                and self.option_count == 1
                and self.get_option_at_index(0).disabled
            )
        ):
            return
        event.stop()
        event.prevent_default()
        parent = self.parent
        assert isinstance(parent, NoteList)
        line = parent.query_one(".note-add", Input)
        self.screen.set_focus(line)  # now: the next keys of the sentence are already queued
        if starts_line:
            line.insert_text_at_cursor(typed)


class NoteList(Vertical):
    """Enter in the add line adds; in the list, e edits, d deletes, alt+up / alt+down reorder."""

    BINDINGS = [Binding(k.key, k.action, k.label, show=k.show) for k in LIST_KEYS]

    class Changed(Message):
        """The list's items as they should now be."""

        def __init__(self, name: str, items: list[str], label: str) -> None:
            super().__init__()
            self.name = name
            self.items = items
            self.label = label

    class EditItem(Message):
        """Edit the item at ``index`` in a dialog."""

        def __init__(self, note_list: NoteList, index: int) -> None:
            super().__init__()
            self.note_list = note_list
            self.index = index

    def __init__(self, name: str, title: str, items: list[str]) -> None:
        super().__init__(id=f"list-{name.replace('_', '-')}", classes="note-list")
        self.list_name = name
        self.title = title
        self.items = list(items)
        self.border_title = title

    def compose(self) -> ComposeResult:
        yield NoteOptions(id=f"{self.id}-items")
        yield Input(
            placeholder=f"+ add to {self.title.lower()} (Enter)",
            classes="note-add",
            select_on_focus=False,  # a letter typed into the list starts the line: kept
        )

    def on_mount(self) -> None:
        self.show(self.items)

    @property
    def options(self) -> OptionList:
        return self.query_one(OptionList)

    def show(self, items: list[str]) -> None:
        self.items = list(items)
        options = self.options
        highlighted = options.highlighted
        options.set_options(Option(Content(f"• {visible(item)}")) for item in self.items)
        if not self.items:
            options.add_option(Option(Content("(none yet)"), disabled=True))
        if highlighted is not None and self.items:
            options.highlighted = min(highlighted, len(self.items) - 1)

    def selected(self) -> int | None:
        index = self.options.highlighted
        return index if index is not None and index < len(self.items) else None

    def _change(self, items: list[str], label: str) -> None:
        self.post_message(self.Changed(self.list_name, items, label))

    @on(Input.Submitted, ".note-add")
    def _add(self, submitted: Input.Submitted) -> None:
        text = submitted.value.strip()
        if text:
            take_submitted(submitted)
            self._change([*self.items, text], f"add to {self.title.lower()}")

    def delete_selected(self) -> None:
        index = self.selected()
        if index is not None:
            self._change(self.items[:index] + self.items[index + 1 :], f"delete from {self.title}")

    def edit_selected(self) -> None:
        index = self.selected()
        if index is not None:
            self.post_message(self.EditItem(self, index))

    def replace(self, index: int, text: str) -> None:
        items = list(self.items)
        items[index] = text
        self._change(items, f"edit {self.title.lower()}")

    def action_move(self, step: int) -> None:
        index = self.selected()
        if index is None or not 0 <= index + step < len(self.items):
            return
        items = list(self.items)
        items[index], items[index + step] = items[index + step], items[index]
        self._change(items, f"reorder {self.title.lower()}")
        self.options.highlighted = index + step

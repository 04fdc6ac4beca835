"""Provides the table of keys, shared by the app's bindings, the help screen and the README."""

from __future__ import annotations

from typing import NamedTuple


class Key(NamedTuple):
    key: str
    action: str
    label: str
    """Short, for the footer."""
    description: str
    """Long, for the help screen and the README."""
    show: bool = True
    priority: bool = False
    """Whether it works while a text input has focus (an Input binds ctrl+e itself)."""


MEETING_KEYS: tuple[Key, ...] = (
    Key("f1", "help", "Help", "Help: keys and what each phase is for", priority=True),
    Key("ctrl+n", "next_phase", "Next", "Next phase (from the last one, end the meeting)"),
    Key("ctrl+p", "previous_phase", "Back", "Back to the previous phase"),
    Key("ctrl+g", "go_to_phase", "Go to", "Go to any phase (focuses the agenda; Enter picks)"),
    Key("ctrl+t", "toggle_clock", "Pause/resume", "Pause / resume the meeting clock"),
    Key(
        "f2",
        "view_timeline",
        "Timeline",
        "Show the timeline from any phase (again: back)",
        priority=True,
    ),
    Key(
        "f3",
        "findings",
        "Findings",
        "Findings: what the checks noticed; Enter goes to the item",
        priority=True,
    ),
    Key(
        "f4",
        "dissent",
        "Dissent",
        "Record a dissenting view about the item under the cursor",
        priority=True,
    ),
    Key(
        "f5",
        "park",
        "Park",
        "Park a tangent in the parking lot, without leaving the phase",
        priority=True,
    ),
)
"""Keys of the meeting screen: phases, the clock, and what can be recorded from any phase."""

APP_KEYS: tuple[Key, ...] = (
    Key("ctrl+z", "undo", "Undo", "Undo the last edit (back to the start of the session)"),
    Key("ctrl+y", "redo", "Redo", "Redo what was undone", show=False),
    Key(
        "ctrl+e",
        "export",
        "Export",
        "Export the Markdown document beside the session file",
        priority=True,
    ),
    Key("ctrl+s", "save", "Save", "Save the session", priority=True),
    Key("f9", "save_as", "Save as", "Save the session as a new file", show=False, priority=True),
    Key("ctrl+q", "quit", "Quit", "Quit (asks when there are unsaved changes)"),
)
"""Keys of the app: the session's history and its file."""

KEYS: tuple[Key, ...] = MEETING_KEYS + APP_KEYS
"""Every global key, for the help screen and the README."""


TIMELINE_KEYS: tuple[Key, ...] = (
    Key("a", "quick_add", "Add", "Back to the quick-add line"),
    Key(
        "e", "edit", "Edit", "Edit the event (Enter too): time, text, kind, source, what was known"
    ),
    Key("d,delete", "delete", "Delete", "Delete the event (ctrl+z brings it back)"),
    Key("k", "key_time", "Key time", "Mark it impact start / detected / acknowledged / …"),
    Key("v", "paste", "Paste", "Paste a timeline; unreadable lines are listed by number"),
)
"""Keys of the timeline table (the quick-add line has the keyboard otherwise)."""


ACTION_KEYS: tuple[Key, ...] = (
    Key("a", "add", "Add", "Add an action (owner completes from the participants)"),
    Key("e", "edit", "Edit", "Edit the action (Enter too)"),
    Key("d,delete", "delete", "Delete", "Delete the action (ctrl+z brings it back)"),
    Key("s", "sort", "Sort", "Sort by entry, due date, priority, or impact × effort"),
)
"""Keys of the action items table."""


CLOSING_KEYS: tuple[Key, ...] = (
    Key("c", "confirm", "Confirm", "Tick the owner's confirmation of the selected action"),
    Key("k", "acknowledge", "Acknowledge", "Acknowledge the selected dissent or parked tangent"),
    Key("r", "resolve", "Resolve", "Resolve the selected dissenting view, with a note"),
    Key("f", "carry_forward", "Carry forward", "Carry the selected tangent forward"),
    Key("l", "learnings", "Learnings", "Write the key learnings"),
    Key("u", "follow_up", "Follow-up", "Schedule the action review (moves a draft to in review)"),
)
"""Keys of the closing pane."""


ANALYSIS_KEYS: tuple[Key, ...] = (
    Key("r", "new_chain", "New chain", "Start a chain from a problem statement"),
    Key("w", "next_why", "Next why", "Ask the next question under the selected answer"),
    Key("b", "branch", "Branch", "Another answer to the same question (a branch)"),
    Key("e", "edit", "Edit", "Edit the selected why, factor or line (Enter too)"),
    Key("d", "delete", "Delete", "Delete it (a why takes the steps below it; ctrl+z undoes)"),
    Key("m", "move", "Move", "Move the selected why (and what is below it) under another"),
    Key("x", "systemic", "Systemic", "Mark the selected why as a systemic cause"),
    Key("p", "promote", "To factor", "Promote the selected why to a contributing factor"),
    Key("h", "question_style", "Why/how", 'Ask "how / what" instead of "why" (per session)'),
    Key("a", "add", "Add", "Add a contributing factor (in a list: go to its add line)"),
    Key("n", "new_action", "Action", "New action for the highlighted contributing factor"),
)
"""Keys of the analysis pane."""


OPENING_KEYS: tuple[Key, ...] = (
    Key("e", "edit", "Edit", "Edit the highlighted field or participant (Enter too)"),
    Key("a", "add_person", "Add person", "Add a participant: name, then :role (@ana:on-call)"),
    Key("d,delete", "clear", "Clear", "Empty the field, or remove the participant (ctrl+z undoes)"),
    Key("alt+up", "move_person(-1)", "Move up", "Move the participant up", show=False),
    Key("alt+down", "move_person(1)", "Move down", "Move the participant down", show=False),
)
"""Keys of the Opening editor (Home, PageUp and the arrows move through the header)."""


QUICK_ADD_KEYS: tuple[Key, ...] = (
    Key("escape", "focus_table", "Table", "From the quick-add line to the table", show=False),
    Key("up", "move(-1)", "Previous row", "Select the previous event while typing", show=False),
    Key("down", "move(1)", "Next row", "Select the next event while typing", show=False),
)
"""Keys of the timeline pane while the quick-add line has the keyboard."""


LIST_KEYS: tuple[Key, ...] = (
    Key("alt+up", "move(-1)", "Move up", "Move the selected line up", show=False),
    Key("alt+down", "move(1)", "Move down", "Move the selected line down", show=False),
)
"""Keys of the went well / went poorly / lucky / lessons lists."""


PANE_KEYS: tuple[tuple[str, tuple[Key, ...]], ...] = (
    ("In the Opening editor", OPENING_KEYS),
    ("In the timeline table", TIMELINE_KEYS),
    ("On the quick-add line", QUICK_ADD_KEYS),
    ("In the analysis", ANALYSIS_KEYS),
    ("In its lists", LIST_KEYS),
    ("In the action items table", ACTION_KEYS),
    ("At the closing", CLOSING_KEYS),
)
"""Every pane's own keys, headed for the help screen (F1)."""

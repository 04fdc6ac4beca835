"""Provides the read-only follow view (`facilitator FILE --follow`, and each browser of
`facilitator serve`): the app on a session it never writes, refreshed in place whenever the
facilitator's copy saves or autosaves it."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from textual import on
from textual.actions import parse
from textual.dom import DOMNode
from textual.events import DescendantFocus, Mount
from textual.message import Message

from agenda.agendas import Agenda
from agenda.checks import run_checks
from agenda.clock import MeetingClock, Now, utc_now
from agenda.document import Opened, SessionFile
from agenda.errors import StorageError
from agenda.following import Follower, Source, Unreadable, Version, change_between
from agenda.model import MeetingMode, Session
from agenda.visible import visible
from facilitator.app import FacilitatorApp
from facilitator.dialogs.file_dialogs import ErrorDialog
from facilitator.file_keeping import FileKeeping
from facilitator.jobs import Reply
from facilitator.keys import ACTION_KEYS, ANALYSIS_KEYS, CLOSING_KEYS, KEYS, TIMELINE_KEYS
from facilitator.messages import ChecksDone, EditRequested
from facilitator.screens.findings import FindingsScreen
from facilitator.screens.help import HelpScreen
from facilitator.screens.main import MainScreen
from facilitator.survival import Survival

POLL_SECONDS = 0.5
"""How often the view looks at the file and its autosave (two `stat` calls while unchanged)."""

NOTICE_SECONDS = 4.0
"""How long the read-only notice shows; refusals meanwhile do not stack more of them."""

LOOKING = frozenset({"help", "view_timeline", "findings", "sort", "quit"})
"""The keys of the tables in `facilitator.keys` that only look; every other one edits."""

EDITING = (
    frozenset(
        k.action for k in (*KEYS, *TIMELINE_KEYS, *ACTION_KEYS, *CLOSING_KEYS, *ANALYSIS_KEYS)
    )
    - LOOKING
) | {"select_cursor"}  # Enter on a row opens its form
"""Actions refused in the follow view (and hidden from its footer)."""


class Polled(Message):
    """A look at the file and its autosave: a version to show, a problem, or nothing new."""

    def __init__(self, result: Version | Unreadable | None) -> None:
        super().__init__()
        self.result = result


def poll(follower: Follower, reply: Reply) -> None:
    """The follow job: look at the files once, off the UI thread."""
    reply(Polled(follower.poll()))


def check(session: Session, changes: int, today: date, agenda: Agenda, reply: Reply) -> None:
    """The checks, on a version as it was read (the follow view never edits one)."""
    reply(ChecksDone(run_checks(session, today=today, agenda=agenda), changes))


def open_follow(path: Path, *, now: Now = utc_now, cursor_blink: bool = True) -> FollowApp:
    """The follow view of ``path``, read once here; `StorageError` when there is nothing to
    show (no file, or neither it nor its autosave can be read). No lock is taken."""
    follower = Follower(path)
    first = follower.poll()
    if isinstance(first, Unreadable):
        raise first.error
    if first is None:  # cannot happen on a first look; kept for the type checker
        raise StorageError(path, "nothing to show")
    return FollowApp(follower, first, now=now, cursor_blink=cursor_blink)


class FollowScreen(MainScreen):
    """The meeting screen of the follow view: the facilitator moves the meeting, not the room."""

    DEFAULT_CSS = """
    FollowScreen Input, FollowScreen TextArea {
        display: none;
    }
    """
    """The quick-add and add lines are editing chrome: a read-only view has no use for them."""

    def _refused(self) -> None:
        app = self.app
        assert isinstance(app, FollowApp)
        app.refuse()

    async def go_to_phase(self, index: int) -> None:
        self._refused()

    async def action_next_phase(self) -> None:
        self._refused()

    async def action_previous_phase(self) -> None:
        self._refused()

    async def action_toggle_clock(self) -> None:
        self._refused()

    def action_dissent(self) -> None:
        self._refused()

    def action_park(self) -> None:
        self._refused()

    async def action_extend(self) -> None:  # the shared screen's timekeeping edits the record
        self._refused()

    def action_elmo(self) -> None:
        self._refused()

    def tap_spoke(self, index: int) -> None:
        self._refused()

    async def show_phase(self, index: int) -> None:
        await super().show_phase(index)
        self.call_after_refresh(self._focus_readable)

    @on(DescendantFocus)
    def _away_from_hidden(self, event: DescendantFocus) -> None:
        if not event.widget.display:
            self.call_after_refresh(self._focus_readable)

    def _focus_readable(self) -> None:
        """The add lines that usually take the keyboard are hidden: the table or tree of the
        pane in view takes it, so the arrow keys scroll what the room reads."""
        focused = self.focused
        if focused is not None and focused.display:
            return
        targets = self.pane(self.current_pane).query("DataTable, Tree, OptionList")
        if targets:
            targets.first().focus()


class KeepsNothing(Survival):
    """The follow view holds no lock and writes no file, not even on a signal: what a viewer
    typed into a line is theirs alone, and a recovery file beside the session would be offered
    to the facilitator as their own unsaved work."""

    def start(self) -> None:
        return None

    def keep(self, drafts: Mapping[str, str] | None = None) -> bool:
        return False


class LooksNotAsks(FileKeeping):
    """The follow view takes every change on disk as it comes (`FollowApp.look`): it never asks
    whether to reload, as an editing copy does."""

    def watch(self) -> None:
        return None


class FollowApp(FacilitatorApp):
    """The app on a session it only reads: no lock, no save, no autosave, no edit. It looks at
    the file and its autosave every half second and shows the newer one, in place."""

    SCREEN = FollowScreen

    def __init__(
        self,
        follower: Follower,
        version: Version,
        *,
        now: Now = utc_now,
        cursor_blink: bool = True,
    ) -> None:
        # A SessionFile that is never asked to write: it names the file for the header and
        # keeps the change counts the checks compare.
        file = SessionFile(follower.path, digest=None, holder=None, last_seen=None)
        opened = Opened(version.session, version.agenda, file, recovery=None, unsaved=False)
        super().__init__(opened, now=now, cursor_blink=cursor_blink)
        self.keeping = LooksNotAsks(self)
        self.survival = KeepsNothing(self)
        self.follower = follower
        self.version = version
        self.problem: str | None = None
        """What went wrong reading the file last time; shown once, until it reads again."""
        self._polling = False
        self.refusals = 0
        """How many keys, clicks and edits were refused."""
        self._refused_at = -NOTICE_SECONDS

    def make_clock(self, file: SessionFile | None) -> MeetingClock | None:
        if self.session.meeting.mode is not MeetingMode.LIVE:
            return None
        return MeetingClock(self.agenda, self.session.meeting, self.now, following=True)

    @on(Mount)
    def _start_following(self) -> None:
        self.set_interval(POLL_SECONDS, self.look)

    # ---- the header --------------------------------------------------------------------------

    def marker(self) -> str:
        """ "following pm.toml — read-only", saying when it shows unsaved edits."""
        name = visible(self.path.name)
        if self.version.source is Source.AUTOSAVE:
            return f"following {name} — read-only · unsaved {self.version.modified:%H:%M:%S}"
        return f"following {name} — read-only"

    def watch_save_state(self, state: str) -> None:
        if hasattr(self, "_main"):
            self.main.show_header(self.path, self.marker())

    # ---- refusing edits ----------------------------------------------------------------------

    def refuse(self) -> None:
        """Refuse an edit, saying why; a burst of keys gets one notice, not a stack of them."""
        self.refusals += 1
        now = time.monotonic()
        if now - self._refused_at < NOTICE_SECONDS:
            return
        self._refused_at = now
        self.notify(
            f"Read-only: this view follows {visible(self.path.name)} as the facilitator "
            "saves it. Edits are made in the facilitator's app.",
            title="Following",
            severity="warning",
            timeout=NOTICE_SECONDS,
            markup=False,
        )

    async def run_action(
        self,
        action: str | tuple[str, str, tuple[object, ...]],
        default_namespace: DOMNode | None = None,
        namespaces: Any = None,
    ) -> bool:
        name = parse(action)[1] if isinstance(action, str) else action[1]
        if name in EDITING:
            self.refuse()
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def _check_action_state(self, action: str, default_namespace: DOMNode) -> bool | None:
        # Textual asks this of every binding the footer might show: an editing key is
        # hidden rather than offered and then refused.
        if parse(action)[1] in EDITING:
            return False
        return super()._check_action_state(action, default_namespace)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Only the screens that look open; every form and dialog that edits is refused, also
        when a click on a row (in a browser, say) asks for it."""
        if isinstance(screen, MainScreen | HelpScreen | FindingsScreen | ErrorDialog):
            return super().push_screen(screen, *args, **kwargs)
        self.refuse()
        return None

    @on(EditRequested)
    def _refuse_edit(self, message: EditRequested) -> None:
        message.stop()
        message.prevent_default()  # the app's own handler would apply it
        self.refuse()

    @on(MainScreen.MeetingChanged)
    def _refuse_meeting_change(self, message: MainScreen.MeetingChanged) -> None:
        message.stop()
        message.prevent_default()

    def run_checks(self) -> None:
        """A followed session is replaced, never edited: the checks read the version as it
        was read, without the snapshot an editing copy takes on the UI thread."""
        today = self.now().date()
        changes = self.document.changes
        self.run_job("checks", check, self.version.session, changes, today, self.agenda)

    # ---- following ---------------------------------------------------------------------------

    def look(self) -> None:
        """Look at the file and its autosave in a worker (unless a look is under way)."""
        if not self._polling:
            self._polling = True
            self.run_job("follow", poll, self.follower)

    @on(Polled)
    def _polled(self, message: Polled) -> None:
        self._polling = False
        result = message.result
        if isinstance(result, Unreadable):
            if result.message != self.problem:
                self.problem = result.message
                self.notify(
                    f"{result.message}. Still showing the version read last.",
                    title="Cannot follow",
                    severity="error",
                    timeout=8,
                    markup=False,
                )
        elif result is not None:
            self.problem = None
            self.show_version(result)

    def show_version(self, version: Version) -> None:
        """Show another version of the session in place: the rows that changed are redrawn,
        the cursor stays on the item it was on, and the view moves to the facilitator's phase."""
        before = self.version
        self.version = version
        live = version.session.meeting.mode is MeetingMode.LIVE
        if version.agenda != before.agenda or live != (self.clock is not None):
            self.agenda = version.agenda
            self.replace_session(version.session)  # a new shape: build the screen anew
            self.watch_save_state(self.save_state)
            return
        edit = change_between(self.session, version.session)
        if edit is not None:
            main = self.main
            under = main.item_under_cursor()
            edit.apply(self.session)
            self.document.changed()  # a check run for an older version is then run again
            self.document.reloaded(None)  # and nothing is unsaved: it was read from disk
            if self.clock is not None:
                self.clock.follow(self.session.meeting)
            main.show_edit(edit)
            if self.clock is not None and main.phase != self.clock.index:
                main.call_next(main.enter_phase, self.clock.index)
            elif under and main.item_under_cursor() != under:
                kind, _, item_id = under.partition(":")
                main.pane(main.current_pane).reveal(kind, item_id)
            self.run_checks()
            self.show_previous()
        self.watch_save_state(self.save_state)

"""Provides Survival: what keeps typed text alive — the drafts (text typed but not yet submitted)
gathered for the autosave and put back on recovery, and SIGTERM and SIGHUP (the terminal
closing) answered by writing the recovery file and letting go of the lock before exiting."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from agenda.agendas import Pane
from agenda.document import SessionFile
from agenda.model import Session
from agenda.safety import Recovery
from agenda.visible import visible
from facilitator import jobs
from facilitator.dialogs.drafts import DraftsDialog
from facilitator.dialogs.file_dialogs import ErrorDialog, RecoveryDialog
from facilitator.screens.main import MainScreen


class Kept(Protocol):
    """What survival needs of the app it serves (the app imports this module, not the reverse)."""

    document: SessionFile
    recovery: Recovery | None
    restored_drafts: Mapping[str, str]

    @property
    def return_code(self) -> int | None: ...

    @property
    def path(self) -> Path: ...
    @property
    def dirty(self) -> bool: ...
    @property
    def main(self) -> MainScreen: ...
    @property
    def is_headless(self) -> bool: ...
    @property
    def screen(self) -> Screen[Any]: ...
    @property
    def screen_stack(self) -> list[Screen[Any]]: ...
    def snapshot(self) -> dict[str, Any]: ...
    def push_screen(self, screen: Screen[Any], callback: Any = None) -> Any: ...
    def replace_session(self, session: Session) -> None: ...
    def mark_changed(self) -> None: ...
    def notify(self, message: str, *, title: str = "", **options: Any) -> None: ...
    def run_job(self, group: str, job: Callable[..., None], *args: Any, **kwargs: Any) -> None: ...
    def call_after_refresh(self, callback: Callable[..., Any], *args: Any) -> bool: ...
    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...


SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Asked to stop (a shutdown, `kill`) or the terminal went away: keep the work, then exit."""

EXIT_GRACE = 5.0
"""Seconds the app gets to restore the terminal after a signal before the process just ends:
with the terminal gone, writing to it can block, and the work is already kept by then."""

FORMS = {
    "EventForm": "event form",
    "ActionForm": "action form",
    "WhyForm": "why form",
    "FactorForm": "contributing factor form",
    "DissentDialog": "dissent",
    "TextEntry": "text entry",
    "PasteTimeline": "pasted timeline",
    "SaveFailed": "save as",
}
"""How a dialog is named when its drafts are offered back as text."""


def draft_name(widget: Widget) -> str:
    """Where a text was typed, as the recovery file's ``[drafts]`` table names it: the main
    screen's lines by their own id (or their list's), a dialog's fields by dialog and field."""
    screen = widget.screen
    if isinstance(screen, MainScreen):
        node: Widget | None = widget
        while node is not None and not node.id:
            parent = node.parent
            node = parent if isinstance(parent, Widget) and parent is not screen else None
        return node.id if node is not None and node.id else "line"
    field = getattr(screen, "draft_field", None) or widget.id or "text"  # a text entry's prompt
    return f"{type(screen).__name__}.{field}"


def text_of(widget: Input | TextArea) -> str:
    return widget.text if isinstance(widget, TextArea) else widget.value


class Survival:
    """Gathers the drafts of the app it serves, puts them back, and answers the signals."""

    def __init__(self, app: Kept) -> None:
        self.app = app
        self.drafts: dict[str, str] = {}
        """The drafts as last gathered: what a crash after the app has gone still keeps."""
        self._touched: weakref.WeakSet[Screen[object]] = weakref.WeakSet()
        """Dialogs someone typed in: their fields are drafts (an untouched form only shows
        what the session holds already)."""
        self._kept = False
        self._ender: threading.Timer | None = None
        self.stopped_by: signal.Signals | None = None

    def start(self) -> None:
        """Once the main screen shows: answer the signals, say when another copy holds the
        lock, put back the drafts restored on opening, offer an autosave that differs from
        the file."""
        app = self.app
        if not app.is_headless:
            self.install()
        if app.document.holder is not None:
            held = f"{app.path.name} is open elsewhere: {app.document.holder.describe()}."
            app.push_screen(
                ErrorDialog(
                    f"{held} It opened read-only; f9 saves your copy as a new file. "
                    "(facilitator FILE --ignore-lock opens it for editing anyway.)"
                )
            )
        if app.restored_drafts:
            self.restore_later(app.restored_drafts)
        if app.recovery is not None:
            saved = f"{app.recovery.saved:%Y-%m-%d %H:%M:%S} UTC"
            app.push_screen(RecoveryDialog(saved, app.recovery.changes), self._recovery_chosen)

    def _recovery_chosen(self, restore: bool | None) -> None:
        app = self.app
        recovery, app.recovery = app.recovery, None
        if recovery is None:
            return
        if restore:
            app.replace_session(recovery.session)
            app.mark_changed()
            self.restore_later(recovery.drafts)
            app.notify("Restored the autosave; ctrl+s saves it to the file.")
        else:
            app.run_job("autosave", jobs.discard_recovery, app.document)
            app.notify("Discarded the autosave.")

    # ---- drafts ------------------------------------------------------------------------------

    def pressed(self) -> None:
        """A key or a paste reached the app: the dialog in front now holds what someone typed
        (until then its fields only show what the session holds already)."""
        if not isinstance(self.app.screen, MainScreen):
            self._touched.add(self.app.screen)

    def gather(self) -> dict[str, str]:
        """Every text typed but not yet submitted, by where (empty ones left out)."""
        found: dict[str, str] = {}
        for screen in self.app.screen_stack:
            if not isinstance(screen, MainScreen) and screen not in self._touched:
                continue
            for widget in screen.query("Input, TextArea"):
                assert isinstance(widget, Input | TextArea)
                text = text_of(widget)
                if text.strip():
                    found[draft_name(widget)] = text
        self.drafts = found
        return found

    async def restore(self, drafts: Mapping[str, str]) -> None:
        """Put each draft back where it was typed (in a pane not looked at yet too, which is
        built for it); a dialog's fields, which would need the dialog reopened on the item it
        was about, are offered as text to copy instead."""
        left = dict(drafts)
        for pane in Pane if left else ():
            await self.app.main.pane_ready(pane)
        for widget in self.app.main.query(Input):
            name = draft_name(widget)
            if name in left:
                widget.value = left.pop(name)
        if left:
            self.app.push_screen(DraftsDialog(offered_text(left)))

    def restore_later(self, drafts: Mapping[str, str]) -> None:
        """`restore` into the main screen once it has mounted (or been replaced)."""
        self.app.call_after_refresh(self.restore, drafts)

    # ---- signals ------------------------------------------------------------------------------

    def install(self) -> None:
        """Answer SIGTERM and SIGHUP on the app's own loop (Textual's driver handles only
        SIGTSTP, SIGCONT and SIGWINCH, so these are free)."""
        loop = asyncio.get_running_loop()
        for number in SIGNALS:
            loop.add_signal_handler(number, self.stop, number)

    def stop(self, number: signal.Signals) -> None:
        """Keep the work, let go of the lock, and exit with 128 + the signal's number."""
        self.stopped_by = signal.Signals(number)
        self.keep(self.gather())
        code = 128 + int(number)
        if not self.app.is_headless:
            self._ender = threading.Timer(EXIT_GRACE, os._exit, [code])
            self._ender.daemon = True
            self._ender.start()
        self.app.exit(return_code=code)

    def keep(self, drafts: Mapping[str, str] | None = None) -> bool:
        """Write the recovery file now (unsaved changes or drafts) and release the lock, once;
        returns whether anything was written. The app is going down: this is the one write
        made on the UI thread, since no worker would outlive it."""
        if self._kept:
            return False
        self._kept = True
        document = self.app.document
        drafts = self.drafts if drafts is None else drafts
        wrote = False
        if not document.read_only and (document.dirty or drafts):
            document.write_recovery_now(self.app.snapshot(), drafts)
            wrote = True
        document.close()
        return wrote

    def farewell(self) -> None:
        """After the app has gone: keep what a crash or a signal left unsaved, and say so."""
        if self._ender is not None:
            self._ender.cancel()  # the app did exit in time
        crashed = bool(self.app.return_code) and self.stopped_by is None
        wrote = self.keep() if crashed else False
        if self.stopped_by is not None:
            said = f"stopped by {self.stopped_by.name}"
            if self.app.dirty or self.drafts:
                said += f"; unsaved work was kept: open {self.app.path} again to restore it"
            print(f"facilitator: {visible(said)}", file=sys.stderr)
        elif wrote:
            said = f"unsaved changes were kept; open {self.app.path} again to restore them"
            print(f"facilitator: {visible(said)}", file=sys.stderr)
        self.app.document.close()


def offered_text(drafts: Mapping[str, str]) -> str:
    """Drafts from dialogs as one text: each under the name of the form and field."""
    parts = []
    for name, text in drafts.items():
        form, _, field = name.partition(".")
        parts.append(f"— {FORMS.get(form, form)}, {field}:\n{text}")
    return "\n\n".join(parts)

"""Provides the one app factory, shared by the `facilitator` command and the tests."""

from __future__ import annotations

from pathlib import Path

from agenda.clock import Now, utc_now
from agenda.document import SessionFile
from facilitator.app import FacilitatorApp
from facilitator.display import Display
from facilitator.settings import Loaded, load_settings


def build_app(
    path: Path,
    *,
    now: Now = utc_now,
    note: str = "",
    start_clock: bool = False,
    recover: bool = False,
    ignore_lock: bool = False,
    cursor_blink: bool = True,
    settings: Loaded | None = None,
) -> FacilitatorApp:
    """The app on the session at ``path``; a missing file starts a new, unsaved session.

    A live meeting's clock waits for ctrl+t unless ``start_clock`` (the demo). An autosave that
    differs from the file is offered back on open (restored at once with ``recover``). A
    session open in another copy of the app opens read-only unless ``ignore_lock``. Raises
    `StorageError` when the file (or its agenda) cannot be read.
    """
    opened = SessionFile.open(path, now=now, recover=recover, ignore_lock=ignore_lock)
    display = Display(settings or load_settings())  # before the app runs: no UI thread yet
    return FacilitatorApp(
        opened,
        now=now,
        note=note,
        start_clock=start_clock,
        cursor_blink=cursor_blink,
        display=display,
    )

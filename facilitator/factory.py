"""Provides the one app factory, shared by the `facilitator` command and the tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.app import FacilitatorApp
from facilitator.display import Display
from facilitator.settings import Loaded, load_settings
from facilitator.startup import preview

if TYPE_CHECKING:
    from agenda.clock import Now


def build_app(
    path: Path,
    *,
    now: Now | None = None,
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
    session open in another copy of the app opens read-only unless ``ignore_lock``.

    Raises `StorageError` when the file cannot be read at all; the session itself is opened
    by the app, after its first frame, in a worker: a file that does not parse or validate
    (or whose agenda cannot be read) ends the app with ``load_error`` set and exit status 2.
    """
    display = Display(settings or load_settings())  # before the app runs: no UI thread yet
    return FacilitatorApp(
        preview(path),
        now=now,
        note=note,
        start_clock=start_clock,
        recover=recover,
        ignore_lock=ignore_lock,
        cursor_blink=cursor_blink,
        display=display,
    )

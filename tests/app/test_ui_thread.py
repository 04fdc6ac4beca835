"""The UI thread never touches the disk: saves, autosaves, exports, reloads and checks all run in
workers from snapshots."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from textual.widgets import Input

from facilitator.dialogs.file_dialogs import ExternalChange
from facilitator.follow import open_follow
from tests.app.support import SIZE, build_app, loaded, settle
from tests.helpers import SAMPLES, FakeNow


class DiskGuard:
    """Records every file open, replace, fsync and hash made on the main thread."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.main = threading.main_thread()

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is self.main:
                frame: FrameType | None = sys._getframe(1)
                where: list[str] = []
                while frame is not None and len(where) < 6:  # no source lines: they read files
                    where.append(f"{frame.f_code.co_filename}:{frame.f_lineno}")
                    frame = frame.f_back
                self.seen.append(f"{name}{args[:1]!r} on the UI thread, from {where}")
            return real(*args, **kwargs)

        return guarded


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], DiskGuard]]:
    """Call it to start guarding (after the app has drawn its first frame)."""

    def start() -> DiskGuard:
        watcher = DiskGuard()
        for module, name in (
            (builtins, "open"),
            (io, "open"),
            (os, "open"),
            (os, "replace"),
            (os, "fsync"),
            (hashlib, "sha256"),
        ):
            monkeypatch.setattr(module, name, watcher.wrap(name, getattr(module, name)))
        return watcher

    yield start


async def test_editing_saving_exporting_and_reloading_stay_off_the_ui_thread(
    tmp_path: Path, guard: Callable[[], DiskGuard]
) -> None:
    path = tmp_path / "pm.toml"
    shutil.copy(SAMPLES[0], path)
    app = build_app(path, now=FakeNow())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await settle(app)
        watcher = guard()
        await pilot.press("f2")  # the timeline, from the closing the sample's meeting is in
        await pilot.pause()
        app.screen.query_one("#quick-add", Input).value = "14:44 Error rate back to baseline"
        await pilot.press("enter")
        app.run_checks()
        app.keeping._autosave_now()  # what the autosave timer does
        await settle(app)
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.press("ctrl+e")
        await settle(app)
        await pilot.pause()
        assert watcher.seen == []
        path.write_text(path.read_text(encoding="utf-8").replace("SEV2", "SEV1", 1))
        watcher.seen.clear()  # the test itself just wrote the file, as another editor would
        app.screen.query_one("#quick-add", Input).value = "14:45 Status page updated"
        await pilot.press("enter", "ctrl+s")
        await settle(app)
        await pilot.pause()
        assert isinstance(app.screen, ExternalChange)
        await pilot.press("r")  # reload
        await settle(app)
        await pilot.pause()
        assert app.session.incident.severity.value == "SEV1"
        assert watcher.seen == []


async def test_following_a_session_reads_it_off_the_ui_thread(
    tmp_path: Path, guard: Callable[[], DiskGuard]
) -> None:
    path = tmp_path / "pm.toml"
    shutil.copy(SAMPLES[0], path)
    app = open_follow(path, now=FakeNow(), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle(app)  # the checks, and any look the half-second timer started, end first
        await pilot.pause()
        changed = path.read_text(encoding="utf-8").replace("SEV2", "SEV1", 1)
        watcher = guard()
        path.write_text(changed, encoding="utf-8")
        watcher.seen.clear()  # the test itself just wrote the file, as the facilitator would
        app.look()
        await settle(app)
        await pilot.pause()
        assert app.session.incident.severity.value == "SEV1"
        assert watcher.seen == []

"""Nothing lost, in the running app: external changes, locks, unwritable files, recovery after
a SIGKILL, and hostile text typed everywhere text enters."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, OptionList, Tree

from agenda import document, load_session, save_session
from agenda.errors import StorageError
from agenda.safety import recovery_path
from agenda.storage import write_atomic
from facilitator.dialogs.action_form import ActionForm
from facilitator.dialogs.analysis_forms import WhyForm
from facilitator.dialogs.dissent import DissentDialog
from facilitator.dialogs.file_dialogs import ErrorDialog, ExternalChange, RecoveryDialog, SaveFailed
from facilitator.panes.analysis import AnalysisPane
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import SIZE, AppPilot, build_app, copy_sample, loaded, settle
from tests.helpers import FakeNow


async def test_a_change_on_disk_is_never_silently_overwritten(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path, now=FakeNow())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f5")
        app.screen.query_one(Input).value = "a tangent"
        await pilot.press("enter")
        theirs = load_session(path)
        theirs.incident.title = "Edited in another editor"
        save_session(theirs, path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExternalChange)
        assert load_session(path).incident.title == "Edited in another editor"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SaveFailed)
        app.screen.query_one(Input).value = str(tmp_path / "mine.toml")
        await pilot.press("enter")
        await settle(app)
        await pilot.pause()
    assert load_session(path).incident.title == "Edited in another editor"
    assert load_session(tmp_path / "mine.toml").analysis.parking_lot[-1].text == "a tangent"


async def test_reload_takes_the_version_on_disk(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path, now=FakeNow())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        theirs = load_session(path)
        theirs.incident.title = "Pulled from git"
        save_session(theirs, path)
        await pilot.press("ctrl+s")
        await pilot.press("r")
        await pilot.pause()
        assert app.session.incident.title == "Pulled from git"
        assert not app.dirty
        path.write_text("schema_version = 1\n[incident\n", encoding="utf-8")
        await pilot.press("ctrl+s", "r")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "line 2" in str(app.screen.query_one("#dialog-message").render())
        assert app.session.incident.title == "Pulled from git"


async def test_a_second_copy_opens_read_only(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from agenda.safety import acquire_lock;"
            "acquire_lock(Path(sys.argv[1])); print('locked', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        before = path.read_bytes()
        app = build_app(path, now=FakeNow())
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.pause()
            assert app.document.read_only
            assert isinstance(app.screen, ErrorDialog)
            assert f"pid {holder.pid}" in str(app.screen.query_one("#dialog-message").render())
            await pilot.press("enter", "f5")
            app.screen.query_one(Input).value = "mine"
            await pilot.press("enter")
            app.keeping._autosave_now()  # what the autosave timer would do
            await settle(app)
            assert not recovery_path(path).exists()  # the recovery file is the other copy's
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveFailed)
        assert path.read_bytes() == before
        forced = build_app(path, now=FakeNow(), ignore_lock=True)
        async with forced.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert not forced.document.read_only
    finally:
        holder.kill()
        holder.wait()


async def test_an_unwritable_file_keeps_the_session_and_offers_save_as(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_sample(tmp_path)
    before = path.read_bytes()
    app = build_app(path, now=FakeNow())

    def refuse(target: Path, data: bytes) -> None:
        if target == path:
            raise StorageError(target, "cannot write: Permission denied", hint="save elsewhere")
        original(target, data)

    original = write_atomic
    monkeypatch.setattr(document, "write_atomic", refuse)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f5")
        app.screen.query_one(Input).value = "keep me"
        await pilot.press("enter", "ctrl+s")
        await settle(app)
        await pilot.pause()
        assert isinstance(app.screen, SaveFailed)
        assert "Permission denied" in str(app.screen.query_one("#save-message").render())
        assert app.session.analysis.parking_lot[-1].text == "keep me" and app.dirty
        app.screen.query_one(Input).value = str(tmp_path / "elsewhere.toml")
        await pilot.press("enter")
        await settle(app)
    assert path.read_bytes() == before
    assert load_session(tmp_path / "elsewhere.toml").analysis.parking_lot[-1].text == "keep me"


KILLED = """
import asyncio, os, signal, sys, time
from pathlib import Path
from facilitator import file_keeping
from facilitator.factory import build_app
from textual.widgets import Input

file_keeping.AUTOSAVE_DELAY = 0.2

async def main():
    app = build_app(Path(sys.argv[1]))
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.loaded:  # the session opens in a worker after the first frame
            await pilot.pause()
        await pilot.press("f5")
        app.screen.query_one(Input).value = "said just before the laptop died"
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.document.autosaved_at is not None:
                break
        os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


async def test_autosave_then_kill_then_restore(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = path.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(path)], capture_output=True, text=True
    )
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert path.read_bytes() == before and recovery_path(path).exists()
    time.sleep(0.01)
    app = build_app(path, now=FakeNow())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("r")
        await pilot.pause()
        assert app.session.analysis.parking_lot[-1].text == "said just before the laptop died"
        await pilot.press("ctrl+s")
        await settle(app)
    assert load_session(path).analysis.parking_lot[-1].text == "said just before the laptop died"
    assert not recovery_path(path).exists()


async def test_recover_flag_restores_without_asking(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    session = load_session(path)
    session.incident.title = "Autosaved title"
    from agenda.safety import write_recovery
    from agenda.storage import dumps_session

    write_recovery(dumps_session(session), path)
    app = build_app(path, now=FakeNow(), recover=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.session.incident.title == "Autosaved title"
        assert app.recovery is None and app.dirty


HOSTILE = [
    "[bold]x[/bold]",
    "[/]",
    "[@click=app.quit]x[/]",
    "[$accent]v",
    "bell\x07 and escape \x1b[31m red",
    "x" * 5000,
    "مرحبا بالعالم שלום",
    "🔥🧯 e\u0301 n\u0303",
    "d" * 1_000_000,
]


async def test_hostile_strings_in_the_timeline(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f2")
        for number, text in enumerate(HOSTILE):
            box = app.screen.query_one("#quick-add", Input)
            box.focus()
            box.value = f"2023-11-15 15:{number:02d} {text}"
            await pilot.press("enter")
            await pilot.pause()
        events = {e.description for e in app.session.timeline}
        assert all(text in events for text in HOSTILE)
        table = app.screen.query_one(TimelineTable)
        shown = [
            c.plain
            for key in table.row_keys_in_order()
            for c in table.get_row(key)
            if isinstance(c, Text)
        ]
        assert "[@click=app.quit]x[/]" in shown and "[/]" in shown
        await save_and_quit(pilot)
    assert load_session(path) == app.session


@pytest.mark.slow
async def test_hostile_strings_in_the_whys(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+g", "home", "down", "down", "enter")
        app.screen.query_one("#whys", Tree).focus()
        for text in HOSTILE[:6]:
            await pilot.press("r")
            assert isinstance(app.screen, WhyForm)
            app.screen.query_one("#question", Input).value = text
            await pilot.press("ctrl+s")
            await pilot.pause()
        roots = [w.question for w in app.session.why_roots()]
        assert all(text in roots for text in HOSTILE[:6])
        labels = [
            str(n.label) for n in app.screen.query_one(AnalysisPane).whys_tree._tree_nodes.values()
        ]
        assert any("[@click=app.quit]x[/]" in label for label in labels)
        await save_and_quit(pilot)
    assert load_session(path) == app.session


@pytest.mark.slow
async def test_hostile_strings_in_action_titles(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+g", "home", "down", "down", "down", "enter")
        for text in HOSTILE[:6]:
            await pilot.press("a")
            assert isinstance(app.screen, ActionForm)
            app.screen.query_one("#title", Input).value = text
            await pilot.press("ctrl+s")
            await pilot.pause()
        titles = [a.title for a in app.session.actions]
        assert all(text in titles for text in HOSTILE[:6])
        actions = app.screen.query_one("#action-table", DataTable)
        cells = [
            c.plain
            for row in actions.ordered_rows
            for c in actions.get_row(row.key)
            if isinstance(c, Text)
        ]
        assert any(c.startswith("[$accent]v") for c in cells)
        await save_and_quit(pilot)
    assert load_session(path) == app.session


@pytest.mark.slow
async def test_hostile_strings_in_dissent_and_the_findings(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for text in HOSTILE:
            await pilot.press("f4")
            assert isinstance(app.screen, DissentDialog)
            app.screen.query_one("#view", Input).value = text
            await pilot.press("ctrl+s")
            await pilot.pause()
        views = [d.view for d in app.session.dissent]
        assert all(text in views for text in HOSTILE)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen.query_one(OptionList), OptionList)
        await pilot.press("escape")
        assert app.is_running
        await save_and_quit(pilot)
    assert load_session(path) == app.session


async def save_and_quit(pilot: AppPilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot.app)
    await pilot.pause()


async def test_export_beside_a_session_reached_through_an_md_link_is_refused(
    tmp_path: Path,
) -> None:
    """Issue #17, item 1: ctrl+e wrote Markdown over the session (through NAME.md) and quit."""
    session = copy_sample(tmp_path)
    before = session.read_bytes()
    link = tmp_path / "s.toml"
    link.symlink_to(session)
    (tmp_path / "s.md").symlink_to(session)
    app = build_app(link)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+e")
        await settle(app)
        await pilot.pause()
        assert app.is_running
    assert session.read_bytes() == before


async def test_a_read_only_session_is_not_saved_over_and_save_as_is_offered(
    tmp_path: Path,
) -> None:
    """Issue #17, item 10: a 0444 session was overwritten without a word (root included)."""
    path = copy_sample(tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f5")
        app.screen.query_one(Input).value = "mine"
        await pilot.press("enter", "ctrl+s")
        await settle(app)
        await pilot.pause()
        assert isinstance(app.screen, SaveFailed)
        assert "read-only" in str(app.screen.query_one("#save-message").render())
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o444


async def test_an_out_of_range_time_typed_into_quick_add_is_a_message_not_a_crash(
    tmp_path: Path,
) -> None:
    """Issue #17, item 16: `0001-01-01T00:00:00+05:00 boom` crashed the app."""
    app = build_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f2")
        await pilot.pause()
        box = app.main.query_one("#quick-add", Input)
        box.value = "0001-01-01T00:00:00+05:00 boom"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and box.value == "0001-01-01T00:00:00+05:00 boom"
        assert str(app.main.query_one("#quick-error").render()).strip()

"""Every keystroke survives: text typed but not yet submitted goes into the autosave and comes
back where it was typed; a keystroke alone starts an autosave; SIGTERM and SIGHUP keep the work
and let go of the lock."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from agenda import load_session
from agenda.locking import lock_path
from agenda.safety import read_recovery, recovery_path
from facilitator.app import FacilitatorApp
from facilitator.dialogs.drafts import DraftsDialog
from facilitator.dialogs.event_form import EventForm
from facilitator.dialogs.file_dialogs import RecoveryDialog
from facilitator.dialogs.text_entry import TextEntry
from facilitator.survival import offered_text
from tests.app.support import SIZE, AppPilot, build_app, copy_sample, loaded, settle, shown

TYPED = "14:32 Failover to the standby starts"


async def type_into_quick_add(app: FacilitatorApp, pilot: AppPilot, text: str) -> Input:
    await pilot.press("f2")
    await pilot.pause()
    box = app.screen.query_one("#quick-add", Input)
    box.focus()
    box.value = text
    return box


async def test_quick_add_text_not_yet_sent_comes_back_in_the_line(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await type_into_quick_add(app, pilot, TYPED)
        assert not app.dirty  # nothing submitted: only the draft is unsaved
        app.keeping._autosave_now()  # what the autosave timer does
        await settle(app)
    assert read_recovery(path)[1] == {"quick-add": TYPED}
    again = build_app(path)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert isinstance(again.screen, RecoveryDialog)
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        assert again.main.query_one("#quick-add", Input).value == TYPED


async def test_the_recover_flag_puts_the_drafts_back_too(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await type_into_quick_add(app, pilot, TYPED)
        app.keeping._autosave_now()
        await settle(app)
    again = build_app(path, recover=True)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert again.main.query_one("#quick-add", Input).value == TYPED


async def test_a_form_being_typed_in_is_offered_back_as_text(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f2", "escape", "e")
        await shown(pilot, EventForm)
        await pilot.press("end", *" and the replica lagged")
        app.keeping._autosave_now()
        await settle(app)
    drafts = read_recovery(path)[1]
    assert drafts["EventForm.description"].endswith(" and the replica lagged")
    again = build_app(path)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await shown(pilot, RecoveryDialog)
        await pilot.press("r")
        dialog = await shown(pilot, DraftsDialog)
        offered = dialog.query_one(TextArea).text
        assert "event form, description:" in offered and "and the replica lagged" in offered


async def test_an_untouched_form_is_no_draft(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f2", "escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert app.survival.gather() == {}


def fire_autosave(app: FacilitatorApp) -> None:
    """Run the autosave that the last change armed, now rather than a second later."""
    timer = app.keeping._autosave_timer
    assert timer is not None, "no autosave was armed"
    timer.stop()
    app.keeping._autosave_now()


async def test_a_keystroke_alone_arms_the_autosave(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*"14:40 X")  # typed, never submitted
        fire_autosave(app)
        await settle(app)
        assert read_recovery(path)[1] == {"quick-add": "14:40 X"}
        await pilot.press(*["backspace"] * 7)  # cleared again: nothing left to offer back
        fire_autosave(app)
        await settle(app)
        assert not recovery_path(path).exists()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
async def test_a_signal_keeps_the_work_and_lets_go_of_the_lock(
    tmp_path: Path, number: signal.Signals
) -> None:
    path = copy_sample(tmp_path)
    before = path.read_bytes()
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await type_into_quick_add(app, pilot, "14:20 Paged the database on-call")
        await pilot.press("enter")
        await type_into_quick_add(app, pilot, TYPED)
        assert lock_path(path).exists()
        app.survival.stop(number)  # what the loop's signal handler calls
        await pilot.pause()
    assert app.return_code == 128 + number
    assert path.read_bytes() == before
    assert not lock_path(path).exists()
    session, drafts = read_recovery(path)
    assert session.timeline[-1].description == "Paged the database on-call"
    assert drafts == {"quick-add": TYPED}
    assert load_session(path) != session


async def test_quitting_with_only_unsent_text_leaves_no_autosave(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*"14:40 X")
        fire_autosave(app)
        await settle(app)
        assert recovery_path(path).exists()
        await pilot.press("ctrl+q")
        await settle(app)
        await pilot.pause()
        assert not app.is_running
    assert not recovery_path(path).exists()


async def test_a_text_entry_offered_back_names_its_field(tmp_path: Path) -> None:
    """Found using the app: a header field typed in and lost to a crash came back as "text
    entry, entry:", which did not say which field it was."""
    path = copy_sample(tmp_path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.push_screen(TextEntry("Trigger (ctrl+s saves)", "", multiline=True))
        await pilot.pause()
        await pilot.press(*"a WAF rule deploy")
        app.keeping._autosave_now()
        await settle(app)
    drafts = read_recovery(path)[1]
    assert drafts == {"TextEntry.Trigger": "a WAF rule deploy"}
    assert offered_text(drafts) == "— text entry, Trigger:\na WAF rule deploy"

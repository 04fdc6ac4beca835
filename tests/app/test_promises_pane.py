"""Last time's promises at the opening: the open actions of earlier postmortems in the folder
that share a service or tag, read by a worker; and the closing checklist answered from them."""

from __future__ import annotations

import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static

from agenda import load_session
from agenda.promises import folder_scan
from agenda.repository import Scan
from facilitator import jobs
from facilitator.app import FacilitatorApp
from tests.app.support import SIZE, AppPilot, build_app, fill_every_pane, loaded, settle
from tests.helpers import SAMPLES, FakeNow

NOW = datetime(2024, 3, 14, 10, 0, tzinfo=UTC)


def folder_app(tmp_path: Path, current: int) -> FacilitatorApp:
    for sample in SAMPLES:
        shutil.copy(sample, tmp_path / sample.name)
    return build_app(tmp_path / SAMPLES[current].name, now=FakeNow(NOW))


async def settle_folder(app: FacilitatorApp, pilot: AppPilot) -> None:
    """Until the checks and the folder read are done and their answers shown (the read starts
    after the first frame, so it may not have begun when the checks are done)."""
    await settle(app)
    while app.guidance.folder is None:
        await pilot.pause()
        await settle(app)
    await fill_every_pane(pilot)  # the opening and closing, as when the room looks at them


async def test_the_opening_shows_last_time_s_open_actions(tmp_path: Path) -> None:
    app = folder_app(tmp_path, current=2)  # the index lock, 2024-03-12: after the other two
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle_folder(app, pilot)
        opening = app.screen.query_one("#opening")
        table = opening.query_one("#promises", DataTable)
        earlier = [load_session(p) for p in SAMPLES[:2]]
        expected = {
            f"{tmp_path / p.name}:{a.id}"
            for p, s in zip(SAMPLES[:2], earlier, strict=True)
            for a in s.actions
            if a.status.is_open
        }
        assert {str(key.value) for key in table.rows} == expected
        assert table.display
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert str(rows[0][0]) == "INC-2023-1115" and str(rows[0][4]).startswith("overdue")
        note = str(opening.query_one("#promises-note", Static).render())
        assert f"{len(expected)} of 12 action(s) from 2 earlier related postmortem(s)" in note


async def test_the_closing_checklist_answers_from_them(tmp_path: Path) -> None:
    app = folder_app(tmp_path, current=2)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle_folder(app, pilot)
        options = app.screen.query_one("#closing").query_one("#checklist", OptionList)
        prompt = str(options.get_option("previous").prompt)
        assert prompt.startswith("✗") and "still open" in prompt


async def test_the_first_postmortem_of_its_kind_has_none(tmp_path: Path) -> None:
    app = folder_app(tmp_path, current=0)  # checkout-npe is the earliest
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle_folder(app, pilot)
        opening = app.screen.query_one("#opening")
        assert not opening.query_one("#promises", DataTable).display
        note = str(opening.query_one("#promises-note", Static).render())
        assert "No earlier postmortem in this folder" in note


async def test_the_folder_is_read_off_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []

    def recording(path: Path) -> Scan:
        threads.append(threading.current_thread().name)
        return folder_scan(path)

    monkeypatch.setattr(jobs, "folder_scan", recording)
    app = folder_app(tmp_path, current=2)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await settle_folder(app, pilot)
        assert app.screen.query_one("#promises", DataTable).row_count > 0
    assert threads and threading.main_thread().name not in threads

"""The import preview: what a paste would add, untickable row by row, then one undoable edit."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable, Static, TextArea

from agenda import load_session
from agenda.model import Event, KeyTimes, Session
from facilitator.app import FacilitatorApp
from facilitator.dialogs.import_preview import ImportPreview
from facilitator.dialogs.paste_timeline import PasteTimeline
from tests.app.support import SIZE, AppPilot, loaded, screen_text
from tests.app.test_timeline_pane import at, descriptions, make_app, open_timeline
from tests.helpers import SOURCES, FakeNow

DRAFT = """\
2024-01-15 (all times UTC)

| Time | Event |
|------|-------|
| 14:02 | v4.2 rollout completes |
| ~14:05 | First payment failures |
| 14:07 | CheckoutErrorRate alert fires |
"""


async def paste(app: FacilitatorApp, pilot: AppPilot, text: str) -> ImportPreview:
    table = await open_timeline(app, pilot)
    table.focus()
    await pilot.press("v")
    assert isinstance(app.screen, PasteTimeline)
    app.screen.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ImportPreview)
    return app.screen


def cells(preview: ImportPreview) -> list[list[str]]:
    table = preview.query_one("#preview-rows", DataTable)
    rows = []
    for key in table.rows:
        row = table.get_row(key)
        rows.append([cell.plain if isinstance(cell, Text) else str(cell) for cell in row])
    return rows


async def test_untick_a_row_then_import_the_rest_as_one_edit(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        preview = await paste(app, pilot, DRAFT)
        assert [row[1:] for row in cells(preview)] == [
            ["text", "14:02:00", "", "new", "v4.2 rollout completes"],
            ["text", "~14:05:00", "", "new", "First payment failures"],
            ["text", "14:07:00", "", "new", "CheckoutErrorRate alert fires"],
        ]
        await pilot.press("down", "space")
        assert [row[0] for row in cells(preview)] == ["✓", " ", "✓"]
        title = str(preview.query_one("#preview-title", Static).render())
        assert title.startswith("Import preview — 2 of 3 ticked")
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = app.screen.query_one("#events")
        assert descriptions(table) == ["v4.2 rollout completes", "CheckoutErrorRate alert fires"]  # type: ignore[arg-type]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.timeline == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(app.session.timeline) == 2


async def test_what_folds_into_an_event_already_there_is_shown_and_joins_it(
    tmp_path: Path, now: FakeNow
) -> None:
    session = Session(
        incident={"times": KeyTimes(impact_start=at(14, 0))},
        timeline=[Event(id="E1", at=at(14, 7), description="Error-rate alert fires")],
    )
    app = make_app(tmp_path, now, session)
    alerts = (SOURCES / "incident" / "alertmanager-webhooks.ndjson").read_text(encoding="utf-8")
    alerts = alerts.replace("2024-03-12", "2024-01-15")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        preview = await paste(app, pilot, alerts)
        assert [(row[1], row[2], row[4]) for row in cells(preview)] == [
            ("alertmanager", "14:07:00", "joins E1"),
            ("alertmanager", "14:09:30", "new"),
            ("alertmanager", "14:31:07", "new"),
        ]
        await pilot.press("ctrl+s")
        await pilot.pause()
        event = app.session.timeline[0]
        assert event.description == "Error-rate alert fires"
        assert [s.kind.value for s in event.sources] == ["alertmanager"]
        assert len(app.session.timeline) == 3
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
    assert load_session(app.path).timeline == app.session.timeline


async def test_pasting_it_again_adds_nothing(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await paste(app, pilot, DRAFT)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#events").focus()
        await pilot.press("v")
        app.screen.query_one(TextArea).text = DRAFT
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ImportPreview)
        assert len(app.session.timeline) == 3


async def test_control_characters_are_shown_not_sent_to_the_terminal(
    tmp_path: Path, now: FakeNow
) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        preview = await paste(app, pilot, "14:05 Deploy \x1b]52;c;aGk=\x07 [bold]v2[/bold]\n")
        assert cells(preview)[0][5] == "Deploy \\x1b]52;c;aGk=\\x07 [bold]v2[/bold]"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.timeline == []


async def test_nothing_ticked_imports_nothing(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        preview = await paste(app, pilot, DRAFT)
        await pilot.press("a")
        assert [row[0] for row in cells(preview)] == [" ", " ", " "]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ImportPreview)
        assert "Nothing is ticked" in str(preview.query_one("#preview-error").render())
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert len(app.session.timeline) == 3


async def test_at_80_columns_every_column_is_on_screen(tmp_path: Path, now: FakeNow) -> None:
    app = make_app(tmp_path, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        preview = await paste(app, pilot, DRAFT)
        table = preview.query_one("#preview-rows", DataTable)
        used = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert used <= table.scrollable_content_region.width  # nothing cut at the right edge
        assert "v4.2 rollout completes" in " ".join(screen_text(app).split())

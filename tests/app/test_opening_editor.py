"""The Opening pane edits the whole header from the keyboard, every change undoable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from agenda import load_session, save_session
from agenda.model import DocumentStatus, MeetingMode, Participant, Session, Severity
from facilitator.app import FacilitatorApp
from facilitator.dialogs.analysis_forms import PickDialog
from facilitator.dialogs.file_dialogs import ErrorDialog
from facilitator.dialogs.text_entry import TextEntry
from facilitator.widgets.header_fields import HeaderFields
from tests.app.support import SIZE, AppPilot, build_app, loaded, screen_text, settle


def make_app(tmp_path: Path, session: Session | None = None) -> FacilitatorApp:
    path = tmp_path / "s.toml"
    save_session(session or Session(meeting={"mode": MeetingMode.ASYNC}), path)
    return build_app(path)


def fields(app: FacilitatorApp) -> HeaderFields:
    return app.screen.query_one("#header-fields", HeaderFields)


async def go_to(pilot: AppPilot, app: FacilitatorApp, option_id: str) -> None:
    listed = fields(app)
    listed.focus()
    listed.highlighted = listed.get_option_index(option_id)
    await pilot.pause()


async def type_in(pilot: AppPilot, app: FacilitatorApp, option_id: str, text: str) -> None:
    await go_to(pilot, app, option_id)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TextEntry)
    entry = app.screen.query_one("#entry")
    if isinstance(entry, TextArea):
        entry.text = text
        await pilot.press("ctrl+s")
    else:
        assert isinstance(entry, Input)
        entry.value = text
        await pilot.press("enter")
    await pilot.pause()


async def pick(pilot: AppPilot, app: FacilitatorApp, option_id: str, value: str) -> None:
    await go_to(pilot, app, option_id)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PickDialog)
    choices = app.screen.query_one(OptionList)
    choices.highlighted = choices.get_option_index(value)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_opening_pane_opens_at_its_top_and_scrolls_back_from_the_keyboard(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        listed = fields(app)
        assert app.focused is listed and listed.scroll_y == 0
        assert "The incident" in screen_text(app) and "Title" in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert listed.scroll_y > 0 and "The incident" not in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert listed.scroll_y == 0 and "The incident" in screen_text(app)


async def test_every_header_field_is_typed_in_and_undone(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await type_in(pilot, app, "incident.title", "WAF regex [CPU] exhaustion")
        await type_in(pilot, app, "incident.services", "waf, edge-proxy")
        await type_in(pilot, app, "incident.summary", "A regex took every CPU.\nAll traffic 502.")
        await type_in(pilot, app, "incident.date", "02-07-2019")  # refused, and said why
        assert isinstance(app.screen, TextEntry)
        assert "YYYY-MM-DD" in screen_text(app)
        app.screen.query_one("#entry", Input).value = "2019-07-02"
        await pilot.press("enter")
        await pilot.pause()
        await pick(pilot, app, "incident.impact.sla_breached", "yes")
        incident = app.session.incident
        assert incident.title == "WAF regex [CPU] exhaustion"
        assert incident.services == ["waf", "edge-proxy"]
        assert incident.summary == "A regex took every CPU.\nAll traffic 502."
        assert incident.date == date(2019, 7, 2) and incident.impact.sla_breached is True
        assert "WAF regex [CPU] exhaustion" in screen_text(app)
        await pilot.press("ctrl+z")
        assert app.session.incident.impact.sla_breached is None
        await pilot.press("ctrl+s")
        await settle(app)
    assert load_session(app.path) == app.session


async def test_the_severity_shows_what_the_impact_answers_imply(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pick(pilot, app, "incident.severity", "SEV3")
        await pick(pilot, app, "incident.severity_answers.core_flow", "down")
        assert app.session.incident.severity is Severity.SEV3
        await go_to(pilot, app, "incident.severity")
        assert "⚠ the impact answers imply SEV1" in screen_text(app)
        await pick(pilot, app, "incident.severity", "SEV1")
        await go_to(pilot, app, "incident.severity")
        assert "✓ the impact answers imply SEV1" in screen_text(app)


async def test_final_is_refused_with_its_reasons(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pick(pilot, app, "incident.status", "in review")
        assert app.session.incident.status is DocumentStatus.IN_REVIEW
        await pick(pilot, app, "incident.status", "final")
        assert isinstance(app.screen, ErrorDialog)
        assert "summary" in screen_text(app).lower()
        assert app.session.incident.status is DocumentStatus.IN_REVIEW


async def test_participants_are_added_edited_moved_and_removed(tmp_path: Path) -> None:
    session = Session(meeting={"participants": [Participant(name="@ana", role="on-call")]})
    app = make_app(tmp_path, session)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        fields(app).focus()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#entry", Input).value = "@ben:incident commander"
        await pilot.press("enter")
        await pilot.pause()
        people = app.session.meeting.participants
        assert [(p.name, p.role) for p in people] == [
            ("@ana", "on-call"),
            ("@ben", "incident commander"),
        ]
        await type_in(pilot, app, "person:0", "@ana:SRE on-call")
        await go_to(pilot, app, "person:1")
        await pilot.press("alt+up")
        await pilot.pause()
        assert [p.name for p in app.session.meeting.participants] == ["@ben", "@ana"]
        await go_to(pilot, app, "person:1")
        await pilot.press("d")
        await pilot.pause()
        assert [p.name for p in app.session.meeting.participants] == ["@ben"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        people = app.session.meeting.participants
        assert [(p.name, p.role) for p in people] == [
            ("@ben", "incident commander"),
            ("@ana", "SRE on-call"),
        ]
        assert "SRE on-call" in screen_text(app)

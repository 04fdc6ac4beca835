"""The header edits: every field of the incident and the meeting record, the participants, and
undo for each."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.header import (
    HEADER_FIELDS,
    HeaderError,
    add_participant,
    edit_header,
    edit_participant,
    header_text,
    header_value,
    move_participant,
    parse_participant,
    remove_participant,
    set_header,
    set_mode,
)
from agenda.history import Edit, History
from agenda.model import MeetingMode, Session, Severity
from agenda.severity import CoreFlow


def done(session: Session, edit: Edit | None, history: History) -> None:
    assert edit is not None
    history.do(session, edit)


@pytest.mark.parametrize(
    ("path", "typed", "held"),
    [
        ("incident.title", "  Checkout errors after v3.2 ", "Checkout errors after v3.2"),
        ("incident.id", "INC-2019-0702", "INC-2019-0702"),
        ("incident.severity", "SEV1", Severity.SEV1),
        ("incident.services", "checkout, payments ,", ["checkout", "payments"]),
        ("incident.tags", "deployment", ["deployment"]),
        ("incident.summary", "Line one.\nLine two.", "Line one.\nLine two."),
        ("incident.impact.users", "All EU users", "All EU users"),
        ("incident.impact.duration", "27 minutes", "27 minutes"),
        ("incident.impact.revenue", "$12k", "$12k"),
        ("incident.impact.error_budget", "38% of the month", "38% of the month"),
        ("incident.impact.sla_breached", "yes", True),
        ("incident.trigger", "A regex in a WAF rule", "A regex in a WAF rule"),
        ("incident.detection", "Alerts at 13:45", "Alerts at 13:45"),
        ("incident.resolution", "Global kill of the WAF rules", "Global kill of the WAF rules"),
        ("incident.date", "2019-07-02", date(2019, 7, 2)),
        ("incident.time_zone", "Europe/Berlin", "Europe/Berlin"),
        ("incident.severity_answers.core_flow", "down", CoreFlow.DOWN),
        ("meeting.date", "2019-07-05", date(2019, 7, 5)),
        ("meeting.facilitator", "@sam", "@sam"),
        ("meeting.scribe", "@lee", "@lee"),
        ("meeting.mode", "async", MeetingMode.ASYNC),
    ],
)
def test_every_header_field_is_an_undoable_edit(path: str, typed: str, held: object) -> None:
    session, history = Session(), History()
    was = header_text(session, path)
    done(session, set_header(session, path, typed), history)
    assert header_value(session, path) == held
    history.undo(session)
    assert header_text(session, path) == was
    history.redo(session)
    assert header_value(session, path) == held


def test_the_editor_lists_every_field_the_header_holds() -> None:
    paths = {field.path for field in HEADER_FIELDS}
    for name in ("title", "id", "severity", "services", "tags", "summary", "trigger"):
        assert f"incident.{name}" in paths
    for name in ("detection", "resolution", "date", "time_zone"):
        assert f"incident.{name}" in paths
    for name in ("users", "duration", "revenue", "error_budget", "sla_breached"):
        assert f"incident.impact.{name}" in paths
    for name in ("date", "facilitator", "scribe", "mode"):
        assert f"meeting.{name}" in paths


@pytest.mark.parametrize(
    ("path", "typed", "says"),
    [
        ("incident.date", "2 July", "Incident date"),
        ("incident.time_zone", "Mars/Olympus", "not a time zone"),
        ("incident.severity", "SEV9", "Severity"),
        ("incident.impact.sla_breached", "maybe", "SLA breached"),
        ("incident.title", "  ", "needs a title"),
        ("incident.status", "final", "own rule"),
        ("incident.times", "x", "marked on events"),
        ("meeting.nonsense", "x", "not a header field"),
    ],
)
def test_a_value_that_cannot_be_taken_names_the_field(path: str, typed: str, says: str) -> None:
    session = Session()
    with pytest.raises(HeaderError, match=says):
        set_header(session, path, typed)
    assert session == Session()


def test_a_form_is_one_edit_and_an_unchanged_form_none() -> None:
    session, history = Session(), History()
    form = {"incident.title": "Cloudflare outage", "incident.summary": "CPU exhaustion."}
    edit = edit_header(session, form)
    assert edit is not None and edit.label == "edit 2 header fields"
    history.do(session, edit)
    assert edit_header(session, form) is None
    history.undo(session)
    assert session == Session()


def test_clearing_a_date_and_a_flag_unsets_them() -> None:
    session = Session()
    set_header(session, "incident.date", "2019-07-02").apply(session)  # type: ignore[union-attr]
    set_header(session, "incident.impact.sla_breached", "no").apply(session)  # type: ignore[union-attr]
    edit = edit_header(session, {"incident.date": "", "incident.impact.sla_breached": ""})
    assert edit is not None
    edit.apply(session)
    assert session.incident.date is None and session.incident.impact.sla_breached is None


def test_switching_to_async_and_back() -> None:
    session, history = Session(), History()
    done(session, set_mode(session, MeetingMode.ASYNC), history)
    modes = [session.meeting.mode]
    history.undo(session)
    modes.append(session.meeting.mode)
    assert modes == [MeetingMode.ASYNC, MeetingMode.LIVE]


def test_participants_are_added_edited_moved_and_removed_undoably() -> None:
    session, history = Session(), History()
    done(session, add_participant(session, "@ana", "on-call"), history)
    done(session, add_participant(session, "@bob", "IC"), history)
    done(session, add_participant(session, "@cy", "", at=0), history)
    assert [p.name for p in session.meeting.participants] == ["@cy", "@ana", "@bob"]
    done(session, edit_participant(session, 0, "@cyd", "scribe"), history)
    done(session, move_participant(session, 0, 2), history)
    assert [(p.name, p.role) for p in session.meeting.participants] == [
        ("@ana", "on-call"),
        ("@bob", "IC"),
        ("@cyd", "scribe"),
    ]
    done(session, remove_participant(session, 1), history)
    assert [p.name for p in session.meeting.participants] == ["@ana", "@cyd"]
    for _ in range(6):
        history.undo(session)
    assert session.meeting.participants == []


@pytest.mark.parametrize(
    ("name", "says"), [("", "needs a name"), ("@ANA", "already a participant")]
)
def test_a_participant_needs_a_name_of_their_own(name: str, says: str) -> None:
    session = Session()
    add_participant(session, "@ana").apply(session)
    with pytest.raises(HeaderError, match=says):
        add_participant(session, name)


def test_a_participant_is_written_name_colon_role() -> None:
    assert parse_participant("@ana:on-call") == ("@ana", "on-call")
    assert parse_participant("@ana") == ("@ana", "")

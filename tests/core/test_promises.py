"""Last time's promises: earlier postmortems in the folder sharing a service or tag, their open
and overdue actions, and the closing checklist's "previous actions completed?"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from agenda import load_session, save_session
from agenda.checks.checklist import checklist
from agenda.model import Session
from agenda.promises import folder_scan, previous_actions
from agenda.vocabulary import ActionStatus
from tests.helpers import SAMPLES

TODAY = date(2024, 3, 20)
NPE, POOL, INDEX = (load_session(p) for p in SAMPLES)  # checkout-npe, connection-pool, index


def folder_with_samples(tmp_path: Path) -> Path:
    for sample in SAMPLES:
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    return tmp_path


def new_session(**incident: object) -> Session:
    return Session.model_validate({"incident": incident})


def test_an_undated_new_session_sees_every_related_open_action(tmp_path: Path) -> None:
    here = folder_with_samples(tmp_path) / "new.toml"
    session = new_session(services=["Payment-Service"])
    found = previous_actions(folder_scan(here), session, TODAY)
    expected = {(s.incident.id, a.id) for s in (NPE, POOL) for a in s.actions if a.status.is_open}
    assert {(p.action.session.id, p.action.id) for p in found.promises} == expected
    assert found.sessions == 2 and found.total == len(NPE.actions) + len(POOL.actions)
    assert all(p.shared == ("Payment-Service",) for p in found.promises)
    days = [p.overdue_days for p in found.promises]
    assert days == sorted(days, reverse=True) and days[0] > 0
    assert found.overdue == sum(
        1
        for s in (NPE, POOL)
        for a in s.actions
        if a.status.is_open and a.due is not None and a.due < TODAY
    )


def test_only_earlier_postmortems_count(tmp_path: Path) -> None:
    folder = folder_with_samples(tmp_path)
    found = previous_actions(folder_scan(folder / SAMPLES[1].name), POOL, TODAY)
    # It shares "deployment" with both others; only checkout-npe happened before it.
    assert {p.action.session.id for p in found.promises} == {NPE.incident.id}
    assert found.sessions == 1


def test_the_incident_date_decides_what_is_earlier(tmp_path: Path) -> None:
    """Dated by `new --date` and no key time marked yet: the incident's date, not the meeting's,
    says which postmortems came before it."""
    folder = folder_with_samples(tmp_path)
    session = new_session(services=["Payment-Service"], date="2023-11-16")
    session.meeting.date = TODAY
    found = previous_actions(folder_scan(folder / "new.toml"), session, TODAY)
    assert {p.action.session.id for p in found.promises} == {NPE.incident.id}


def test_the_session_itself_and_copies_of_it_are_left_out(tmp_path: Path) -> None:
    folder = folder_with_samples(tmp_path)
    (folder / "copy.toml").write_bytes(SAMPLES[2].read_bytes())
    found = previous_actions(folder_scan(folder / SAMPLES[2].name), INDEX, TODAY)
    assert INDEX.incident.id not in {p.action.session.id for p in found.promises}
    assert found.sessions == 2


def test_subfolders_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "npe.toml").write_bytes(SAMPLES[0].read_bytes())
    found = previous_actions(
        folder_scan(tmp_path / "new.toml"), new_session(tags=["deployment"]), TODAY
    )
    assert found.sessions == 0 and found.completed is None


def test_the_checklist_answers_previous_actions_from_them(tmp_path: Path) -> None:
    folder = folder_with_samples(tmp_path)
    session = new_session(services=["checkout"])
    previous = previous_actions(folder_scan(folder / "new.toml"), session, TODAY)
    item = next(i for i in checklist(session, previous) if i.key == "previous")
    assert item.answer is False and "5 of 6 action(s)" in item.note
    assert "overdue" in item.note

    npe = NPE.model_copy(deep=True)
    for action in npe.actions:
        action.status = ActionStatus.DONE
    npe.actions[0].status = ActionStatus.WONT_DO
    save_session(npe, folder / SAMPLES[0].name)
    previous = previous_actions(folder_scan(folder / "new.toml"), session, TODAY)
    item = next(i for i in checklist(session, previous) if i.key == "previous")
    assert item.answer is True and previous.total == 5

    unrelated = new_session(services=["search"])
    previous = previous_actions(folder_scan(folder / "new.toml"), unrelated, TODAY)
    item = next(i for i in checklist(unrelated, previous) if i.key == "previous")
    assert item.answer is None and not item.done
    assert next(i for i in checklist(session) if i.key == "previous").answer is None

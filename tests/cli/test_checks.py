"""The guidance rules over whole sessions, secrets and redaction, and `facilitator check`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from agenda import load_session, save_session
from agenda.checks import Severity, run_checks
from agenda.checks.secrets import REDACTED, find_secrets, redact, redact_session
from agenda.model import Action, Dissent, DocumentStatus, Event, Factor, KeyTimes, Session
from facilitator.cli import main
from tests.helpers import SAMPLES

TODAY = date(2024, 3, 20)
T0 = datetime(2024, 3, 12, 14, 0, tzinfo=UTC)

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
GITHUB_TOKEN = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu\n"
    "-----END RSA PRIVATE KEY-----"
)
URL_WITH_PASSWORD = "postgres://admin:hunter2@db.internal:5432/app"


def rules_of(session: Session) -> set[tuple[str, str]]:
    return {(f.rule, f.item) for f in run_checks(session, today=TODAY)}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_samples_have_no_error_findings(sample: Path) -> None:
    findings = run_checks(load_session(sample), today=TODAY)
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def test_every_finding_carries_an_item_a_message_and_a_suggestion() -> None:
    session = Session(actions=[Action(id="A1", title="Improve monitoring")])
    for finding in run_checks(session, today=TODAY):
        assert finding.item and finding.message and finding.suggestion
        assert "\n" not in finding.message + finding.suggestion


def test_action_rules() -> None:
    session = Session(
        meeting={"participants": [{"name": "@alice"}]},
        analysis={"factors": [Factor(id="F1", title="No timeout on migrations")]},
        actions=[
            Action(id="A1", title="Improve monitoring", owner="SRE team"),
            Action(id="A2", title="Add a 30 s statement timeout to migrations", owner=""),
            Action(
                id="A3",
                title="Add a 30 s statement timeout to migrations",
                owner="@alice",
                due=date(2024, 3, 1),
                factors=["F1"],
                ticket="ENG-1",
            ),
        ],
    )
    found = rules_of(session)
    assert ("vague-action", "action:A1") in found
    assert ("action-owner", "action:A1") in found
    assert ("action-owner", "action:A2") in found
    assert ("action-due", "action:A1") in found
    assert ("action-factor", "action:A1") in found
    assert ("action-ticket", "action:A2") in found
    assert ("action-overdue", "action:A3") in found
    assert {rule for rule, item in found if item == "action:A3"} == {"action-overdue"}
    severities = {(f.rule, f.item): f.severity for f in run_checks(session, today=TODAY)}
    assert severities[("action-owner", "action:A2")] is Severity.ERROR
    assert severities[("action-ticket", "action:A2")] is Severity.INFO


def test_analysis_rules() -> None:
    failing = [
        Event(id=f"E{i}", at=T0 + timedelta(minutes=i), description=text)
        for i, text in enumerate(["Queries time out", "Error rate 8%", "Alert fires"], start=1)
    ]
    session = Session(
        timeline=failing,
        analysis={
            "factors": [Factor(id="F1", title="Root cause: human error")],
            "whys": [
                {"id": "W1", "question": "Checkout failed"},
                {"id": "W2", "parent": "W1", "answer": "The engineer ran the wrong command"},
            ],
        },
    )
    found = rules_of(session)
    assert ("single-cause", "factor:F1") in found
    assert ("factor-without-action", "factor:F1") in found
    assert ("human-error-conclusion", "factor:F1") in found
    assert ("why-ends-at-person", "why:W2") in found
    assert ("no-factors", "session") in rules_of(Session())


def test_timeline_rules() -> None:
    session = Session(
        incident={"times": KeyTimes(impact_start=T0, detected=T0 - timedelta(minutes=5))},
        timeline=[
            Event(id="E1", at=T0, description="a"),
            Event(id="E2", at=T0 + timedelta(minutes=25), description="b"),
        ],
    )
    found = rules_of(session)
    assert ("timeline-gap", "event:E1") in found
    assert ("key-times-order", "session") in found
    assert ("key-times-missing", "session") in rules_of(Session())


def test_meeting_rules_at_closing() -> None:
    session = Session(
        incident={"status": "in review"},
        dissent=[Dissent(id="D1", view="It was the vendor", status="open")],
        analysis={"parking_lot": [{"id": "P1", "text": "Rewrite the ORM?"}]},
        meeting={
            "phases": [
                {
                    "phase": "timeline",
                    "started": T0,
                    "ended": T0 + timedelta(minutes=31),
                }
            ]
        },
    )
    found = rules_of(session)
    assert ("open-dissent", "dissent:D1") in found
    assert ("parking-lot", "parking:P1") in found
    assert ("phase-overrun", "session") in found
    session.incident.status = "draft"  # type: ignore[assignment]
    assert ("open-dissent", "dissent:D1") not in rules_of(session)


def test_blameful_language_is_found_in_every_kind_of_field() -> None:
    session = Session(
        timeline=[Event(id="E1", at=T0, description="The engineer failed to check the lock")],
        analysis={"went_poorly": ["On-call forgot the runbook"]},
        actions=[Action(id="A1", title="Be more careful with migrations", owner="@a")],
    )
    findings = [f for f in run_checks(session, today=TODAY) if f.rule == "blameful-language"]
    assert {f.item for f in findings} == {"event:E1", "session", "action:A1"}
    event = next(f for f in findings if f.item == "event:E1")
    assert event.suggestion == 'Write instead: "At 14:00, available information indicated…"'


# ---- secrets ---------------------------------------------------------------------------------

SECRETS = [
    (f"leaked key {AWS_KEY} in the deploy log", AWS_KEY),
    (f"token {GITHUB_TOKEN} pasted in chat", GITHUB_TOKEN),
    (f"connection string {URL_WITH_PASSWORD}", "hunter2"),
    (PRIVATE_KEY, "MIIEowIBAAKCAQEA1c7"),
    ("curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789'", "abcdefghijklmnop"),
    ("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "XXXXXXXX"),
    ("Server=db;Database=app;User Id=sa;Password=Sup3rS3cret;", "Sup3rS3cret"),
    ("webhook https://example.com/hook?token=9f8e7d6c5b4a3f2e1d0c", "9f8e7d6c5b4a3f2e1d0c"),
]

NOT_SECRETS = [
    "The password rotation job failed to run",
    "We rotated the API key at 14:05",
    "the token bucket limiter dropped requests",
    "commit 3f2a9c1b7e4d5a6b8c9d0e1f2a3b4c5d6e7f8a9b broke the build",
    "request id 6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b failed",
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity",
]


@pytest.mark.parametrize(("text", "secret"), SECRETS)
def test_secrets_are_found_and_redacted(text: str, secret: str) -> None:
    assert find_secrets(text)
    cleaned = redact(text)
    assert secret not in cleaned and REDACTED in cleaned


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_postmortem_prose_is_not_a_secret(text: str) -> None:
    assert find_secrets(text) == []


def test_redact_session_leaves_the_original_alone() -> None:
    session = Session(timeline=[Event(id="E1", at=T0, description=f"key {AWS_KEY}")])
    cleaned = redact_session(session)
    assert cleaned.timeline[0].description == f"key {REDACTED}"
    assert session.timeline[0].description == f"key {AWS_KEY}"


# ---- facilitator check / export ---------------------------------------------------------------


def write_session(path: Path, session: Session) -> Path:
    save_session(session, path)
    return path


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *map(str, SAMPLES)]) == 0
    warned = write_session(
        tmp_path / "w.toml", Session(actions=[Action(id="A1", title="x", owner="@a")])
    )
    assert main(["check", str(warned)]) == 0
    assert main(["check", "--strict", str(warned)]) == 1
    errored = write_session(tmp_path / "e.toml", Session(actions=[Action(id="A1", title="x")]))
    assert main(["check", str(errored)]) == 1
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\n[incident\n", encoding="utf-8")
    assert main(["check", str(warned), str(broken)]) == 2
    assert "broken.toml: line 2" in capsys.readouterr().err


def test_check_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_session(tmp_path / "e.toml", Session(actions=[Action(id="A1", title="x")]))
    capsys.readouterr()
    main(["check", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert (
        f"{path}: error action-owner action:A1: no owner: unassigned action items never get "
        "done — Assign one person (not a team)" in lines
    )


def test_check_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_session(tmp_path / "e.toml", Session(actions=[Action(id="A1", title="x")]))
    capsys.readouterr()
    main(["check", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    assert {"file", "rule", "severity", "item", "message", "suggestion"} <= set(report[0])
    assert {"file": str(path), "rule": "action-owner", "severity": "error"}.items() <= next(
        r for r in report if r["rule"] == "action-owner"
    ).items()


def leaky(tmp_path: Path) -> Path:
    return write_session(
        tmp_path / "leak.toml",
        Session(
            timeline=[
                Event(id="E1", at=T0, description=f"AWS key {AWS_KEY} in the log"),
                Event(id="E2", at=T0, description=f"GitHub token {GITHUB_TOKEN} in chat"),
                Event(id="E3", at=T0, description=f"DB URL {URL_WITH_PASSWORD}"),
            ],
            analysis={"lessons": [PRIVATE_KEY]},
        ),
    )


def test_export_refuses_secrets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = leaky(tmp_path)
    assert main(["export", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "event:E1 description" in captured.err and "--redact" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_export_redact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = leaky(tmp_path)
    before = path.read_bytes()
    assert main(["export", "--redact", str(path)]) == 0
    document = capsys.readouterr().out
    for secret in (AWS_KEY, GITHUB_TOKEN, "hunter2", "MIIEowIBAAKCAQEA1c7"):
        assert secret not in document
    assert document.count(REDACTED.replace("[", "\\[").replace("]", "\\]")) >= 4
    assert path.read_bytes() == before


def test_export_allow_secrets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--allow-secrets", str(leaky(tmp_path))]) == 0
    assert AWS_KEY in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"GH_TOKEN={GITHUB_TOKEN}", "GH_TOKEN=[REDACTED]"),
        (
            "postgres://app:pass@db/pay; the password check passed",
            "postgres://app:[REDACTED]@db/pay; the password check passed",
        ),
        (
            "mysql://root:root@db-1/app and the root user",
            "mysql://root:[REDACTED]@db-1/app and the root user",
        ),
        ("redis://:mypassword123@cache:6379", "redis://:[REDACTED]@cache:6379"),
        ("password: hunter2", "password: [REDACTED]"),
        (f"key {AWS_KEY}, again {AWS_KEY}", "key [REDACTED], again [REDACTED]"),
    ],
)
def test_redaction_takes_the_whole_secret_and_nothing_else(text: str, expected: str) -> None:
    assert redact(text) == expected


def blameful(tmp_path: Path) -> Path:
    return write_session(
        tmp_path / "blame.toml",
        Session(
            timeline=[
                Event(
                    id="E1", at=T0, description="The technician accidentally unplugged the array."
                ),
                Event(id="E2", at=T0, description="It was not his fault: the labels were swapped."),
            ],
            actions=[Action(id="A1", title="Evaluate our CDN options", owner="@a")],
        ),
    )


def test_check_json_gives_a_confidence_where_the_check_is_not_certain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = blameful(tmp_path)
    capsys.readouterr()
    main(["check", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    by_rule = {(r["rule"], r["item"]): r for r in report}
    blame = by_rule[("blameful-language", "event:E1")]
    assert 0.5 < blame["confidence"] <= 1
    assert blame["message"].startswith('"accidentally"')
    assert blame["suggestion"] == 'Write instead: "At 14:00, available information indicated…"'
    assert 0.5 < by_rule[("vague-action", "action:A1")]["confidence"] <= 1
    assert ("blameful-language", "event:E2") not in by_rule
    assert "confidence" not in by_rule[("action-ticket", "action:A1")]
    assert all("explanation" not in r for r in report)


def test_check_explain_says_why_a_sentence_was_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = blameful(tmp_path)
    capsys.readouterr()
    assert main(["check", "--explain", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    flagged = next(i for i, line in enumerate(out) if "blameful-language event:E1" in line)
    assert out[flagged + 1].startswith("    why (confidence ")
    assert 'rule fault-adverb: "accidentally" (about a person)' in out[flagged + 2]
    assert "strongest features:" in "\n".join(out[flagged + 2 : flagged + 5])
    main(["check", "--explain", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    blame = next(r for r in report if r["rule"] == "blameful-language")
    assert any("fault-adverb" in line for line in blame["explanation"])


def test_check_as_of_changes_what_is_overdue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = load_session(SAMPLES[0])
    session.incident.status = DocumentStatus.IN_REVIEW
    path = write_session(tmp_path / "s.toml", session)
    due = sorted(a.due for a in session.actions if a.due and a.status.is_open)
    main(["check", str(path), "--as-of", (due[0] - timedelta(days=1)).isoformat()])
    before = capsys.readouterr().out
    main(["check", str(path), "--as-of", (due[-1] + timedelta(days=1)).isoformat()])
    after = capsys.readouterr().out
    assert "action-overdue" not in before
    assert after.count("action-overdue") == len(due)


def test_check_of_a_final_document_is_as_of_its_follow_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = load_session(SAMPLES[0])
    session.incident.status = DocumentStatus.FINAL
    session.meeting.follow_up = min(a.due for a in session.actions if a.due)
    path = write_session(tmp_path / "s.toml", session)
    main(["check", str(path)])
    assert "action-overdue" not in capsys.readouterr().out


def test_check_in_review_with_an_empty_summary_names_it_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = load_session(SAMPLES[0])
    session.incident.status = DocumentStatus.IN_REVIEW
    session.incident.summary = ""
    path = write_session(tmp_path / "s.toml", session)
    assert main(["check", str(path)]) == 1
    assert "error incomplete session: in review with no summary" in capsys.readouterr().out

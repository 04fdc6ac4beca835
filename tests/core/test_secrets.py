"""Nothing leaks: the detectors the scanner missed, every string of the session scanned and
redacted, and detect-secrets kept off the hot path."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from typing import Any

import pytest

from agenda.checks import run_checks
from agenda.checks.secret_patterns import PATTERNS, PLUGINS
from agenda.checks.secrets import REDACTED, find_secrets, redact, redact_session, worth_scanning
from agenda.model import Action, Dissent, Event, Participant, Session
from agenda.publish import secrets_in

T0 = datetime(2024, 1, 15, 14, 0, tzinfo=UTC)
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
PAT = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678"

MISSED_BEFORE = [
    (f"aws_secret_access_key = {AWS_SECRET}", AWS_SECRET),
    (f"AKIAIOSFODNN7EXAMPLE {AWS_SECRET}", AWS_SECRET),
    (f"the AWS creds were in the log: {AWS_SECRET}", AWS_SECRET),
    (f"pushed with {PAT}", PAT),
    ("ran mysql -u root -pS3cretPw appdb on the primary", "S3cretPw"),
    ("maps key AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY in the bundle", "AIzaSyD-9tSrke72Pou"),
    ("npm_abcdefghijklmnopqrstuvwxyz0123456789 was in .npmrc", "npm_abcdefghijkl"),
]


@pytest.mark.parametrize(("text", "secret"), MISSED_BEFORE)
def test_the_detectors_that_were_missing_find_and_redact(text: str, secret: str) -> None:
    assert find_secrets(text)
    assert secret not in redact(text) and REDACTED in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "commit 3f2a9c1b7e4d5a6b8c9d0e1f2a3b4c5d6e7f8a9b rolled out to aws us-east-1",
        "mysql -u root -P 3306 -p appdb (it asked for the password)",
        "the npm_install step failed",
    ],
)
def test_near_misses_are_not_secrets(text: str) -> None:
    assert find_secrets(text) == []


def test_the_mysql_redaction_keeps_the_flag() -> None:
    assert redact("mysql -u root -pS3cretPw appdb") == "mysql -u root -p[REDACTED] appdb"


# ---- every field -----------------------------------------------------------------------------

GHP = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def leaky_everywhere() -> Session:
    return Session(
        incident={"id": f"INC {GHP}", "services": [f"svc {AWS_SECRET} aws"], "tags": [PAT]},
        meeting={
            "facilitator": f"password={'x' * 6}hunter",
            "participants": [Participant(name=f"@a {GHP}", role=f"role {PAT}")],
        },
        timeline=[Event(id="E1", at=T0, description="fine")],
        dissent=[Dissent(id="D1", view="v", holder=f"holder {GHP}")],
        actions=[Action(id="A1", title="t", owner=f"owner {PAT}", due=date(2024, 2, 1))],
    )


def test_every_string_of_the_session_is_scanned() -> None:
    fields = {found.field.field for found in secrets_in(leaky_everywhere())}
    assert {
        "incident.id",
        "incident.services[0]",
        "incident.tags[0]",
        "meeting.facilitator",
        "meeting.participants[0].name",
        "meeting.participants[0].role",
        "holder",
        "owner",
    } <= fields
    findings = run_checks(leaky_everywhere(), today=date(2024, 1, 20))
    assert {f.item for f in findings if f.rule == "secret"} >= {
        "session",
        "dissent:D1",
        "action:A1",
    }


def test_redact_covers_every_string() -> None:
    cleaned = redact_session(leaky_everywhere())
    dumped = str(cleaned.model_dump())
    for secret in (GHP, PAT, AWS_SECRET, "xxxxxxhunter"):
        assert secret not in dumped
    assert secrets_in(cleaned) == []


def test_the_batch_prefilter_keeps_every_text_with_a_secret() -> None:
    texts = [text for text, _ in MISSED_BEFORE]
    texts += ["prose", "", "Émile’s token=abc123xyz", f"line one\npassword: {'x' * 8}", GHP, "ok"]
    texts += ["pg_stat_activity rolled back", "ΑΒΓ K\u212aEY=abcdef1234"]
    kept = worth_scanning(texts)
    assert kept == sorted(set(kept))
    assert {index for index, text in enumerate(texts) if find_secrets(text)} <= set(kept)
    assert texts.index("prose") not in kept  # no clue word, no long token
    assert worth_scanning([]) == []


# ---- detect-secrets stays off the hot path ------------------------------------------------------


def built_by_detect_secrets() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The plugin names and patterns as agenda/checks/secret_patterns.py should hold them."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.keyword import DENYLIST

    skipped = {"Base64HighEntropyString", "HexHighEntropyString", "IPPublicDetector"}
    mapping: dict[str, type[Any]] = get_mapping_from_secret_type_to_class()
    classes = [c for c in mapping.values() if c.__name__ not in skipped]
    sources = [r"-----BEGIN", r"://[^/\s:@]+:[^@\s]+@", *(rf"(?i:{w})" for w in DENYLIST)]
    for plugin in classes:
        if issubclass(plugin, RegexBasedDetector):
            sources += [pattern.pattern for pattern in plugin().denylist]
    return tuple(c.__name__ for c in classes), tuple(sources)


def test_the_shipped_prefilter_is_what_detect_secrets_would_build() -> None:
    plugins, patterns = built_by_detect_secrets()
    assert plugins == PLUGINS, f"PLUGINS = {plugins!r}"
    assert patterns == PATTERNS, f"PATTERNS = {patterns!r}"


def test_detect_secrets_is_imported_only_when_the_prefilter_matches() -> None:
    code = """
import sys
from agenda.checks.secrets import find_secrets
for text in ["Checkout errors after deploy v3.2.1-hotfix-payments", "a" * 100, "rolled back"]:
    assert find_secrets(text) == []
assert "detect_secrets" not in sys.modules, "imported for prose"
assert find_secrets("Slack hook https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXX")
assert "detect_secrets" in sys.modules
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

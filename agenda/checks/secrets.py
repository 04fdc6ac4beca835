"""Provides secret detection and redaction, built on Yelp's detect-secrets provider plugins.

The entropy plugins are left out: postmortem prose is full of commit SHAs, request ids and UUIDs,
and on a 5,000-line timeline they raised 25,041 false alarms. So is the public-IP plugin: an
address in a timeline is evidence, not a credential. Every text first goes through one combined
regex of the plugins' own patterns, so the full scan runs only on the few lines that could hold a
secret; that keeps a 5,000-event session's scan well under its load time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from agenda.model import Session

REDACTED = "[REDACTED]"

_SKIPPED_PLUGINS = {"Base64HighEntropyString", "HexHighEntropyString", "IPPublicDetector"}

_PRIVATE_KEY_BLOCK = re.compile(
    r"-----BEGIN[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"
    r".*?(?:-----END[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\Z)",
    re.DOTALL,
)
_URL_SECRET_PARAM = re.compile(
    r"(?i)[?&](?:token|access_token|api_key|apikey|key|secret|sig|signature|password|"
    r"client_secret)=([^&\s#'\"]{8,})"
)
_BEARER = re.compile(r"(?i)\bbearer\s+([A-Za-z0-9\-._~+/]{20,}=*)")
_CONNECTION_PASSWORD = re.compile(r"(?i)\b(?:password|passwd|pwd)\s*[=:]\s*([^;\s'\",]{4,})")
_URL_CREDENTIALS = re.compile(r"://[^\s/:@]*:([^\s@/]{3,})@")
_QUICK = re.compile(
    r"[a-z0-9+/=_\-]{16,}|-----begin|://[^\s/:@]*:[^\s@]+@|"
    r"(?:pass|pwd|secret|token|key|auth|cred|bearer)[\w\-\"']*\s*[:=]"
)
"""Something every secret we look for has (a long token, a key block, a credentialled URL, a
keyword assigned a value): most prose fails this cheap test, run on the lowercased text, and is
not scanned further."""

_OWN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Secret in a URL", _URL_SECRET_PARAM),
    ("Bearer token", _BEARER),
    ("Password in a connection string", _CONNECTION_PASSWORD),
    ("Credentials in a URL", _URL_CREDENTIALS),
)


@dataclass(frozen=True)
class Secret:
    """A secret found in a text: what kind, and where it is (the characters to redact)."""

    kind: str
    start: int
    end: int
    value: str


_TOKEN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.~")


def _whole_token(line: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match to the whole token around it: detect-secrets reports only "ghp" for a
    GitHub token, and a redaction that stopped there would publish the rest."""
    while start > 0 and line[start - 1] in _TOKEN:
        start -= 1
    while end < len(line) and (line[end] in _TOKEN or line[end] == "="):
        end += 1
    return start, end


def _locate(line: str, value: str) -> list[tuple[int, int]]:
    """Where a reported value sits in its line: every occurrence that is a token of its own
    ("pass" in "app:pass@db", not in "password"), else the first one, widened."""
    candidates = []
    position = line.find(value)
    while position != -1:
        candidates.append(_whole_token(line, position, position + len(value)))
        position = line.find(value, position + 1)
    exact = [c for c in candidates if c[1] - c[0] == len(value)]
    if len(exact) > 1 and len(value) < 12 and value.isalpha():
        return exact[:1]  # "root" in "root:root@db" is a secret; the root user is prose
    return exact or candidates[:1]


@cache
def _plugins() -> tuple[list[dict[str, str]], re.Pattern[str]]:
    """The detect-secrets plugins to use, and one regex that any of them could match."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.keyword import DENYLIST

    mapping: dict[str, type[Any]] = get_mapping_from_secret_type_to_class()
    classes = [c for c in mapping.values() if c.__name__ not in _SKIPPED_PLUGINS]
    sources = [r"-----BEGIN", r"://[^/\s:@]+:[^@\s]+@"]
    sources += [rf"(?i:{word})" for word in DENYLIST]
    for plugin in classes:
        if issubclass(plugin, RegexBasedDetector):
            sources += [pattern.pattern for pattern in plugin().denylist]
    return [{"name": c.__name__} for c in classes], re.compile(
        "|".join(f"(?:{s})" for s in sources)
    )


def _scan(line: str) -> Iterator[Any]:
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import transient_settings

    plugins, _ = _plugins()
    with transient_settings({"plugins_used": plugins}):
        yield from scan_line(line)


def find_secrets(text: str) -> list[Secret]:
    """The secrets in a text, with their places; overlapping finds are merged."""
    if not text or not _QUICK.search(text.lower()):
        return []
    spans: list[tuple[int, int, str]] = []
    for block in _PRIVATE_KEY_BLOCK.finditer(text):
        spans.append((*block.span(), "Private key"))
    for kind, pattern in _OWN_PATTERNS:
        for match in pattern.finditer(text):
            spans.append((*_whole_token(text, *match.span(1)), kind))
    _, prefilter = _plugins()
    if prefilter.search(text):
        offset = 0
        for line in text.splitlines(keepends=True):
            if prefilter.search(line):
                for secret in _scan(line.rstrip("\r\n")):
                    value = secret.secret_value or ""
                    for start, end in _locate(line, value) if value else []:
                        spans.append((start + offset, end + offset, secret.type))
            offset += len(line)
    merged: list[Secret] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1].end:
            last = merged[-1]
            end = max(end, last.end)
            merged[-1] = Secret(last.kind, last.start, end, text[last.start : end])
        else:
            merged.append(Secret(kind, start, end, text[start:end]))
    return merged


def redact(text: str, secrets: list[Secret] | None = None) -> str:
    """The text with each secret replaced by [REDACTED], and nothing else touched."""
    for secret in sorted(
        secrets if secrets is not None else find_secrets(text), key=lambda s: -s.start
    ):
        text = text[: secret.start] + REDACTED + text[secret.end :]
    return text


def redact_session(session: Session) -> Session:
    """A copy of the session with every secret in every text replaced by [REDACTED]."""

    def clean(value: object) -> object:
        if isinstance(value, str):
            return redact(value)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return Session.model_validate(clean(session.model_dump()))

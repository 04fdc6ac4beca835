"""Provides secret detection and redaction, built on Yelp's detect-secrets provider plugins.

The entropy plugins are left out: postmortem prose is full of commit SHAs, request ids and UUIDs,
and on a 5,000-line timeline they raised 25,041 false alarms. So is the public-IP plugin: an
address in a timeline is evidence, not a credential. Every text first goes through one combined
regex of the plugins' own patterns (kept as data in secret_patterns.py), so detect-secrets is
imported and run only for the few lines that could hold a secret; that keeps a 5,000-event
session's scan well under its load time. Our own patterns cover what the plugins miss: an AWS
secret access key written bare or unquoted, fine-grained GitHub tokens, Google API keys, npm
tokens, ``mysql -p…`` passwords, bearer tokens and credentials in URLs and connection strings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate
from typing import Any

from agenda.checks.secret_patterns import PATTERNS, PLUGINS
from agenda.model import Session

REDACTED = "[REDACTED]"


class _Lazy:
    """A regex compiled on first use: only a text that passes the cheap tests below
    (`_worth_scanning`) is searched with it, and compiling them all was 2 ms of every check."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source, self.flags)


_PRIVATE_KEY_BLOCK = _Lazy(
    r"-----BEGIN[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"
    r".*?(?:-----END[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\Z)",
    re.DOTALL,
)
_URL_SECRET_PARAM = _Lazy(
    r"(?i)[?&](?:token|access_token|api_key|apikey|key|secret|sig|signature|password|"
    r"client_secret)=([^&\s#'\"]{8,})"
)
_BEARER = _Lazy(r"(?i)\bbearer\s+([A-Za-z0-9\-._~+/]{20,}=*)")
_CONNECTION_PASSWORD = _Lazy(r"(?i)\b(?:password|passwd|pwd)\s*[=:]\s*([^;\s'\",]{4,})")
_URL_CREDENTIALS = _Lazy(r"://[^\s/:@]*:([^\s@/]{3,})@")
_AWS_SECRET = _Lazy(
    r"(?i)aws_?secret_?(?:access_?)?key\W{0,4}\s*[=:]\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"
)
_AWS_CONTEXT = _Lazy(r"(?i)\baws|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|secret.?(?:access.?)?key")
_BARE_40 = _Lazy(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_GITHUB_PAT = _Lazy(r"\bgithub_pat_[A-Za-z0-9_]{22,255}")
_GOOGLE_KEY = _Lazy(r"\bAIza[0-9A-Za-z_\-]{35}")
_NPM_TOKEN = _Lazy(r"\bnpm_[A-Za-z0-9]{36}\b")
_MYSQL_PASSWORD = _Lazy(
    r"(?i:\b(?:mysql|mysqldump|mysqladmin|mysqlsh|mariadb)\b)[^\n]*?\s-p([^\s\"'-][^\s\"']*)"
)
_LONG_TOKEN = re.compile(r"(?<![A-Za-z0-9+/=_\-])(?=[A-Za-z0-9+/=_\-]{16})[a-z+/=_\-]*+[A-Z0-9]")
"""A run of 16 or more token characters with a digit or a capital in it. A long all-lowercase
word (``pg_stat_activity``, ``database-migration-runner``) is an identifier, not a random
token: 36 random characters without a digit or a capital happen once in 10^13."""
_CLUES = ("pass", "pwd", "secret", "token", "key", "auth", "cred", "bearer", "-----begin", "://")
_CLUE = _Lazy(
    r"-----begin|://[^\s/:@]*:[^\s@]+@|\b(?:mysql|mariadb)|"
    r"(?:pass|pwd|secret|token|key|auth|cred|bearer)[\w\-\"']*\s*[:=]"
)
"""On the lowercased text: a key block, a credentialled URL, a MySQL command line, or a keyword
assigned a value."""
_CLUE_WORDS = tuple(clue.encode() for clue in ("mysql", "mariadb", *_CLUES))
_ANY_CLUE = re.compile("|".join(re.escape(clue) for clue in ("mysql", "mariadb", *_CLUES)))
"""Whether a lowercased text holds a clue at all: one search instead of one per clue."""


_TOKEN_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-")
_AS_RUNS = bytes(ord("a") if byte in _TOKEN_BYTES else ord(" ") for byte in range(256))
"""Each byte of _LONG_TOKEN's character class as "a", any other as a space: where 16 "a"s
follow each other, a long token could be."""


def worth_scanning(texts: Sequence[str]) -> list[int]:
    """Which of many texts (every string of a session) `find_secrets` could find anything in:
    those with a clue word, or a long token, which `_worth_scanning` needs. Clue words and runs
    of 16 token characters are searched in all the texts at once, joined by line breaks (which
    neither holds), as bytes with `bytes.find`: one regex search a text cost more than the rest
    of the secret check. A text with a run but no clue word is kept only if the run is a long
    token: a thousand timeline lines naming pg_stat_activity need not be read again."""
    joined = "\n".join(texts)
    starts = _starts(texts)
    runs = joined.encode("ascii", "replace").translate(_AS_RUNS)  # a byte a character
    long_runs = set(_holding(runs, b"a" * 16, starts))
    if joined.isascii():  # lowercased character for character: the same places
        lowered = joined.lower().encode()
    else:
        each = [text.lower() for text in texts]  # as `_worth_scanning` lowers them
        lowered, starts = "\n".join(each).encode("ascii", "replace"), _starts(each)
    found: set[int] = set()
    for clue in _CLUE_WORDS:
        found.update(_holding(lowered, clue, starts))
    found.update(index for index in long_runs - found if _LONG_TOKEN.search(texts[index]))
    return sorted(found)


def _starts(texts: Sequence[str]) -> list[int]:
    """Where each text starts once they are joined by line breaks, and where the next would."""
    return list(accumulate(map((1).__add__, map(len, texts)), initial=0))


def _holding(joined: bytes, needle: bytes, starts: list[int]) -> Iterator[int]:
    """The index of each text (by where it starts in ``joined``) that holds ``needle``."""
    position = joined.find(needle)
    while position != -1:
        index = bisect_right(starts, position) - 1
        yield index
        position = joined.find(needle, starts[index + 1])


def _worth_scanning(text: str) -> bool:
    """Something every secret we look for has (a long random token, or one of the clues): most
    prose fails this cheap test and is not scanned further."""
    if _LONG_TOKEN.search(text):
        return True
    lower = text.lower()
    return _ANY_CLUE.search(lower) is not None and _CLUE.regex.search(lower) is not None


@cache
def _prefilter() -> re.Pattern[str]:
    """What a line the detect-secrets plugins could report matches; others never import them.
    Compiled on first use (8 ms): most sessions have no text worth scanning that far."""
    return re.compile("|".join(f"(?:{source})" for source in PATTERNS))


_OWN_PATTERNS: tuple[tuple[str, _Lazy], ...] = (
    ("Secret in a URL", _URL_SECRET_PARAM),
    ("Bearer token", _BEARER),
    ("Password in a connection string", _CONNECTION_PASSWORD),
    ("Credentials in a URL", _URL_CREDENTIALS),
    ("AWS secret access key", _AWS_SECRET),
    ("GitHub fine-grained token", _GITHUB_PAT),
    ("Google API key", _GOOGLE_KEY),
    ("npm token", _NPM_TOKEN),
    ("MySQL password on the command line", _MYSQL_PASSWORD),
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


def _scan(line: str) -> Iterator[Any]:
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import transient_settings

    with transient_settings({"plugins_used": [{"name": name} for name in PLUGINS]}):
        yield from scan_line(line)


def _bare_aws_secrets(text: str) -> Iterator[tuple[int, int]]:
    """A 40-character AWS secret access key standing alone, in a text that speaks of AWS or
    holds an access key id: mixed case and a digit, so a commit SHA (hex) never counts."""
    if not _AWS_CONTEXT.regex.search(text):
        return
    for match in _BARE_40.regex.finditer(text):
        token = match.group(0)
        has_digit = any(c.isdigit() or c in "/+" for c in token)
        if has_digit and any(c.islower() for c in token) and any(c.isupper() for c in token):
            yield match.span()


def find_secrets(text: str) -> list[Secret]:
    """The secrets in a text, with their places; overlapping finds are merged."""
    if not text or not _worth_scanning(text):
        return []
    spans: list[tuple[int, int, str]] = []
    for block in _PRIVATE_KEY_BLOCK.regex.finditer(text):
        spans.append((*block.span(), "Private key"))
    for kind, pattern in _OWN_PATTERNS:
        for match in pattern.regex.finditer(text):
            if pattern is _MYSQL_PASSWORD:  # keep "-p": the password starts right after it
                spans.append((*match.span(1), kind))
                continue
            group = 1 if pattern.regex.groups else 0
            spans.append((*_whole_token(text, *match.span(group)), kind))
    for start, end in _bare_aws_secrets(text):
        spans.append((start, end, "AWS secret access key"))
    prefilter = _prefilter()
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
        if text[start:end] == REDACTED:  # "password=[REDACTED]" is what redaction leaves
            continue
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

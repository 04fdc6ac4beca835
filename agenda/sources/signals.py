"""Provides what tells two records apart or makes them one moment: signals and word overlap."""

from __future__ import annotations

import re

from agenda.sources.records import Signal

_SIGNALS = (
    (Signal.RESOLVED, re.compile(r"\b(?:resolved|closed|recovered)\b", re.IGNORECASE)),
    (Signal.ACKNOWLEDGED, re.compile(r"\back(?:nowledged|'d|ed)\b", re.IGNORECASE)),
    (
        Signal.TRIGGERED,
        re.compile(r"\b(?:triggered|firing|fired|fires|alert(?:ing)? created)\b", re.IGNORECASE),
    ),
)
_WORD = re.compile(r"[a-z0-9][a-z0-9_.-]{2,}")
_COMMON = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "via",
        "from",
        "was",
        "were",
        "has",
        "had",
        "have",
        "this",
        "that",
        "are",
        "not",
        "but",
        "its",
        "into",
        "onto",
        "over",
        "after",
        "before",
        "then",
        "than",
        "been",
        "being",
        "also",
        "all",
        "any",
        "our",
        "out",
        "who",
        "what",
        "when",
        "where",
        "which",
        "while",
        "alert",
        "alerts",
    ]
)


def signal_of(text: str) -> Signal | None:
    """The alert-life moment a machine's message announces, from its wording ("Triggered",
    "[FIRING:1]", "Acknowledged by", "Resolved"); None for anything else."""
    for signal, pattern in _SIGNALS:
        if pattern.search(text):
            return signal
    return None


def words(text: str) -> frozenset[str]:
    """The telling words of a text: lower case, three letters or more, common words left out."""
    return frozenset(w.strip("._-") for w in _WORD.findall(text.lower())) - _COMMON


def similar(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two texts tell the same thing: most of the shorter one's telling words (two at
    least) are in the other."""
    shared = len(first & second)
    return shared >= 2 and shared * 3 >= 2 * min(len(first), len(second))

"""Provides blameful-language and vague-action detection, with the language guide's rewrites.

Each sentence is read for cues of blame and whose blame they are (reading.py, cues.py), then a
small logistic model (model.py, weights trained by tools/train_language.py on the labelled
sentences in tests/fixtures/language/) weighs the cues together with the sentence's words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat

from agenda.checks.cues import (
    FALLBACK,
    REWRITE_AVAILABLE_INFO,
    REWRITE_CONDITIONS,
    REWRITE_FACTORS,
    REWRITE_GUARDRAIL,
    REWRITE_MONITORING,
    Pattern,
)
from agenda.checks.model import BLAME, VAGUE, Model, describe, load_model
from agenda.checks.reading import (
    TOKEN,
    Cue,
    Key,
    lower,
    may_blame,
    name_words,
    read,
    read_sentence,
    score_sentence,
    sentences,
    subject_kind,
)
from agenda.checks.vagueness import action_features

__all__ = [
    "REWRITE_AVAILABLE_INFO",
    "REWRITE_CONDITIONS",
    "REWRITE_FACTORS",
    "REWRITE_GUARDRAIL",
    "REWRITE_MONITORING",
    "ActionReading",
    "Blame",
    "assess_action",
    "blame_in",
    "concludes_human_error",
    "find_blame",
    "is_vague_action",
    "owner_problem",
    "person_is_subject",
]


@dataclass(frozen=True)
class Blame:
    """A blameful sentence found in a text: its strongest cue, the phrase, and why."""

    pattern: Pattern
    """The strongest cue's kind, message and rewrite (or a general one when only the words
    gave it away)."""
    phrase: str
    """The cue phrase as written, or the sentence when there is no cue phrase."""
    confidence: float
    """The model's probability that the sentence blames a person."""
    cues: tuple[Pattern, ...] = ()
    """Every cue found in the sentence, strongest first."""
    reasons: tuple[str, ...] = ()
    """The rules and features that weighed most, in words, for `--explain`."""


def _weight(model: Model, cue: Cue) -> float:
    return sum(map(model.weights.get, cue.keys, repeat(0.0)))


def _reasons(model: Model, keys: list[Key], cues: list[Cue], sentence: str) -> tuple[str, ...]:
    lines = [
        f'rule {_name(c)}: "{sentence[c.start : c.end]}" ({_about(c)}) {_weight(model, c):+.2f}'
        for c in cues
    ]
    strongest = ", ".join(f"{describe(k)} {w:+.2f}" for k, w in model.strongest(keys))
    return (*lines, f"strongest features: {strongest or 'none'}")


def _name(cue: Cue) -> str:
    name, key = cue.family.pattern.name, cue.family.key
    return name if name == key else f"{name} [{key}]"


def _about(cue: Cue) -> str:
    about = {"person": "about a person", "system": "about a system", "we": 'about "we"'}
    notes = [about.get(cue.kind, "no one named")]
    notes += [n for n, on in (("negated", cue.negated), ("quoted", cue.quoted)) if on]
    return ", ".join(notes + (["blame discussed as a topic"] if cue.topic else []))


def find_blame(
    text: str, participants: Iterable[str] = (), *, explain: bool = False
) -> list[Blame]:
    """The sentences of a text that blame a person, one Blame each; quiet on systems, on
    blame that is negated or discussed, and on people acting without fault. With ``explain``,
    each Blame says why in words."""
    return blame_in(text, name_words(tuple(sorted(set(participants)))), explain=explain)


def blame_in(text: str, names: frozenset[str], *, explain: bool = False) -> list[Blame]:
    """`find_blame` with the participants' names already read by `name_words`."""
    if not text:
        return []
    lowered = lower(text)
    tokens = TOKEN.findall(lowered)
    if not may_blame(lowered, names, tokens):
        return []
    model = load_model(BLAME)
    found = []
    spans = sentences(lowered)
    whole = spans == [(0, len(lowered))]  # one sentence, most often: its words are read
    for start, end in spans:
        body = lowered[start:end]
        scored = score_sentence(body, model.weights, model.bias, names, tokens if whole else None)
        if scored is None or scored[0] < model.logit:
            continue
        found.append(_blame(model, text, lowered, start, end, scored, names, explain))
    return found


def _blame(
    model: Model,
    text: str,
    lowered: str,
    start: int,
    end: int,
    scored: tuple[float, list[Cue]],
    names: frozenset[str],
    explain: bool,
) -> Blame:
    score, cues = scored
    source = text if len(lowered) == len(text) else lowered
    weighed = sorted(((_weight(model, c), c) for c in cues), key=lambda pair: -pair[0])
    ranked = [cue for _, cue in weighed]
    strong = [cue for weight, cue in weighed if weight > 0]
    if strong:
        phrase = source[start + strong[0].start : start + strong[0].end]
        pattern = strong[0].family.pattern
    else:
        phrase, pattern = _clip(source[start:end].strip()), FALLBACK
    reasons: tuple[str, ...] = ()
    if explain:
        keys = read_sentence(lowered[start:end], names)[0]
        reasons = _reasons(model, keys, ranked, lowered[start:end])
    return Blame(
        pattern,
        phrase,
        1.0 / (1.0 + math.exp(-score)),
        tuple(c.family.pattern for c in strong),
        reasons,
    )


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def concludes_human_error(text: str) -> bool:
    """Whether a text gives "human error" (or operator, engineer, staff… error) as a cause,
    not negated, quoted or discussed: "Root cause: human error", not "this was not human error"
    nor "human error is the start of the investigation"."""
    if "error" not in text.lower() and "mistake" not in text.lower():
        return False
    return any(
        cue.family.key == "human-error" and not (cue.negated or cue.quoted or cue.topic)
        for sentence in read(text)
        for cue in sentence.cues
    )


def person_is_subject(text: str, participants: Iterable[str] = ()) -> bool:
    """Whether the first clause of a text has a person as its subject: "The technician pulled
    the wrong cable", "@bob deployed…"; not "the deploy pipeline…", nor "we…" said by the
    system's owners."""
    first = re.split(
        r"[.;:,]|\b(?:because|since|so|and|but|which|who|when|while)\b", lower(text), maxsplit=1
    )[0]
    words = first.split()
    if not words or words[0] in ("we", "i", "you", "our", "there", "it"):
        return False
    if any(w in ("team", "teams", "squad", "group") for w in words[:4]):
        return False  # a team's way of working is a system; a person is where a chain stops
    names = name_words(tuple(sorted(set(participants))))
    return subject_kind(first, names) == "person"


# ---- action items ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionReading:
    """What the vague-action model makes of an action item's title."""

    vague: bool
    confidence: float
    """The model's probability that the action cannot be checked off as written."""
    reasons: tuple[str, ...] = ()


def assess_action(title: str, *, explain: bool = False) -> ActionReading:
    """Whether an action is one a reader could not check off ("Improve monitoring",
    "Investigate the issue", "Evaluate alternatives") or names a specific change, measure or
    threshold ("Add CI check that runs migrations against 50M rows")."""
    if not title.strip():
        return ActionReading(False, 0.0)
    model = load_model(VAGUE)
    keys = action_features(title)
    probability = model.probability(keys)
    if not explain:
        return ActionReading(probability >= model.threshold, probability)
    strongest = ", ".join(f"{describe(k)} {w:+.2f}" for k, w in model.strongest(keys))
    return ActionReading(
        probability >= model.threshold,
        probability,
        (f"strongest features: {strongest or 'none'}",),
    )


def is_vague_action(title: str) -> bool:
    return assess_action(title).vague


_GROUP_WORDS = re.compile(
    r"\b(?:team|teams|squad|group|guild|everyone|everybody|all|devs|engineers|engineering|"
    r"ops|devops|sre|sres|oncall|on-call|backend|frontend|platform|infra|infrastructure|"
    r"security|qa|dba|dbas|tbd|tba|n/a|nobody|someone|staff|org)\b",
    re.IGNORECASE,
)


def owner_problem(owner: str, participants: Iterable[str]) -> str:
    """Why an owner is not one person ("" when it is)."""
    text = owner.strip()
    if not text:
        return "no owner"
    people = {p.strip().lower() for p in participants}
    if text.lower() in people or text.lstrip("@").lower() in {p.lstrip("@") for p in people}:
        return ""
    if re.search(r",|/|&|\+|\band\b", text):
        return f'"{text}" is more than one person'
    if _GROUP_WORDS.search(text.replace("@", " ").replace("-", " ")):
        return f'"{text}" is a team or a group, not one person'
    return ""

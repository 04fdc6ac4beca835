"""Provides the reading of a sentence for the blame check: its words, its cues of blame, whose
blame each cue is (a person, a system, the collective "we") and whether it is negated, quoted or
discussed as a topic. The features it returns are what the blame model weighs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import reduce
from itertools import repeat
from operator import or_
from typing import NamedTuple

from agenda.checks.cues import FAMILIES, QUESTION, TOPIC_WORDS, Family, topic
from agenda.checks.lexicon import NEGATIONS, words
from agenda.checks.subjects import (
    CLASSES,
    KINDS,
    PERSON,
    TOKEN,
    WE,
    after_kind,
    attributed_kind,
    is_pseudonym,
    lower,
    may_name_pseudonym,
    name_words,
    passive_kind,
    subject_kind,
    word_class,
)

Key = str | tuple[str, str]
"""A feature: a word, a word class ("<person>"), a pair of neighbours, or a rule ("cue:…")."""

_BREAKS = re.compile(r"(?<=[.!?;:])\s+|\n+")
_BREAK_HINT = re.compile(r"[.!?;:\n](?:(?<=\n)|\s)")
"""What every sentence break has (a line break, or . ! ? ; : before white space); scanning for
it is three times faster than for a break, and it starts with a character class, which the
regex engine skips to."""
_ATTRIBUTIVE = words("the a an for of with to on in from any all some no its")
"""Words before a participle that make it an adjective: "for deleted methods"."""
_BECAUSE = re.compile(r"\b(?:because|since|as|so that|due to)\s+(?:of\s+)?")
_PASSIVE_FAMILIES = words("omission misdeed damage fault-adverb")
_JUDGEMENT = words(
    """
    known noticed realised realized seen caught checked spotted asked looked verified tested
    read thought anticipated double-checked been paid escalated followed waited reviewed
    understood listened questioned stopped rolled paged
    """
)
"""What a person "should have" done that judges them with hindsight, unlike "should have had
an alert" about what the organisation lacked."""
_TRIGGERS = frozenset().union(*(family.triggers for family in FAMILIES), QUESTION.triggers)
_TRIGGER_BITS: dict[str, int] = {}
for _bit, _family in enumerate((*FAMILIES, QUESTION)):
    for _word in _family.triggers:
        _TRIGGER_BITS[_word] = _TRIGGER_BITS.get(_word, 0) | 1 << _bit
"""Which families a word can start: one dictionary look-up per word tells which regexes to
run at all."""
_STANDALONE = sum(
    1 << bit
    for bit, family in enumerate(FAMILIES)
    if family.target == "none" or family.key == "careful"
)


class Cue(NamedTuple):
    """A cue phrase found in a sentence, and how it stands there (a tuple: sentences with
    cues are many in a long timeline, and a tuple is the cheapest record to make)."""

    family: Family
    start: int
    end: int
    kind: str
    """Whose blame it is: "person", "we", "system", "passive" (nobody named in a passive),
    "none" (nobody named) or "self" (a phrase that blames by itself: "careless")."""
    negated: bool = False
    quoted: bool = False
    topic: bool = False
    detail: str = ""
    """A finer kind where the family has one: what a person "should have" done."""

    @property
    def keys(self) -> list[str]:
        """A negated, quoted or discussed cue weighs as its scope alone ("it was not his
        fault"); any other as itself, as itself about whom, and as any cue about whom."""
        base = "cue:" + self.family.key
        if self.negated or self.quoted or self.topic:
            scope = "neg" if self.negated else "quoted" if self.quoted else "topic"
            return [f"{base}:{scope}", "=blame-" + scope]
        keys = [base, f"{base}:{self.kind}", "=cue:" + self.kind]
        if self.detail:
            keys.append(f"{base}:{self.kind}:{self.detail}")
        return keys


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, read."""

    start: int
    end: int
    """Where it is in the text it came from."""
    keys: list[Key]
    cues: list[Cue]


def sentences(lowered: str) -> list[tuple[int, int]]:
    """The spans of the sentences and clauses of a lowercased text: split after . ! ? ; and
    after a colon that ends a clause, not one that ends a label ("Root cause: human error")."""
    if _BREAK_HINT.search(lowered) is None:
        return [(0, len(lowered))]  # most texts are one sentence
    spans = []
    start = 0
    for match in _BREAKS.finditer(lowered):
        end = match.start()
        if lowered[end - 1 : end] == ":" and len(lowered[start:end].split()) < 4:
            continue
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(lowered) and lowered[start:].strip():
        spans.append((start, len(lowered)))
    return spans


def _negated(sentence: str, start: int) -> bool:
    window = sentence[max(0, start - 60) : start]
    clause = window[max(window.rfind(","), window.rfind(";"), window.rfind("(")) + 1 :]
    last = clause.split()[-6:]
    if not NEGATIONS.isdisjoint(last):
        return True
    return "n't" in clause and any(w.endswith("n't") for w in last)


def families(tokens: list[str], mapped: list[str]) -> int:
    """Which cue families a sentence could hold, as bits in FAMILIES order (the question last).
    Where no person and no "we" is named, only the families that blame by themselves count: a
    character word, "be more careful", a remedy, "who caused", "nobody noticed"; "the alert
    failed to fire" is about the alert."""
    hits = _TRIGGERS.intersection(tokens)
    present: int = reduce(or_, map(_TRIGGER_BITS.__getitem__, hits), 0)
    if PERSON not in mapped and WE not in mapped:
        present &= _STANDALONE
    return present


def find_cues(
    sentence: str, tokens: list[str], names: frozenset[str], present: int | None = None
) -> list[Cue]:
    """The cue phrases in a lowercased sentence, each with whose blame it is and its scope;
    ``present`` (from `families`) limits the search to the families the words allow."""
    if present is None:
        present = families(tokens, [word_class(t, names) for t in tokens])
    if not present:
        return []
    cues: list[Cue] = []
    question = QUESTION.regex.search(sentence) if sentence.rstrip().endswith("?") else None
    if question:
        group = 1 if question.group(1) else 2
        kind = after_kind(sentence[question.start(group) :], names)
        cues.append(Cue(QUESTION, question.start(), question.end(), kind))
    for family in _present(present):
        if family.also and not any(map(sentence.__contains__, family.also)):
            continue
        for match in family.regex.finditer(sentence):
            start, end = match.span()
            if cues and any(
                start < c.end and c.start < end for c in cues if c.family is not QUESTION
            ):
                continue  # one phrase, one cue: "forgot to" is not also "failed to"
            if family.key == "who" and _relative_who(sentence[:start], names):
                continue
            if family.key in ("damage", "misdeed") and _attributive(sentence[:start]):
                continue
            kind = _kind(family, sentence, match, names)
            if kind in ("none", "unknown") and family.target == "attributed":
                continue  # "error rate", "fault tolerance": nobody's mistake or fault
            cues.append(
                Cue(
                    family,
                    start,
                    end,
                    kind,
                    _negated(sentence, start),
                    sentence.count('"', 0, start) % 2 == 1 or sentence.find("“", 0, start) >= 0,
                    detail=_detail(match) if family.key == "hindsight" else "",
                )
            )
    if cues and not TOPIC_WORDS.isdisjoint(tokens) and topic().search(sentence):
        return [cue._replace(topic=True) for cue in cues]
    return cues


def _present(present: int) -> Iterator[Family]:
    """The families whose bits are set, in FAMILIES order (the question's bit is past them)."""
    while present:
        low = present & -present
        if low.bit_length() > len(FAMILIES):
            return
        yield FAMILIES[low.bit_length() - 1]
        present ^= low


def _attributive(before: str) -> bool:
    """Whether a participle is used as an adjective: "the misconfigured proxy"."""
    tokens = TOKEN.findall(before[-20:])
    return bool(tokens) and tokens[-1] in _ATTRIBUTIVE


def _relative_who(before: str, names: frozenset[str]) -> bool:
    """Whether "who" follows the person it is about ("the engineer who pushed"): a relative
    clause, not the question "who pushed?"."""
    tokens = TOKEN.findall(before)
    return bool(tokens) and word_class(tokens[-1], names) in KINDS


def _detail(hindsight: re.Match[str]) -> str:
    """What a person "should have" done: a judgement with hindsight, or something else."""
    if re.match(r"could(?:n't| not| never)", hindsight.group(0)):
        return "could-not"  # "could not have known" excuses; "should not have" blames
    return "judgement" if hindsight.group(0).split()[-1] in _JUDGEMENT else "other"


def _explained(sentence: str, names: frozenset[str]) -> str:
    """What a "because" clause gives as the reason: a system ("because the alert was routed
    to email"), a person, or nothing."""
    match = _BECAUSE.search(sentence)
    if match is None:
        return ""
    rest = sentence[match.end() :]
    kind = after_kind(rest, names)
    if kind == "none" and re.match(r"(?:it|there|nothing|no)\b", rest):
        kind = "system"  # "because it was routed to an archived channel"
    return f"=explained:{kind}" if kind != "none" else ""


def _kind(family: Family, sentence: str, match: re.Match[str], names: frozenset[str]) -> str:
    if family.key in _PASSIVE_FAMILIES:
        passive = passive_kind(sentence, match, names)
        if passive is not None:
            return passive
    if family.target == "subject":
        return subject_kind(sentence[: match.start()], names)
    if family.target == "after":
        if re.search(r"to blame|responsib|accountab|culprit", match.group(0)):
            before = subject_kind(sentence[: match.start()], names)
            known = before not in ("none", "unknown")
            return before if known else after_kind(sentence[match.end() :], names)
        return after_kind(sentence[match.end() :], names, window=10)
    if family.target == "attributed":
        return attributed_kind(sentence, match, names)
    return "self"


def _words(
    sentence: str, names: frozenset[str], tokens: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """A sentence's words (``tokens`` when already read), and the same with people, systems
    and "we" as their class."""
    if tokens is None:
        tokens = TOKEN.findall(sentence)
    mapped = list(map(CLASSES.get, tokens, tokens))
    if names or "@" in sentence or may_name_pseudonym(sentence):  # a handle, a pseudonym
        for index, token in enumerate(tokens):  # `word_class`, for the words it may differ on
            if token[0] == "@" or "-" in token or (names and _named(token, names)):
                mapped[index] = word_class(token, names)
    return tokens, mapped


def _named(token: str, names: frozenset[str]) -> bool:
    return token in names or token.removesuffix("'s") in names


def _rule_keys(
    sentence: str, tokens: list[str], mapped: list[str], names: frozenset[str]
) -> tuple[list[Key], list[Cue]] | None:
    """The rule features of a sentence and its cues; None for a sentence that names no person
    and has no cue phrase: it cannot blame anyone, and is decided without weighing, which also
    keeps a long timeline of system events cheap."""
    present = families(tokens, mapped)
    person = PERSON in mapped
    if not present and not person:
        return None
    cues = find_cues(sentence, tokens, names, present)
    if not cues:
        return (["=no-cue"], cues) if person else None
    keys: list[Key] = []
    for cue in cues:
        keys += cue.keys
    if cues[0].topic:
        keys.append("=topic")
    explained = _explained(sentence, names)
    if explained:
        keys.append(explained)
    return keys, cues


def read_sentence(
    sentence: str, names: frozenset[str] = frozenset()
) -> tuple[list[Key], list[Cue]]:
    """The features of one lowercased sentence (none for one that names no person and has no
    cue phrase), and its cues."""
    tokens, mapped = _words(sentence, names)
    rules = _rule_keys(sentence, tokens, mapped, names)
    if rules is None:
        return [], []
    return [*dict.fromkeys(mapped), *zip(["<s>", *mapped], mapped, strict=False), *rules[0]], rules[
        1
    ]


_PERSON_WORDS = frozenset(word for word, kind in CLASSES.items() if kind == PERSON)
_WE_WORDS = frozenset(word for word, kind in CLASSES.items() if kind == WE)
_STANDALONE_TRIGGERS = frozenset(word for word, bits in _TRIGGER_BITS.items() if bits & _STANDALONE)


def may_blame(lowered: str, names: frozenset[str], tokens: list[str] | None = None) -> bool:
    """Whether any sentence of a lowercased text could be weighed at all. A sentence that
    names no person (a person word, a participant, an @handle) and has no cue word it could
    use is decided without weighing (`_rule_keys`; without a person or "we", only the cues
    that blame by themselves count), so a text with none of those is decided at once. Exact:
    sentences break only at white space, so the text's words are its sentences' words.
    ``tokens``: the text's words, when already read."""
    if "@" in lowered:
        return True
    found = set(TOKEN.findall(lowered) if tokens is None else tokens)
    if not found.isdisjoint(_PERSON_WORDS):
        return True
    if names and any(word.removesuffix("'s") in names for word in found):
        return True
    if may_name_pseudonym(lowered) and any("-" in w and is_pseudonym(w) for w in found):
        return True  # "team-member-1"
    triggers = _STANDALONE_TRIGGERS if found.isdisjoint(_WE_WORDS) else _TRIGGERS
    return not found.isdisjoint(triggers)


def score_sentence(
    sentence: str,
    weights: dict[Key, float],
    bias: float,
    names: frozenset[str] = frozenset(),
    tokens: list[str] | None = None,
) -> tuple[float, list[Cue]] | None:
    """The model's score of a lowercased sentence, as ``bias`` plus the weights of
    `read_sentence`'s features, without building them; None where it has none. ``tokens``:
    the sentence's words, when already read."""
    tokens, mapped = _words(sentence, names, tokens)
    rules = _rule_keys(sentence, tokens, mapped, names)
    if rules is None:
        return None
    get = weights.get
    score = bias + sum(map(get, dict.fromkeys(mapped), repeat(0.0)))
    score += sum(map(get, zip(["<s>", *mapped], mapped, strict=False), repeat(0.0)))
    return score + sum(map(get, rules[0], repeat(0.0))), rules[1]


def read(text: str, names: frozenset[str] = frozenset()) -> Iterator[Sentence]:
    """Every sentence of a text, read."""
    return read_lowered(lower(text), names)


def read_lowered(lowered: str, names: frozenset[str] = frozenset()) -> Iterator[Sentence]:
    """Every sentence of a text already lowercased with `lower`, read."""
    for start, end in sentences(lowered):
        keys, cues = read_sentence(lowered[start:end], names)
        yield Sentence(start, end, keys, cues)


__all__ = [
    "TOKEN",
    "Cue",
    "Key",
    "Sentence",
    "lower",
    "may_blame",
    "name_words",
    "read",
    "read_lowered",
    "score_sentence",
    "subject_kind",
]

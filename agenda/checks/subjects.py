"""Provides who a phrase is about: the words of a sentence as people, systems or "we", and the
subject of a clause, the agent of a passive, the owner of a mistake."""

from __future__ import annotations

import re
from functools import cache

from agenda.checks.lexicon import FIRST_NAMES, PERSON_WORDS, SYSTEM_WORDS, WE_WORDS, words

TOKEN = re.compile(r"[a-z0-9@][a-z0-9'_.@-]*[a-z0-9]|[a-z0-9?\"“”]")
"""A word (with its inner apostrophes, dots, dashes: "didn't", "v3.2", "on-call", "@bob"), a
question mark or a double quote."""
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})

PERSON, SYSTEM, WE = "<person>", "<system>", "<we>"
KINDS = {PERSON: "person", SYSTEM: "system", WE: "we"}
CLASSES: dict[str, str] = {}
"""Each known word (and its possessive) to its class; people win over systems."""
for _vocabulary, _kind in (
    (SYSTEM_WORDS, SYSTEM),
    (PERSON_WORDS, PERSON),
    (FIRST_NAMES, PERSON),
    (WE_WORDS, WE),
):
    for _word in _vocabulary:
        CLASSES[_word] = CLASSES[_word + "'s"] = _kind
_SOFTWARE_ROLES = words("operator operators controller controllers worker workers agent agents")
"""After a system word these are software: "the Kubernetes operator", "the queue worker"."""
_POSSESSIVES = words("our their his her my your its")
_PRONOUNS = words(
    """
    i me you he him she her we us they them someone somebody anyone anybody everyone
    """
)
"""Pronouns never join a compound: in "you check the replica" the person is "you"."""

_VERBS = words(
    """
    ran run runs pushed deployed restarted selected chose picked clicked pressed pulled
    typed entered edited copied connected applied used deleted dropped removed replaced
    installed configured changed sent made took put set hit started stopped executed opened
    closed merged shipped wrote committed approved is was were are been be had has have did
    does do will would should could can may might must switched turned rolled moved left
    gave got saw
    """
)
"""Verbs that, met before a candidate subject, show the candidate is an object: in "ran the
command on the wrong host" the command is not who chose the host."""
_SPLIT = re.compile(
    r"(\s*[.;:!?()\[\]\"“”]\s*|\s*,\s*|\s+(?:and|but|or|so|because|since|although|though|while|"
    r"whereas|after|before|when|once|until|unless|if|who|whom|whose|which|that|where)\s+)"
)
_RELATIVE = words("who whom whose which that")
_BE = words("was were been being is are be get got gets")
_AGENT = re.compile(
    r"[^.;,]{0,40}?\bby\s+(?!mistake|accident|default|hand|design|the time|then|now|\d)"
)


def lower(text: str) -> str:
    """The text as the checks read it: lowercased once, curly apostrophes made straight."""
    lowered = text.lower()
    return lowered.translate(_APOSTROPHES) if "’" in lowered or "‘" in lowered else lowered


@cache
def name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The participants' names and handles as the lowercase words a sentence would use."""
    found = {w.lstrip("@") for name in names for w in lower(name).split()}
    return frozenset(w for w in found if len(w) > 1 and w not in SYSTEM_WORDS)


def word_class(token: str, names: frozenset[str]) -> str:
    """ "<person>", "<system>" or "<we>" for a word of one of those classes, else the word."""
    if token[0] == "@" or token in names or token.removesuffix("'s") in names:
        return PERSON
    known = CLASSES.get(token)
    if known is not None:
        return known
    return PERSON if "-" in token and is_pseudonym(token) else token


_LABELLED = re.compile(r"(?:.+-)?([a-z]+)-(?:\d+|[a-z])(?:'s)?")
"""A role with a number or letter, as a published postmortem names the people in it:
"team-member-1", "db-admin-2", "engineer-b"."""


_LABEL_END = re.compile(r"[a-z]-(?:[0-9]+|[a-z])(?![a-z0-9])")
"""How every such role ends (a word is read whole, so nothing of it follows): a text without
it names no one this way, and its words need not be tried one by one."""


def may_name_pseudonym(lowered: str) -> bool:
    """Whether a lowercased text could hold a word that `is_pseudonym`."""
    return "-" in lowered and _LABEL_END.search(lowered) is not None


def is_pseudonym(token: str) -> bool:
    labelled = _LABELLED.fullmatch(token)
    role = labelled[1] if labelled else ""
    return CLASSES.get(role) == PERSON and role not in _SOFTWARE_ROLES  # "worker-3" is a host


def _candidates(tokens: list[str], names: frozenset[str]) -> list[tuple[int, str]]:
    """Where a person, a system or "we" is named in some words, and which. In a compound the
    last word decides ("network engineer" is a person, "on-call rotation" a system), except
    that a role after a system word is software ("the Kubernetes operator"); a possessive
    before a noun is only its determiner ("our newest hire" is a person)."""
    found: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        kind = word_class(token, names)
        if kind not in KINDS:
            continue
        if found and found[-1][0] == index - 1 and _PRONOUNS.isdisjoint((token, tokens[index - 1])):
            if kind == PERSON and found[-1][1] == SYSTEM and token in _SOFTWARE_ROLES:
                kind = SYSTEM
            found[-1] = (index, kind)
            continue
        found.append((index, kind))
    return [
        (index, kind)
        for n, (index, kind) in enumerate(found)
        if not (
            tokens[index] in _POSSESSIVES and n + 1 < len(found) and found[n + 1][0] - index <= 3
        )
    ]


def subject_kind(before: str, names: frozenset[str]) -> str:
    """Who is the subject of the clause that a phrase starting after ``before`` belongs to:
    walks back over the clause's pieces, past relative clauses ("the admin who …") and past
    pieces whose subject is left out ("… and skipped the canary")."""
    parts = _SPLIT.split(before)
    index = len(parts) - 1
    while index >= 0:
        piece = TOKEN.findall(parts[index])
        separator = parts[index - 1].strip() if index else ""
        found = _candidates(piece, names)
        if separator in _RELATIVE and not (found and found[0][0] <= 1):
            return _antecedent(parts[: index - 1], names)
        if found and not _VERBS.intersection(piece[: found[0][0]]):
            return KINDS[found[0][1]]
        if separator and separator[0] in '.;:!?"“”':
            return "unknown"
        index -= 2
    return "unknown"


def _antecedent(parts: list[str], names: frozenset[str]) -> str:
    """The person or thing a relative clause is about: the last one named before it."""
    for piece in reversed(parts):
        found = _candidates(TOKEN.findall(piece), names)
        if found:
            return KINDS[found[-1][1]]
    return "none"


def after_kind(after: str, names: frozenset[str], window: int = 7) -> str:
    """Who the first words after a phrase name: "blamed on a contractor", "caused by a bug"."""
    tokens = TOKEN.findall(after)[:window]
    found = _candidates(tokens, names)
    return KINDS[found[0][1]] if found else "none"


def attributed_kind(sentence: str, match: re.Match[str], names: frozenset[str]) -> str:
    """Whose a mistake or a fault is: a possessor ("his mistake", "the DBA's fault"), its maker
    ("the engineer made a mistake"), or an agent after it ("a mistake by an admin")."""
    before = TOKEN.findall(sentence[: match.start()])[-4:]
    if match.group(0).startswith("at "):
        return subject_kind(sentence[: match.start()], names)
    for token in reversed(before[-2:]):
        if token in ("his", "her", "their", "my", "your", "whose"):
            return "person"
        if token.endswith("'s") or token in ("our", "its"):
            return KINDS.get(word_class(token, names), "none")
    if any(t in ("made", "make", "makes", "making") for t in before):
        return subject_kind(sentence[: match.start()], names)
    after = sentence[match.end() :]
    if re.match(r"\s*(?:by|of|on the part of|lies with|from)\b", after):
        return after_kind(after, names)
    return "none"


def passive_kind(sentence: str, match: re.Match[str], names: frozenset[str]) -> str | None:
    """For a passive ("the file was deleted", "the value was entered incorrectly"): whom an
    agent after it names ("… by an intern"), or "passive" when no one is named; None when the
    phrase is not passive."""
    before = TOKEN.findall(sentence[max(0, match.start() - 30) : match.start()])[-2:]
    if _BE.isdisjoint(before):
        return None
    agent = _AGENT.match(sentence[match.end() :])
    if agent is None:
        return "passive"
    return after_kind(sentence[match.end() + agent.end() :], names)

"""Provides blameful-language and vague-action detection, with the language guide's rewrites."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

# Suggestions quote the "Instead of / Write" guide in 000_1613f4bff7870ff6.txt and the
# blame-focused / blameless table in 003_6172d2bd334e54d9.txt.
REWRITE_AVAILABLE_INFO = 'Write instead: "At {time}, available information indicated…"'
REWRITE_MONITORING = 'Write instead: "The monitoring did not surface…"'
REWRITE_FACTORS = 'Write instead: "Contributing factors: [systemic gaps]"'
REWRITE_GUARDRAIL = 'Write instead: "Add guardrail: [specific check]"'
REWRITE_CONDITIONS = 'Ask instead: "What conditions allowed this?"'
REWRITE_RATIONAL = (
    "Describe what made it the most likely action given what they knew, not the person's character"
)
REWRITE_REMINDER = (
    'Name the missing safety net: "No checklist step or automation ensured [the step]"'
)

PERSON_ROLES = (
    r"engineers?|developers?|devs?|operators?|on-?call(?:\s+engineer)?|sres?|admins?|"
    r"administrators?|dbas?|reviewers?|authors?|responders?|incident commander|ic|interns?|"
    r"new hires?|managers?|release managers?|leads?|someone|somebody|person|humans?|"
    r"he|she|i|we|you|teammates?|colleagues?|team|team [a-z]|[a-z]+ team"
)
"""Words that make a person (or a group of people) the subject of a sentence."""

SYSTEM_NOUNS = frozenset(
    [
        "alert",
        "alerts",
        "alarm",
        "alarms",
        "deploy",
        "deploys",
        "deployment",
        "deployments",
        "pipeline",
        "pipelines",
        "migration",
        "migrations",
        "database",
        "databases",
        "db",
        "service",
        "services",
        "monitoring",
        "monitor",
        "check",
        "checks",
        "test",
        "tests",
        "job",
        "jobs",
        "script",
        "scripts",
        "system",
        "systems",
        "cron",
        "query",
        "queries",
        "index",
        "indexes",
        "cache",
        "caches",
        "server",
        "servers",
        "host",
        "hosts",
        "node",
        "nodes",
        "pod",
        "pods",
        "cluster",
        "clusters",
        "config",
        "configuration",
        "rollout",
        "rollback",
        "build",
        "builds",
        "ci",
        "probe",
        "probes",
        "balancer",
        "queue",
        "queues",
        "worker",
        "workers",
        "runbook",
        "runbooks",
        "dashboard",
        "dashboards",
        "metric",
        "metrics",
        "failover",
        "backup",
        "backups",
        "replica",
        "replicas",
        "process",
        "processes",
        "tool",
        "tooling",
        "page",
        "pager",
        "rule",
        "rules",
        "code",
        "change",
        "release",
        "lock",
        "api",
        "endpoint",
        "request",
        "requests",
        "connection",
        "connections",
        "pool",
    ]
)

NEGATIVE_PERSON_VERBS = (
    r"failed to|neglected to|omitted to|forgot to|"
    r"did(?:n't| not) (?:check|test|verify|notice|read|follow|escalate|look|review|ask|tell|"
    r"communicate|wait|update|think|consider|catch|see|realise|realize|page|roll back)|"
    r"never (?:checked|tested|verified|noticed|read|followed|escalated|looked|reviewed)|"
    r"missed (?:the |a |an )?(?:page|alert|alarm|notification|message|warning|step|check|review|"
    r"signs?)|ignored|overlooked|broke|botched|messed up|screwed up|rushed|skipped|"
    r"rubber-stamped|dropped the|deleted the|ran the wrong|restarted the wrong|"
    r"made (?:a|an) (?:mistake|error|bad call)|"
    r"(?:pushed|deployed|merged|shipped|committed) (?:bad|wrong|broken|buggy)|"
    r"(?:deployed|pushed|merged|shipped|ran it|ran the \w+) without"
)

HINDSIGHT_VERBS = (
    r"known|noticed|caught|checked|tested|seen|realized|realised|asked|waited|verified|looked|"
    r"read|followed|escalated|rolled back|paged|reviewed|been more careful|been more|"
    r"thought|anticipated|spotted|double-checked|run|used|applied"
)


@dataclass(frozen=True)
class Pattern:
    """A blameful phrase, what is wrong with it, and the rewrite to offer."""

    name: str
    regex: re.Pattern[str]
    message: str
    suggestion: str
    needs_person: bool = False
    """Only a finding when the phrase's subject is a person, never when it is a system."""
    negatable: bool = False
    """Quiet when negated just before ("not human error")."""
    clause_subject: bool = False
    """The subject may start the clause ("He deployed on a Friday without telling anyone")."""


def _p(text: str) -> re.Pattern[str]:
    """Patterns are matched against lowercased text: Python's re is about three times faster
    that way than with IGNORECASE over these alternations."""
    return re.compile(text)


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "human-error",
        _p(r"\b(?:human|operator|pilot|engineer)\s+error\b"),
        "names a person where the analysis should name conditions",
        REWRITE_FACTORS,
        negatable=True,
    ),
    Pattern(
        "be-more-careful",
        _p(
            r"\b(?:be(?:ing)?\s+(?:more\s+)?careful|more careful|pay(?:ing)? (?:more )?attention|"
            r"not paying attention|lack of attention|inattentive|inattention)\b"
        ),
        "asks a person to change instead of the system",
        REWRITE_GUARDRAIL,
    ),
    Pattern(
        "character",
        _p(
            r"\b(?:careless(?:ly|ness)?|negligen(?:ce|t)|sloppy|sloppiness|incompeten(?:ce|t)|"
            r"lazy(?![-\s]load)|laziness|reckless(?:ly|ness)?|did(?:n't| not) bother)\b"
        ),
        "judges a person's character instead of describing what happened",
        REWRITE_RATIONAL,
    ),
    Pattern(
        "forgot",
        _p(r"\bforg(?:et|ets|ot|otten|etting)\b"),
        "puts the gap in a person's memory rather than in the process",
        REWRITE_REMINDER,
        needs_person=True,
    ),
    Pattern(
        "fault",
        _p(r"\b(?:(?:my|your|his|her|their|our) fault|whose fault|blame (?:him|her|them))\b"),
        "assigns fault to a person",
        REWRITE_CONDITIONS,
    ),
    Pattern(
        "incorrectly-assumed",
        _p(
            r"\b(?:incorrectly|wrongly|mistakenly|falsely|naively)\s+(?:assumed|believed|thought|"
            r"concluded|decided)\b"
        ),
        "judges a decision with hindsight",
        REWRITE_AVAILABLE_INFO,
        needs_person=True,
    ),
    Pattern(
        "who-caused",
        _p(r"\bwho (?:caused|broke|is responsible|was responsible|did this|pushed|is to blame)\b"),
        "asks who, where a blameless review asks what",
        REWRITE_CONDITIONS,
    ),
    Pattern(
        "should-have",
        _p(rf"\b(?:should|could|would|must)(?:n't| not)?\s+have\s+(?:{HINDSIGHT_VERBS})\b"),
        "judges the moment with what we know now (hindsight)",
        REWRITE_MONITORING,
        needs_person=True,
    ),
    Pattern(
        "person-failed",
        _p(rf"\b(?:{NEGATIVE_PERSON_VERBS})\b"),
        "makes a person the subject of a failure",
        REWRITE_AVAILABLE_INFO,
        needs_person=True,
    ),
    Pattern(
        "person-fault",
        _p(r"\b(?:at fault|[\w@-]+'s fault)\b"),
        "assigns fault to a person",
        REWRITE_CONDITIONS,
        needs_person=True,
    ),
    Pattern(
        "without-telling",
        _p(r"\bwithout (?:telling|asking|checking|testing|review(?:ing)?|a review)\b"),
        "makes a person the subject of a failure",
        REWRITE_AVAILABLE_INFO,
        needs_person=True,
        clause_subject=True,
    ),
    Pattern(
        "nobody-noticed",
        _p(
            r"\b(?:nobody|no one|no-one)\s+(?:noticed|checked|looked|saw|caught|reviewed|tested|"
            r"paid attention)\b"
        ),
        "blames the people who did not notice rather than what kept it from being visible",
        REWRITE_MONITORING,
    ),
)


@dataclass(frozen=True)
class Blame:
    """A blameful phrase found in a text."""

    pattern: Pattern
    phrase: str


def _subject(before: str) -> list[str]:
    """The last few words before a phrase, lowercased: where its subject sits."""
    clause = re.split(r"[.;:!?,()\n]|\band\b|\bbut\b|\bso\b|\bbecause\b", before)[-1]
    return re.findall(r"[@\w'-]+", clause.lower())[-4:]


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A matcher for the participants' names and handles, as the last word(s) of a subject."""
    return _names_pattern(tuple(sorted(set(names))))


@cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({n.strip().lstrip("@").lower() for n in names if n.strip()}, key=len)
    words = [w for w in words if len(w) > 1]
    if not words:
        return None
    return re.compile(r"(?:^|[\s@])(?:" + "|".join(re.escape(w) for w in words) + r")(?:'s)?$")


_ROLE = re.compile(rf"^(?:{PERSON_ROLES})$", re.IGNORECASE)


def subject_is_person(words: list[str], names: re.Pattern[str] | None) -> bool:
    """Whether the subject before a phrase is a person (a role, a pronoun, a name or @handle),
    and not a system ("the alert failed to fire")."""
    if not words:
        return False
    tail = " ".join(words[-2:])
    if _ROLE.match(tail) or (_ROLE.match(words[-1]) and words[-1] not in SYSTEM_NOUNS):
        return True  # "the release manager", "the on-call engineer"
    if words[-1] in SYSTEM_NOUNS or (len(words) > 1 and words[-2] in SYSTEM_NOUNS):
        return False
    if words[-1].startswith("@"):
        return True
    if names is not None and (names.search(" " + words[-1]) or names.search(" " + tail)):
        return True
    return bool(_ROLE.match(words[-1]) or _ROLE.match(tail))


_ANY_PATTERN = re.compile("|".join(f"(?:{p.regex.pattern})" for p in PATTERNS))
"""One search that every blameful phrase passes, so blameless text costs a single scan."""


def _person_before(
    lowered: str, match: re.Match[str], pattern: Pattern, names: re.Pattern[str] | None
) -> bool:
    """Whether a person is the subject of the phrase: just before it, inside a possessive
    ("the DBA's fault"), or (for some phrases) at the start of its clause."""
    words = _subject(lowered[: match.start()])
    possessor = re.match(r"([\w@-]+)'s fault", match.group(0))
    if possessor:
        return subject_is_person([*words, possessor[1]], names)
    if subject_is_person(words, names):
        return True
    if pattern.clause_subject:
        clause = re.split(r"[.;:!?\n]", lowered[: match.start()])[-1]
        lead = re.findall(r"[@\w'-]+", clause)[:2]
        return any(subject_is_person(lead[: n + 1], names) for n in range(len(lead)))
    return False


def find_blame(text: str, participants: Iterable[str] = ()) -> list[Blame]:
    """Blameful phrases in a text; quiet on text about systems."""
    lowered = text.lower()
    if not lowered.strip() or not _ANY_PATTERN.search(lowered):
        return []
    same_length = len(lowered) == len(text)
    names = names_pattern(participants)
    found = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(lowered):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue  # one phrase, one finding: "forgot to" is not also "failed to"
            if pattern.negatable and re.search(
                r"\b(?:not|n't|no|never)\b[^.;]{0,25}$", lowered[: match.start()]
            ):
                continue
            if pattern.needs_person and not _person_before(lowered, match, pattern, names):
                continue
            taken.append(match.span())
            phrase = text[match.start() : match.end()] if same_length else match.group(0)
            found.append(Blame(pattern, phrase))
            break
    return found


# ---- action items ----------------------------------------------------------------------------

_ALWAYS_VAGUE = _p(
    r"\b(?:be more careful|more careful|be careful|remind|educate|raise awareness|"
    r"increase awareness|train|look into|looking into|think about|add more|more tests|"
    r"more monitoring|more alerts)\b"
)
"""Phrases no amount of detail makes checkable, unless a number or a from/to is named."""
_VAGUE = _p(
    r"\b(?:improve|improving|better|enhance|strengthen|be more|more careful|be careful|"
    r"look into|looking into|consider|investigate|explore|think about|review|revisit|ensure|"
    r"make sure|try to|work on|fix (?:the )?issues?|address (?:the )?issues?|follow up|"
    r"optimi[sz]e|increase awareness|raise awareness|educate|remind|train|fix|add more)\b"
)
_CONCRETE_VERB = _p(
    r"\b(?:add|alert|page|test|check|hook|block|require|document|automate|reduce|set|enable|"
    r"disable|create|write|migrate|replace|limit|cap|remove|delete|rename|rotate|split|"
    r"schedule|run|lower|raise|move|pin|upgrade|downgrade|deploy|roll|backfill|tag|gate)\b"
)
_GENERIC_TARGETS = frozenset(
    [
        "monitoring",
        "testing",
        "tests",
        "processes",
        "process",
        "things",
        "issues",
        "issue",
        "communication",
        "reliability",
        "alerting",
        "documentation",
        "docs",
        "observability",
        "quality",
        "stability",
        "performance",
        "procedures",
        "coordination",
        "awareness",
        "practices",
        "it",
        "this",
        "that",
        "the",
        "our",
        "a",
        "an",
        "in",
        "and",
        "of",
        "on",
        "with",
        "for",
        "to",
        "more",
        "better",
        "our",
    ]
)


def is_vague_action(title: str) -> bool:
    """An action a reader could not check off: "Improve monitoring", "Investigate the issue",
    "Be more careful with migrations". Specific ones name a number, a from/to, or a concrete
    change to something ("Add CI check that runs migrations against 50M rows")."""
    lowered = title.lower()
    match = _VAGUE.search(lowered)
    if match is None:
        return False
    if re.search(r"\d", lowered) or re.search(r"\bfrom\b.+\bto\b", lowered):
        return False
    if _ALWAYS_VAGUE.search(lowered):
        return True
    words = re.findall(r"[\w'-]+", lowered)
    rest = re.findall(r"[\w'-]+", lowered[match.end() :])
    specific = [w for w in rest if w not in _GENERIC_TARGETS]
    if match.group(0) == "fix":
        return not specific  # "Fix monitoring" is vague; "Fix connection leak in new query" is not
    if _CONCRETE_VERB.search(lowered) and len(words) >= 7:
        return False
    return len(specific) < 4


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

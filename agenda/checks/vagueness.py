"""Provides the reading of an action item's title for the vague-action check: its verb, its
object, and whether it names a measure, a threshold or a concrete thing to change."""

from __future__ import annotations

import re

from agenda.checks.lexicon import words
from agenda.checks.reading import Key
from agenda.checks.subjects import TOKEN, lower

VAGUE_VERBS = words(
    """
    improve improving enhance strengthen review revisit reconsider rethink ensure investigate
    explore consider look discuss communicate evaluate revise assess tune figure optimize
    optimise streamline address work follow continue monitor keep stay prioritize prioritise
    invest allocate plan educate train retrain coach remind be pay harden tighten simplify
    clean refactor rework redesign modernize modernise handle prevent avoid determine decide
    define clarify establish foster encourage promote adopt apply analyze analyse research dig
    gather collect share sync align talk meet coordinate collaborate learn get do think check
    verify validate test scale
    """
)
"""Verbs that start actions nobody can check off unless something after them is specific."""

CONCRETE_VERBS = words(
    """
    add alert page set enable disable remove delete drop rotate revoke pin roll revert restore
    block require limit cap throttle reject return write create document automate replace
    rename split shard partition schedule run backfill purge mask encrypt install downgrade
    fix change switch turn put give separate spread publish post record send route label order
    refill seed decommission reinstall print host store cache kill lower raise increase reduce
    decrease speed cut move migrate upgrade patch update make show alert limit fail stop
    """
)
"""Verbs that start a concrete change when an object follows."""

GENERIC_OBJECTS = words(
    """
    monitoring alerting alerts alert testing tests test process processes communication
    documentation docs reliability observability quality stability performance procedures
    procedure awareness visibility resilience coverage tooling tools security practices
    practice knowledge understanding coordination handling response things issues issue
    problems problem stuff everything system systems infrastructure setup configuration config
    dashboards dashboard logging logs runbook runbooks playbook checks validation safeguards
    safeguard automation culture team teams engineers staff everyone people ownership escalation
    incident incidents outage postmortem lessons learnings capacity redundancy backups backup
    errors error retries retry deploys deploy deployment deployments pipeline releases release
    change changes code codebase services service platform database databases db queries query
    api apis access permissions credentials servers libraries upgrade upgrades strategy approach
    plan options alternatives ways situation root cause analysis data metrics time mttr toil
    risk debt tech technical training sessions session way gaps gap improvements fixes cleanup
    work review reviews environment production prod steps step future replication cluster
    clusters region regions zones dependencies dependency consumers options behaviour behavior
    model health overall networking edge resilience robustness efficiency handoffs
    """
)
"""Objects too broad to check off: "Improve monitoring", "Review processes"."""

_FUNCTION_WORDS = words(
    """
    the a an of to for in on and with our all more better any some this that these those its
    their from by at as into about across between it be is are we us new current existing
    similar again other so can up out off how why what when where which who there way ways
    around within per each every most much many such than then also further additional
    """
)
_COMPARATIVES = words(
    """
    more better less fewer improved enhanced increased additional stronger faster greater
    further extra tighter safer clearer higher lower smaller bigger quicker thorough rigorous
    comprehensive proper robust
    """
)
_FOLLOW_UPS = CONCRETE_VERBS | words("file record get open track decide pick choose")
"""Verbs that turn a vague start into a checkable task: "Review the 40 alerts … and delete"."""
_PERSON_TARGETS = words(
    "remind educate train training retrain awareness careful vigilant coach attention"
)
_CONDITIONS = words(
    "when whenever if unless above below exceeds exceed over under before after until"
)
MEASURE = re.compile(
    r"\d[\d,.]*\s*(?:%|percent|ms\b|milliseconds?|s\b|secs?\b|seconds?|m\b|mins?\b|minutes?|"
    r"h\b|hrs?\b|hours?|d\b|days?|weeks?|months?|x\b|times\b|[kmgt]i?b\b|k\b|rps|qps|rpm|"
    r"requests?|rows?|records?|connections?|replicas?|pods?|nodes?|hosts?|servers?|retries|"
    r"attempts?|errors?|messages?|characters?|chars?|users?|sites?|jobs?|shards?|partitions?|"
    r"zones?|regions?|steps?|parallel|per\b|/\s*s\b|-(?:minute|hour|day|second|week))|"
    r"(?:[<>≤≥]=?|over|under|above|below|at least|at most|up to|more than|less than|fewer than|"
    r"within|every|exceeds?|exceeding|to)\s*\d|\bfrom\s+\S+\s+to\s+\S+"
)
"""A number with a unit, a threshold or a from/to: what makes "more" checkable."""
ARTEFACT = re.compile(
    r"[a-z0-9][_/.:=()][a-z0-9(]|`|[\"“][^\"“”]+[\"”]|(?:^|\s)'[^']+'|"
    r"\b[a-z]+(?:-[a-z0-9]+)*-\d+[a-z0-9]*\b"
)
"""Something with a name of its own: orders.created_at, /api/checkout, db-7, a quoted string."""
TICKET = re.compile(r"\b[A-Z][A-Z0-9]+-\d+\b")


def _length(count: int) -> str:
    for limit, name in ((1, "1"), (3, "2-3"), (6, "4-6"), (10, "7-10")):
        if count <= limit:
            return f"=length:{name}"
    return "=length:11+"


def action_features(title: str) -> list[Key]:
    """The features of an action item's title that the vague-action model weighs."""
    lowered = lower(title)
    tokens = TOKEN.findall(lowered)
    if not tokens:
        return ["=empty"]
    mapped = ["<num>" if t[0].isdigit() else t for t in tokens]
    keys: list[Key] = [*mapped]
    keys += zip(["<s>", *mapped], [*mapped, "</s>"], strict=False)
    first = tokens[0]
    keys.append(f"=first:{first}")
    verb = "vague" if first in VAGUE_VERBS else "concrete" if first in CONCRETE_VERBS else "other"
    keys.append(f"=start:{verb}")
    content = [t for t in tokens[1:] if t not in _FUNCTION_WORDS and t != "?"]
    specific = [t for t in content if t not in GENERIC_OBJECTS and t not in _COMPARATIVES]
    keys.append(f"=specific:{min(len(specific), 3)}")
    keys.append(f"=start:{verb}:specific:{min(len(specific), 2)}")
    if not content:
        keys.append("=no-object")
    elif len(specific) == 0:
        keys.append("=generic-object")
    keys.append(_length(len(tokens)))
    measure = MEASURE.search(lowered) is not None
    if measure:
        keys.append("=measure")
    elif any(t[0].isdigit() for t in tokens):
        keys.append("=number-without-unit")
    if any(t in _COMPARATIVES for t in tokens) and not measure:
        keys.append("=comparative-without-measure")
    named = ARTEFACT.search(lowered) is not None
    if named:
        keys.append("=named-thing")
    if verb == "vague":
        follow_up = any(
            t in _FOLLOW_UPS and tokens[i - 1] in ("and", "then", "to")
            for i, t in enumerate(tokens[2:], start=2)
        )
        done = (
            "measured" if measure else "followed-up" if follow_up else "named" if named else "bare"
        )
        keys.append(f"=vague-start:{done}")
    if TICKET.search(title):
        keys.append("=ticket")
    if _CONDITIONS.intersection(tokens):
        keys.append("=condition")
    if _PERSON_TARGETS.intersection(tokens):
        keys.append("=aimed-at-people")
    if any(t in VAGUE_VERBS for t in tokens[1:4]) and verb != "concrete":
        keys.append("=vague-verb-early")
    return keys

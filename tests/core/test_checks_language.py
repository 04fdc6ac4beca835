"""Blameful language and vague actions: the seeds' BAD / GOOD pairs and the language guide."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.checks import reading
from agenda.checks.language import (
    assess_action,
    concludes_human_error,
    find_blame,
    is_vague_action,
    owner_problem,
)
from agenda.checks.model import BLAME, load_model
from agenda.checks.rules import chain_ends_at_person

PARTICIPANTS = ["@alice", "@bob", "John", "Sarah", "Priya Raman"]

BLAMEFUL = [
    ("Root cause: human error", "human-error"),
    ("The engineer failed to check the migration before deploying.", "person-failed"),
    ("The engineer incorrectly assumed the database was healthy.", "incorrectly-assumed"),
    ("Be more careful with migrations", "be-more-careful"),
    ("Sarah needs to be more careful", "be-more-careful"),
    ("DBA forgot to add index", "forgot"),
    ("John pushed bad code", "person-failed"),
    ("Engineer should have tested more carefully", "should-have"),
    ("Who caused this?", "who-caused"),
    ("The on-call didn't bother to check the dashboard", "character"),
    ("This was the developer's fault", "person-fault"),
    ("Careless deploy on a Friday afternoon", "character"),
    ("Negligence by the release manager", "character"),
    ("We should have known the table was that large", "should-have"),
    ("Nobody noticed the alert for 20 minutes", "nobody-noticed"),
    ("@bob missed the page at 14:12", "person-failed"),
    ("The engineer deployed without testing.", "person-failed"),
    ("Engineer pushed wrong config", "person-failed"),
    ("Operator error during the failover", "human-error"),
    ("Priya Raman did not check the replica lag", "person-failed"),
    ("The on-call engineer should have rolled back sooner", "should-have"),
    ("the developer made a mistake in the refactor", "person-failed"),
]

BLAMELESS = [
    "The deploy failed",
    "The alert failed to fire",
    "The migration should complete in 3 s",
    "At 14:15, available metrics (CPU 12%, connections 45/100, no error alerts) indicated the "
    "database was healthy.",
    "The monitoring did not surface the table lock",
    "Contributing factors: migration not tested against production-sized data",
    "Add guardrail: pre-migration hook that warns if the table has more than 1M rows",
    "The on-call acknowledged within 30 seconds",
    "Fault tolerance tests passed; a segmentation fault in the worker was unrelated",
    "Fault Tree Analysis may suit complex incidents better",
    "The test should have caught it, but staging holds 10K rows",
    "The health check should have a timeout",
    "Our review process didn't catch the issue",
    "Queries failed to acquire the lock within 30 s",
    "The pods failed to start after the rollout",
    "We rotated the API key at 14:05",
    "Error rate normalizes at 14:25",
    "What conditions allowed this?",
    "The runbook had no entry for 'migration locks table'",
    "pg_terminate_backend safely stopped the migration",
    "The pipeline did not check the table size before running the migration",
]


@pytest.mark.parametrize(("text", "rule"), BLAMEFUL)
def test_blameful_text_is_caught_with_a_rewrite(text: str, rule: str) -> None:
    found = find_blame(text, PARTICIPANTS)
    assert rule in [b.pattern.name for b in found], found
    assert all(b.pattern.suggestion for b in found)


@pytest.mark.parametrize("text", BLAMELESS)
def test_blameless_text_about_systems_stays_quiet(text: str) -> None:
    assert find_blame(text, PARTICIPANTS) == []


VAGUE = [
    "Improve migration testing",
    "Better monitoring",
    "Be more careful with migrations",
    "Improve monitoring",
    "Look into the alerting",
    "Investigate",
    "Investigate the issue",
    "Consider adding more tests",
    "Review processes",
    "Ensure better communication",
    "Make sure this doesn't happen again",
    "Improve processes",
]

SPECIFIC = [
    "Add CI check that runs migrations against production-sized synthetic data (50M rows)",
    "Reduce error rate alert for: from 10m to 3m",
    "Add pre-migration hook that warns if target table > 1M rows and migration contains "
    "non-concurrent CREATE INDEX",
    "Add alert for table lock duration > 5 minutes",
    "Add input validation to checkout config",
    "Add deployment smoke test for NullPointerException",
    "Add connection pool utilization alert",
    "Fix connection leak in new query",
    "Update database runbook with the manual failover procedure",
    "Add connection pool limit to load test",
    "Investigate why replica lag alerts fire 3 minutes late on db-7",
    "Document payment method lifecycle states in the payments wiki",
]


@pytest.mark.parametrize("title", VAGUE)
def test_vague_actions(title: str) -> None:
    assert is_vague_action(title)


@pytest.mark.parametrize("title", SPECIFIC)
def test_specific_actions(title: str) -> None:
    assert not is_vague_action(title)


@pytest.mark.parametrize(
    ("owner", "problem"),
    [
        ("", "no owner"),
        ("SRE team", "team"),
        ("@platform", "team"),
        ("everyone", "team"),
        ("devs", "team"),
        ("Dev Team", "team"),
        ("@alice, @bob", "more than one"),
        ("@alice and Sarah", "more than one"),
        ("@alice", ""),
        ("Priya Raman", ""),
        ("@dave", ""),
    ],
)
def test_owner_is_one_person(owner: str, problem: str) -> None:
    found = owner_problem(owner, PARTICIPANTS)
    assert (problem in found) if problem else found == ""


@pytest.mark.parametrize(
    "answer",
    [
        "The engineer ran the migration without CONCURRENTLY",
        "The developer refactored the repository class",
        "@bob deployed on a Friday afternoon",
        "Sarah approved the change",
        "Priya Raman restarted the wrong node",
        "On-call engineer misread the dashboard",
    ],
)
def test_chain_ending_at_a_person(answer: str) -> None:
    assert chain_ends_at_person(answer, PARTICIPANTS)


@pytest.mark.parametrize(
    "answer",
    [
        "The deploy pipeline has no table-size check",
        "The database ran out of connections",
        "We lack automated tests that verify connection pool behaviour",
        "The consuming team writes fixtures from the API schema",
        "There is no process requiring service contract documentation",
        "Staging holds 10K rows; production has 50M",
    ],
)
def test_chain_ending_at_a_system_is_fine(answer: str) -> None:
    assert not chain_ends_at_person(answer, PARTICIPANTS)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody is to blame for this incident; the deploy tool lacked a canary step.",
        "We do not treat this as human error: the runbook pointed at a retired command.",
        "The API returned a user error (HTTP 400) for every retry.",
        "The fault lies with the retry policy, which retried without backoff.",
        "It was the cache's fault that stale prices were served.",
        "Lazy-loading of the payment config delayed the first request by 2 seconds.",
        "We missed our 99.9% SLO for November.",
        "The SDK incorrectly assumed that timestamps were in UTC.",
        "The cron job forgot its lock file after the host moved.",
        "A forgotten feature flag from 2021 routed 5% of traffic to the old path.",
    ],
)
def test_review_false_alarms_stay_quiet(text: str) -> None:
    assert find_blame(text, PARTICIPANTS) == []


@pytest.mark.parametrize(
    "text",
    [
        "Engineers forget to run the migration check before deploying.",
        "He deployed on a Friday without telling anyone.",
        "The intern dropped the production table.",
        "The release manager rushed the rollout and skipped the canary.",
        "The reviewer rubber-stamped the pull request.",
        "It was the DBA's fault.",
    ],
)
def test_review_misses_are_caught(text: str) -> None:
    assert find_blame(text, PARTICIPANTS)


@pytest.mark.parametrize(
    "title",
    [
        "Remind engineers to be more careful with deploys",
        "Educate the team about feature flags",
        "Train on-call engineers",
        "Fix monitoring",
        "Add more tests",
    ],
)
def test_review_vague_actions(title: str) -> None:
    assert is_vague_action(title)


# ---- blame as people really write it (issue 16) ---------------------------------------------

PEOPLE_AS_CAUSE = [
    "A technician at the colocation site failed to reseat the fibre.",
    "The staffer never checked which switch port she was patching.",
    "An intern deleted the billing bucket while testing a script.",
    "Our sysadmin overlooked the expiry warning.",
    "Mike skipped the canary and promoted straight to production.",
    "The operator on the overnight shift, tired after a double, ignored the alarm.",
    "It was a contractor who left the debug endpoint open.",
    "Why didn't you roll back when the errors started?",
    "The admin mistakenly applied the deny-all policy to the production VPC.",
    "An employee inadvertently emailed the salary spreadsheet to the whole company.",
    "The developer deployed the wrong build to the payment gateway.",
    "The engineer shipped the schema change without proper review.",
    "The outage was traced to a mistake by a single network engineer.",
    "Investigators blamed the crash on developer error.",
    "The technician made the critical error of unplugging the primary feed.",
    "The employee responsible will be counselled.",
    "Everyone needs to double-check their typing in the production console.",
    "Our ops guy fat-fingered the route map.",
    "The bumbling admin messed up the certificate rotation.",
    "The data loss reflects a lack of care by the operators.",
]

NOT_BLAME = [
    "The replication job failed to copy the last WAL segment.",
    "The circuit breaker should open after five consecutive timeouts.",
    "The error rate stayed under 0.1% for the rest of the day.",
    "The on-call engineer restarted the consumer group at 03:10, which cleared the backlog.",
    "It was not the technician's fault; the breaker labels were swapped.",
    "The question isn't who typed the command but why the tool accepted it.",
    "Human error is where an investigation begins, not where it ends.",
    "We had no alerting on the certificate expiry dates.",
    "We did not have a tested restore procedure for the search cluster.",
    "The admin followed the runbook, which pointed at the retired host.",
]


@pytest.mark.parametrize("text", PEOPLE_AS_CAUSE)
def test_people_made_the_cause_are_caught(text: str) -> None:
    found = find_blame(text)
    assert found, text
    assert found[0].pattern.suggestion and found[0].phrase


@pytest.mark.parametrize("text", NOT_BLAME)
def test_systems_negated_or_discussed_blame_and_organisational_gaps_stay_quiet(
    text: str,
) -> None:
    assert find_blame(text) == []


def test_each_sentence_is_one_finding_with_its_strongest_cue() -> None:
    text = "The deploy finished at 14:02. The engineer then accidentally dropped the index."
    found = find_blame(text)
    assert len(found) == 1
    assert found[0].phrase == "accidentally"
    assert found[0].pattern.name == "fault-adverb"
    assert 0.5 < found[0].confidence <= 1


def test_explain_says_which_rules_and_features_weighed() -> None:
    (blame,) = find_blame("The contractor mistakenly pulled the wrong plug.", explain=True)
    assert any(r.startswith("rule fault-adverb") and "about a person" in r for r in blame.reasons)
    assert blame.reasons[-1].startswith("strongest features: ")
    assert find_blame("The contractor mistakenly pulled the wrong plug.")[0].reasons == ()


def test_a_participant_is_a_person_even_with_an_unusual_name() -> None:
    assert find_blame("Xiomara ignored the disk alert.", ["Xiomara"])
    assert find_blame("@zed ignored the disk alert.")


@pytest.mark.parametrize(
    ("text", "concluded"),
    [
        ("Root cause: human error", True),
        ("Operator error during the failover", True),
        ("Developer error in the payment handler", True),
        ("This was not human error: the runbook pointed at a retired command", False),
        ('We no longer write "human error" as a root cause', False),
        ("Human error is the start of the investigation, not the conclusion", False),
    ],
)
def test_human_error_as_a_conclusion(text: str, concluded: bool) -> None:
    assert concludes_human_error(text) is concluded


VAGUE_AS_WRITTEN = [
    "Discuss alerting strategy with the SRE team",
    "Communicate changes earlier",
    "Evaluate our CDN options",
    "Revise the escalation policy",
    "Assess backup coverage",
    "Tune the database",
    "Figure out the retry behaviour",
    "Strengthen change management",
    "Enhance logging",
    "Training on the deploy tool",
    "Improve the monitoring and alerting for the payments database cluster and its replicas",
    "Review the 2023 incidents",
    "More alerts on the checkout service",
]

SPECIFIC_AS_WRITTEN = [
    "Tune the disk alert from 90% to 80% on the search cluster",
    "Add a 5-minute timeout to the nightly export job",
    "Evaluate Redis and Memcached at 20k rps and record the choice in ADR-7",
    "Page the database on-call when replication lag exceeds 30 s",
    "Rotate the leaked deploy key and revoke the old one",
]


@pytest.mark.parametrize("title", VAGUE_AS_WRITTEN)
def test_vague_actions_as_people_write_them(title: str) -> None:
    reading = assess_action(title)
    assert reading.vague and 0.5 < reading.confidence <= 1


@pytest.mark.parametrize("title", SPECIFIC_AS_WRITTEN)
def test_specific_actions_as_people_write_them(title: str) -> None:
    assert not assess_action(title).vague


# ---- the whole-text pre-filter ------------------------------------------------------------

_SOUP = [
    *sorted(reading._TRIGGERS)[::7],
    *sorted(reading._PERSON_WORDS)[::40],
    *sorted(reading._WE_WORDS),
    "@bob",
    "bob's",
    "ana",
    "the",
    "alert",
    "pipeline",
    "deploy",
    "rolled",
    "back",
    "v3.2",
    "error",
    "rate",
    "14:05",
    "it",
    "was",
    "not",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(_SOUP) | st.sampled_from([".", ";", "?", ":", "!", "\n", ",", '"']),
        max_size=25,
    ),
    st.sampled_from([frozenset(), frozenset({"bob", "ana"})]),
)
def test_a_text_the_prefilter_passes_over_has_no_sentence_to_weigh(
    words: list[str], names: frozenset[str]
) -> None:
    """`may_blame` decides a whole text at once only where every one of its sentences would
    have been decided without weighing: it changes how fast, never what is found."""
    lowered = reading.lower(" ".join(words))
    if reading.may_blame(lowered, names):
        return
    model = load_model(BLAME)
    for start, end in reading.sentences(lowered):
        assert reading.score_sentence(lowered[start:end], model.weights, model.bias, names) is None


def test_the_prefilter_passes_over_system_events_only() -> None:
    assert not reading.may_blame("error rate crosses 5% on checkout; p95 4.2 s", frozenset())
    assert not reading.may_blame("the alert failed to fire because of its window", frozenset())
    assert reading.may_blame("the engineer failed to check the dashboard", frozenset())
    assert reading.may_blame("we failed to check the dashboard", frozenset())
    assert reading.may_blame("bob's change broke it", frozenset({"bob"}))
    assert reading.may_blame("ping @ana", frozenset())
    assert reading.may_blame("a careless change", frozenset())


@pytest.mark.parametrize(
    "text",
    [
        "team-member-1 ran rm -rf on the wrong server.",  # GitLab, 2017-01-31
        "Team-member-1 should have checked which host he was on.",
        "db-admin-2 failed to notice the replica was behind.",
        "engineer-b deleted the replica by mistake.",
    ],
)
def test_a_person_named_by_a_numbered_role_is_a_person(text: str) -> None:
    """Published postmortems name people this way; the checks read them as people."""
    assert find_blame(text)
    assert chain_ends_at_person(text, [])


@pytest.mark.parametrize(
    "text", ["worker-3 failed to drain the queue.", "db-replica-2 failed to sync the WAL."]
)
def test_a_numbered_host_or_worker_is_not_a_person(text: str) -> None:
    assert find_blame(text) == [] and not chain_ends_at_person(text, [])

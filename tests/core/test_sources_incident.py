"""One invented incident seen by every source: one time-ordered timeline, the same moment folded
into one event that lists every source, nothing added twice."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from agenda.export import to_markdown
from agenda.history import History
from agenda.model import EventKind, Session
from agenda.sources.merge import ImportPlan, import_edit, plan_import
from agenda.sources.read import read_sources
from agenda.sources.records import ReadOptions
from agenda.storage import load_session, save_session
from agenda.vocabulary import SourceKind
from tests.helpers import SOURCES

INCIDENT = SOURCES / "incident"
MACHINES = [
    "slack-export",
    "pagerduty-log-entries.json",
    "alertmanager-webhooks.ndjson",
    "opsgenie-alert-logs.json",
    "git-log.txt",
    "github-deployments.json",
    "github-statuses-1001.json",
    "github-statuses-1002.json",
    "support-tickets.csv",
    "priya.bash_history",
    "marco.zsh_history",
]
EVERYTHING = ["postmortem-draft.md", *MACHINES]

EXPECTED = [
    ("03-11 23:21:45", "deploy", "Tidy checkout log fields [0f1e2d3c, tag: v4.1]", "git"),
    (
        "03-12 13:58:10",
        "deploy",
        "Merge pull request #812 from acme/cache-saved-methods (merge) "
        "[a1b2c3d4, tag: v4.2, landed by GitHub]",
        "git",
    ),
    ("03-12 14:00:00", "command", "$ kubectl -n checkout rollout status deploy/checkout", "bash"),
    ("03-12 14:02:00", "human", "v4.2 rollout completes (24 pods)", "text"),
    (
        "03-12 14:02:30",
        "deploy",
        "Deployed v4.2 (a1b2c3d4) to production: Rollout complete: 24/24 pods",
        "github",
    ),
    ("03-12 14:05:00", "human", "First payment failures at checkout", "text"),
    ("03-12 14:05:00", "human", 'First ticket: "payment failed" at checkout', "csv"),
    ("03-12 14:06:40", "chat", "anyone else seeing payment failures? 3 tickets in 5 min", "slack"),
    (
        "03-12 14:07:00",
        "alert",
        "CheckoutErrorRate alert fires",
        "text alertmanager pagerduty opsgenie slack",
    ),
    ("03-12 14:07:05", "alert", "Notified Priya Natarajan by push notification.", "pagerduty"),
    ("03-12 14:09:20", "alert", "Viewed on [web]", "opsgenie"),
    (
        "03-12 14:09:30",
        "alert",
        "Firing: CheckoutLatencyHigh (service=checkout, severity=ticket) — checkout p99 above 2s",
        "alertmanager",
    ),
    ("03-12 14:09:40", "alert", "Acknowledged by Priya Natarajan.", "pagerduty opsgenie slack"),
    ("03-12 14:10:05", "chat", "on it too", "slack"),
    (
        "03-12 14:10:05",
        "chat",
        "@here checkout 5xx spiking since ~14:05, looking. v4.2 went out at 14:02: release notes "
        "(https://github.com/acme/checkout/releases/tag/v4.2)",
        "slack",
    ),
    (
        "03-12 14:11:30",
        "chat",
        "↳ @priya.n payments dashboard shows NPE in PaymentHandler & retries > 3x, see #payments",
        "slack",
    ),
    (
        "03-12 14:14:02",
        "command",
        "$ kubectl -n checkout logs deploy/checkout --since=15m \\",
        "bash",
    ),
    (
        "03-12 14:15:30",
        "chat",
        "roll back to v4.1 (the NPE is only in the v4.2 code path)",
        "slack",
    ),
    (
        "03-12 14:16:10",
        "command",
        "$ helm rollback checkout 41 -n checkout --wait  (ran 1m 35s)",
        "zsh",
    ),
    (
        "03-12 14:16:30",
        "alert",
        "Note: Rolling back to v4.1; NPE in PaymentHandler.resolveSavedMethod",
        "pagerduty",
    ),
    ("03-12 14:16:45", "command", "$ kubectl -n checkout get pods ", "zsh"),
    ("03-12 14:18:00", "human", "Nine tickets in ten minutes, all with saved cards", "csv"),
    (
        "03-12 14:18:20",
        "command",
        "$ for pod in $(kubectl -n checkout get pods -o name); do",
        "bash",
    ),
    ("03-12 14:20:00", "human", "Rollback to v4.1 complete", "text"),
    (
        "03-12 14:20:15",
        "deploy",
        "Deployed v4.1 (0f1e2d3c) to production: Rollout complete: 24/24 pods",
        "github",
    ),
    ("03-12 14:24:00", "chat", "error rate back to baseline on the dashboard", "slack"),
    ("03-12 14:25:00", "command", '$ echo "rollback done ⚠ — watching"', "zsh"),
    (
        "03-12 14:26:40",
        "deploy",
        'Revert "Cache saved payment methods in the checkout session (#812)" '
        "[5e6f7a8b, HEAD -> main, origin/main]",
        "git",
    ),
    ("03-12 14:31:00", "alert", "Incident resolved", "text alertmanager pagerduty opsgenie slack"),
    ("03-12 14:40:00", "human", "Status page updated: resolved", "csv"),
]


def plan(session: Session, names: list[str]) -> ImportPlan:
    parsed = read_sources([str(INCIDENT / n) for n in names], ReadOptions(day=date(2024, 3, 12)))
    assert not parsed.problems
    return plan_import(session, parsed.records)


def timeline(session: Session) -> list[tuple[str, str, str, str]]:
    return [
        (
            f"{e.at:%m-%d %H:%M:%S}",
            e.source.value,
            e.description.splitlines()[0],
            " ".join(s.kind.value for s in e.sources),
        )
        for e in session.sorted_timeline()
    ]


def imported(names: list[str] = EVERYTHING) -> Session:
    session = Session()
    import_edit(session, plan(session, names)).apply(session)
    return session


def test_every_source_of_one_incident_makes_one_folded_timeline() -> None:
    session = imported()
    assert timeline(session) == EXPECTED
    fired = next(e for e in session.timeline if e.description == "CheckoutErrorRate alert fires")
    assert [(s.kind, s.ref, s.who, s.at) for s in fired.sources] == [
        (SourceKind.TEXT, "postmortem-draft.md:12", "", None),
        (
            SourceKind.ALERTMANAGER,
            "5ad8f2c1e0b94d7a firing 2024-03-12T14:07:00.123456+00:00",
            "",
            datetime(2024, 3, 12, 14, 7, 0, 123456, tzinfo=UTC),
        ),
        (
            SourceKind.PAGERDUTY,
            "R2TRGW3K8M2P5",
            "Prometheus Alertmanager",
            datetime(2024, 3, 12, 14, 7, 4, tzinfo=UTC),
        ),
        (
            SourceKind.OPSGENIE,
            "1710252425250_1710252425250000000",
            "System",
            datetime(2024, 3, 12, 14, 7, 5, 250000, tzinfo=UTC),
        ),
        (
            SourceKind.SLACK,
            "#inc-checkout/1710252426.001200",
            "PagerDuty",
            datetime(2024, 3, 12, 14, 7, 6, 1200, tzinfo=UTC),
        ),
    ]
    assert fired.sources[2].text.startswith("Triggered through the API.")


def test_what_each_event_keeps() -> None:
    session = imported()
    by_text = {e.description.splitlines()[0]: e for e in session.timeline}
    assert by_text["First payment failures at checkout"].approximate
    decision = by_text["roll back to v4.1 (the NPE is only in the v4.2 code path)"]
    assert decision.kind is EventKind.DECISION and decision.who == "priya.n"
    assert by_text["First payment failures at checkout"].description.splitlines()[1] == (
        "Seen later in support tickets; no dashboard was open"
    )
    assert [e.id for e in session.timeline] == [f"E{n}" for n in range(1, 31)]


def test_importing_again_adds_nothing() -> None:
    session = imported()
    again = plan(session, EVERYTHING)
    assert again.rows == [] and again.already == 40


def test_a_later_import_folds_into_the_events_already_there() -> None:
    session = imported(["postmortem-draft.md"])
    assert [e.description for e in session.timeline][2] == "CheckoutErrorRate alert fires"
    later = plan(session, MACHINES)
    labels = [(r.record.kind.value, r.label()) for r in later.rows if r.into]
    assert labels == [
        ("alertmanager", "folds into E3"),
        ("pagerduty", "folds into E3"),
        ("opsgenie", "folds into E3"),
        ("slack", "folds into E3"),
        ("alertmanager", "folds into E5"),
        ("pagerduty", "folds into E5"),
        ("opsgenie", "folds into E5"),
        ("slack", "folds into E5"),
    ]
    history = History()
    history.do(session, import_edit(session, later))
    # an event already there keeps what it was given, its source included
    assert [(t, d, k) for t, _, d, k in timeline(session)] == [(t, d, k) for t, _, d, k in EXPECTED]
    history.undo(session)
    assert timeline(session) == timeline(imported(["postmortem-draft.md"]))
    history.redo(session)
    assert len(session.timeline[2].sources) == 5


def test_unticked_rows_stay_out_and_the_next_source_leads_the_moment() -> None:
    session = Session()
    found = plan(session, EVERYTHING)
    fires = next(
        i for i, r in enumerate(found.rows) if r.record.text == "CheckoutErrorRate alert fires"
    )
    chosen = [i for i in range(len(found.rows)) if i != fires]
    import_edit(session, found, chosen).apply(session)
    moment = next(
        e for e in session.timeline if e.at.strftime("%H:%M") == "14:07" and len(e.sources) > 1
    )
    assert moment.description.startswith("Firing: CheckoutErrorRate")
    assert [s.kind.value for s in moment.sources] == [
        "alertmanager",
        "pagerduty",
        "opsgenie",
        "slack",
    ]
    assert len(session.timeline) == len(EXPECTED)


def test_imported_events_survive_save_and_load(tmp_path: Path) -> None:
    session = imported()
    path = tmp_path / "s.toml"
    save_session(session, path)
    assert load_session(path) == session
    text = path.read_text(encoding="utf-8")
    assert "[[timeline.sources]]" in text and 'who = "priya.n"' in text
    assert (
        "approximate = true" in text
        and 'who = ""' not in text
        and "approximate = false" not in text
    )


def test_the_document_shows_who_and_the_sources() -> None:
    markdown = to_markdown(imported())
    row = next(line for line in markdown.splitlines() if "CheckoutErrorRate alert fires" in line)
    assert "_Sources:_ text (postmortem-draft.md:12) · alertmanager (5ad8f2c1e0b94d7a firing" in row
    assert "pagerduty (R2TRGW3K8M2P5, 14:07:04, Prometheus Alertmanager)" in row
    assert "| ~2024-03-12 14:05 |" in markdown
    decision = next(line for line in markdown.splitlines() if "roll back to v4.1 (the NPE" in line)
    assert "_Who:_ priya.n" in decision

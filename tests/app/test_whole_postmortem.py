"""Acceptance: a whole postmortem from `facilitator new` to the exported document, written in
the app alone (no TOML touched), every section of the document filled."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, Tree

from agenda import load_session
from agenda.publish import document_path
from facilitator.commands import new
from facilitator.dialogs.action_form import ActionForm
from facilitator.dialogs.analysis_forms import PickDialog, WhyForm
from facilitator.dialogs.dissent import DissentDialog
from facilitator.dialogs.text_entry import TextEntry
from facilitator.widgets.timeline_table import TimelineTable
from tests.app.support import AppPilot, build_app, loaded, settle
from tests.app.test_opening_editor import pick, type_in
from tests.helpers import FakeNow

TIMELINE = (
    "13:42 deploy: WAF rule with a catastrophic-backtracking regex deployed globally",
    "13:45 alert: CPU exhaustion on every HTTP/HTTPS edge machine; 502s worldwide",
    "14:02 decision: Global terminate of the WAF managed rules",
    "14:09 Traffic and CPU back to normal",
    "14:52 WAF managed rules re-enabled after the rule was removed",
)


async def answer_why(pilot: AppPilot, key: str, **values: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, WhyForm)
    for name, value in values.items():
        form.query_one(f"#{name}", Input).value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


async def write(pilot: AppPilot, key: str, text: str, submit: str = "enter") -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextEntry)
    entry = pilot.app.screen.query_one("#entry")
    if isinstance(entry, Input):
        entry.value = text
    else:
        entry.text = text  # type: ignore[attr-defined]
    await pilot.press(submit)
    await pilot.pause()


@pytest.mark.slow
async def test_a_whole_postmortem_from_new_to_export(tmp_path: Path) -> None:
    path = tmp_path / "cloudflare-waf.toml"
    people = ["--participant", "@ana:on-call SRE", "--participant", "@ben:WAF engineer"]
    created = new.run(
        [str(path), "--date", "2019-07-02", "--facilitator", "@fay", "--scribe", "@sam", *people]
    )
    assert created == 0
    now = FakeNow(datetime(2019, 7, 4, 15, 0, tzinfo=UTC))
    app = build_app(path, now=now)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        # The opening: the header and the people.
        header = {
            "incident.title": "WAF regex took every edge CPU",
            "incident.id": "INC-2019-0702",
            "incident.services": "waf, edge-proxy",
            "incident.summary": "A WAF rule's regex backtracked and exhausted CPU on every "
            "edge machine: 82% of requests failed with 502 for 27 minutes.",
            "incident.impact.users": "Every customer proxied through the edge",
            "incident.trigger": "A new WAF managed rule deployed globally at once",
            "incident.detection": "CPU exhaustion alerts three minutes after the deploy",
            "incident.resolution": "A global terminate of the WAF managed rules",
        }
        for field, text in header.items():
            await type_in(pilot, app, field, text)
        await pick(pilot, app, "incident.severity", "SEV1")
        await pick(pilot, app, "incident.severity_answers.core_flow", "down")
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#entry", Input).value = "@cat:comms"
        await pilot.press("enter", "ctrl+t", "ctrl+n")  # the clock starts; to the timeline
        await pilot.pause()

        # The timeline, dated from the incident's date, with its key times.
        for line in TIMELINE:
            quick = app.screen.query_one("#quick-add", Input)
            quick.value = line
            await pilot.press("enter")
            await pilot.pause()
        table = app.screen.query_one("#events", TimelineTable)
        table.focus()
        for event_id, number in (("E1", "1"), ("E2", "2"), ("E3", "3"), ("E4", "4")):
            table.select_event(event_id)
            await pilot.press("k", number)
            await pilot.pause()
        table.select_event("E5")
        await pilot.press("k", "5")
        await pilot.pause()
        assert [e.at.date().isoformat() for e in app.session.timeline] == ["2019-07-02"] * 5
        await pilot.press("ctrl+n")
        await pilot.pause()

        # The analysis: a chain of whys, a factor promoted from it, the four lists.
        app.screen.query_one("#whys", Tree).focus()
        await answer_why(pilot, "r", question="Every edge machine ran out of CPU at once")
        await answer_why(pilot, "w", answer="A WAF regex backtracked catastrophically")
        await answer_why(pilot, "w", answer="The rule went to every machine at once")
        await answer_why(
            pilot,
            "w",
            answer="WAF rules skip the staged rollout other code gets",
            evidence="`deploy.yml` has no canary stage for rules",
        )
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("down", "enter")  # a process factor
        await pilot.pause()
        for name, line in (
            ("went-well", "The global WAF kill switch worked in seconds"),
            ("went-poorly", "The dashboards were behind the failing edge"),
            ("lucky", "It happened in the working day of the WAF team"),
            ("lessons", "A rule is code: it needs the rollout code gets"),
        ):
            adder = app.screen.query_one(f"#list-{name} .note-add", Input)
            adder.focus()
            adder.value = line
            await pilot.press("enter")
            await pilot.pause()

        # An action for the factor, its owner completed from the participants.
        app.screen.query_one("#factors", OptionList).focus()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#title", Input).value = "Stage WAF rule rollouts like code: canary first"
        form.query_one("#owner", Input).value = "be"
        form.query_one("#due", Input).value = "2019-07-31"
        form.query_one("#ticket", Input).value = "WAF-1234"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.actions[0].owner == "@ben"
        await pilot.press("f4")  # a dissenting view, about the factor
        await pilot.pause()
        assert isinstance(app.screen, DissentDialog)
        app.screen.query_one("#view", Input).value = "A regex engine with a time bound matters more"
        app.screen.query_one("#holder", Input).value = "@ana"
        app.screen.query_one("#about", Select).value = "factor:F1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await write(pilot, "f5", "Should the WAF run in its own CPU budget?")
        await pilot.press("ctrl+n", "ctrl+n")  # the action items, then the closing
        await pilot.pause()

        # The closing: learnings, the follow-up, and the owner's confirmation.
        owners = app.screen.query_one("#owners")
        owners.focus()
        await pilot.press("c")
        await write(pilot, "l", "Config is code; so is a regex.", submit="ctrl+s")
        await write(pilot, "u", "2019-07-18")
        await pilot.press("ctrl+e", "ctrl+s")
        await settle(app)
        await pilot.pause()
        assert not app.dirty

    document = document_path(path).read_text(encoding="utf-8")
    sections = re.split(r"^## ", document, flags=re.MULTILINE)[1:]
    assert len(sections) >= 14
    for section in sections:
        title, _, body = section.partition("\n")
        if title == "Review":
            continue  # reviewers sign off after the meeting (facilitator review), not in it
        assert body.strip(), title
        assert not re.search(r"^_No |\bnone\b", body.strip()), (title, body)
    view = "| A regex engine with a time bound matters more | @ana |"
    assert f"{view} F1: WAF rules skip the staged rollout other code gets |" in document
    assert (
        "| A1 | Stage WAF rule rollouts like code: canary first | @ben | 2019-07-31 |" in document
    )
    assert "| 13:42 | event | deploy |" in document and "| Date | 2019-07-02 |" in document
    assert load_session(path) == app.session

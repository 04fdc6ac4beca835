"""Markdown export: the whole document, valid GFM tables, and user text that cannot break out."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from agenda import load_session
from agenda.export import to_markdown
from agenda.model import (
    Action,
    Dissent,
    Event,
    EventKind,
    Factor,
    MeetingMode,
    Session,
    WhyNode,
)
from tests.helpers import SAMPLES

PARSER = MarkdownIt("commonmark").enable("table")

HOSTILE = [
    "a | b | c",
    "lone\rcarriage | return",
    "x\r\r| y",
    "foo\r---",
    "ends with a hash #",
    "escaped \\| pipe",
    "line one\nline two",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "---",
    "```\ncode fence\n```",
    "[link](javascript:alert(1))",
    "**bold** _em_ `code` ~~strike~~",
    "&lt;entity&gt; &amp;",
    "trailing backslash \\",
    "[bold]x[/] [@click=app.quit]y[/]",
    "    indented code",
    "> quote",
]


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts, parsed by a real GFM-table parser."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    row: list[str] = []
    tokens = PARSER.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            inline = tokens[index + 1]
            row.append(inline.content if inline.type == "inline" else "")
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "table_close":
            found.append(rows)
    return found


def html_tokens(markdown: str) -> list[Token]:
    out = []
    for token in PARSER.parse(markdown):
        if token.type == "html_block":
            out.append(token)
        for child in token.children or []:
            if child.type == "html_inline" and child.content != "<br>":
                out.append(child)
    return out


def hostile_session() -> Session:
    t = datetime(2024, 1, 15, 14, 0, tzinfo=UTC)
    return Session(
        incident={"title": HOSTILE[0], "summary": "\n".join(HOSTILE), "services": HOSTILE[:2]},
        timeline=[
            Event(id=f"E{i}", at=t, description=text, known=text, kind=EventKind.DECISION)
            for i, text in enumerate(HOSTILE, start=1)
        ],
        analysis={
            "whys": [WhyNode(id="W1", question=HOSTILE[2])]
            + [
                WhyNode(id=f"W{i}", parent=f"W{i - 1}", question=text, answer=text, evidence=text)
                for i, text in enumerate(HOSTILE, start=2)
            ],
            "factors": [Factor(id="F1", title=HOSTILE[0], description=HOSTILE[1])],
            "went_well": HOSTILE,
            "lessons": HOSTILE,
            "key_learnings": "\n".join(HOSTILE),
        },
        dissent=[Dissent(id="D1", view=HOSTILE[0], holder=HOSTILE[2], about="factor:F1")],
        actions=[
            Action(id=f"A{i}", title=text, owner=text, ticket=text, due=date(2024, 2, 1))
            for i, text in enumerate(HOSTILE, start=1)
        ],
    )


SEPARATOR = re.compile(r"(?<!\\)(?:\\\\)*\|")
"""A pipe that separates cells: not escaped by an odd number of backslashes."""


def raw_tables(markdown: str) -> list[list[str]]:
    """Each table's source lines, header and delimiter included."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def assert_well_formed(markdown: str) -> None:
    """Every row has as many cells as its header, in the source and as parsed; no HTML."""
    parsed, raw = tables(markdown), raw_tables(markdown)
    assert parsed and len(parsed) == len(raw)
    for rows, lines in zip(parsed, raw, strict=True):
        pipes = {len(SEPARATOR.findall(line)) for line in lines}
        assert len(pipes) == 1, lines
        assert len(rows) == len(lines) - 1, (rows, lines)
        assert all(len(row) == len(rows[0]) for row in rows), rows
    assert html_tokens(markdown) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_samples_export_to_well_formed_gfm(sample: Path) -> None:
    session = load_session(sample)
    markdown = to_markdown(session)
    assert_well_formed(markdown)
    for action in session.actions:
        assert action.owner in markdown.replace("\\", "")
        assert action.due is not None and action.due.isoformat() in markdown


def test_hostile_text_keeps_every_table_whole_and_injects_no_html() -> None:
    session = hostile_session()
    markdown = to_markdown(session)
    assert_well_formed(markdown)
    timeline = next(rows for rows in tables(markdown) if rows[0][0] == "Time")
    assert len(timeline) == 1 + len(session.timeline)
    actions = next(rows for rows in tables(markdown) if rows[0][:2] == ["#", "Action"])
    assert [row[0] for row in actions[1:]] == [a.id for a in session.actions]


def test_the_table_check_catches_a_broken_row() -> None:
    broken = "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"
    with pytest.raises(AssertionError):
        assert_well_formed(broken)


def test_hostile_text_reads_back_literally() -> None:
    markdown = to_markdown(hostile_session())
    rendered = PARSER.render(markdown)
    assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert 'href="javascript' not in rendered
    assert "[bold]x[/] [@click=app.quit]y[/]" in rendered
    assert "a | b | c" in rendered
    assert "&amp;lt;entity&amp;gt; &amp;amp;" in rendered


def test_heading_structure_cannot_be_broken_by_user_text() -> None:
    headings = [
        PARSER.parse(to_markdown(hostile_session()))[i + 1].content
        for i, token in enumerate(PARSER.parse(to_markdown(hostile_session())))
        if token.type == "heading_open"
    ]
    assert headings[0].startswith("Postmortem: a")
    assert "not a heading" not in " ".join(headings)
    assert "Action items" in headings and "Meeting record" in headings


def test_document_has_every_section_in_order() -> None:
    markdown = to_markdown(hostile_session())
    order = [
        "# Postmortem:",
        "## Summary",
        "## Impact",
        "## Key times",
        "## Timeline (UTC)",
        "## Root causes",
        "### 5 Whys",
        "### Contributing factors",
        "## What went well",
        "## What went poorly",
        "## Where we got lucky",
        "## Dissenting views",
        "## Action items",
        "## Lessons learned",
        "## Parking lot",
        "## Meeting record",
    ]
    positions = [markdown.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_meeting_record_says_how_long_each_phase_ran() -> None:
    session = Session.model_validate(
        {
            "meeting": {
                "phases": [
                    {
                        "phase": "opening",
                        "started": datetime(2024, 1, 17, 10, 0, tzinfo=UTC),
                        "ended": datetime(2024, 1, 17, 10, 5, tzinfo=UTC),
                    },
                    {
                        "phase": "timeline",
                        "started": datetime(2024, 1, 17, 10, 5, tzinfo=UTC),
                        "ended": datetime(2024, 1, 17, 10, 27, tzinfo=UTC),
                    },
                ]
            }
        }
    )
    rows = tables(to_markdown(session))[-1]
    assert rows[0] == ["Phase", "Planned", "Extended", "Actual", "Note"]
    assert rows[2] == ["Timeline review", "15 min", "—", "22 min", "ran 22 min of 15"]
    assert rows[3][:4] == ["Analysis", "20 min", "—", "—"]


def test_meeting_record_shows_the_minutes_the_room_added() -> None:
    session = Session.model_validate(
        {
            "meeting": {
                "phases": [
                    {
                        "phase": "timeline",
                        "started": datetime(2024, 1, 17, 10, 5, tzinfo=UTC),
                        "ended": datetime(2024, 1, 17, 10, 25, tzinfo=UTC),
                        "extended_minutes": 5,
                    },
                    {
                        "phase": "analysis",
                        "started": datetime(2024, 1, 17, 10, 25, tzinfo=UTC),
                        "ended": datetime(2024, 1, 17, 10, 55, tzinfo=UTC),
                        "extended_minutes": 5,
                    },
                ]
            }
        }
    )
    rows = {row[0]: row for row in tables(to_markdown(session))[-1]}
    assert rows["Timeline review"] == ["Timeline review", "15 min", "+5 min", "20 min", ""]
    assert rows["Analysis"] == ["Analysis", "20 min", "+5 min", "30 min", "ran 30 min of 25"]


def test_empty_session_exports_with_placeholders() -> None:
    markdown = to_markdown(Session())
    assert "_No events yet._" in markdown and "_No action items yet._" in markdown
    assert_well_formed(markdown)


# ---- issue #11: only what was filled, root causes, impact and effort, code, async, zone -------


def test_fields_never_filled_are_left_out() -> None:
    session = Session()
    session.incident.impact.users = "All EU users"
    assert "_No key times marked yet._" in to_markdown(session)
    session.incident.times.detected = datetime(2024, 1, 15, 14, 5, tzinfo=UTC)
    markdown = to_markdown(session)
    assert "| Detected | 2024-01-15 14:05 UTC |" in markdown
    assert "Resolved" not in markdown and "Time to detect" not in markdown
    assert "- **Users affected:** All EU users" in markdown
    for absent in ("Revenue", "Error budget", "SLA breached", "Trigger.", "| Incident |"):
        assert absent not in markdown
    assert "—" not in markdown.split("## Summary")[0].replace("| Field | Value |", "")


def test_root_causes_head_the_whys_and_the_factors() -> None:
    headings = [
        (token.tag, PARSER.parse(to_markdown(load_session(SAMPLES[0])))[i + 1].content)
        for i, token in enumerate(PARSER.parse(to_markdown(load_session(SAMPLES[0]))))
        if token.type == "heading_open"
    ]
    start = headings.index(("h2", "Root causes"))
    assert headings[start + 1] == ("h3", "5 Whys")
    assert headings[start + 2][0] == "h4" and headings[start + 2][1].startswith("Chain 1")
    assert ("h3", "Contributing factors") in headings[start:]
    assert headings[headings.index(("h3", "Contributing factors")) + 1][0] == "h2"


def test_the_actions_table_shows_impact_and_effort() -> None:
    session = load_session(SAMPLES[0])
    rows = next(t for t in tables(to_markdown(session)) if t[0][1] == "Action")
    impact, effort = rows[0].index("Impact"), rows[0].index("Effort")
    first = session.actions[0]
    assert rows[1][impact] == (first.impact.value if first.impact else "—")
    assert rows[1][effort] == (first.effort.value if first.effort else "—")


@pytest.mark.parametrize(
    ("evidence", "spans"),
    [
        (
            "NPE at PaymentHandler.resolveSavedMethod(id).",
            ["PaymentHandler.resolveSavedMethod(id)"],
        ),
        (
            "$ deployctl rollback checkout --to v3.1.4",
            ["$ deployctl rollback checkout --to v3.1.4"],
        ),
        ("pool_size=20 in src/db/pool.py:41", ["pool_size=20", "src/db/pool.py:41"]),
        ("ran `kubectl get pods -n pay` twice", ["kubectl get pods -n pay"]),
        ("The graph on the dashboard, v3.1.4 and e.g. PR #12", []),
        ("a ``` b", []),
    ],
)
def test_evidence_that_looks_like_code_is_in_code_spans(evidence: str, spans: list[str]) -> None:
    session = Session(analysis={"whys": [WhyNode(id="W1", question="q", evidence=evidence)]})
    session.analysis.whys.append(WhyNode(id="W2", parent="W1", question="w", evidence=evidence))
    found = [
        child.content
        for token in PARSER.parse(to_markdown(session))
        for child in token.children or []
        if child.type == "code_inline"
    ]
    assert found == spans


def test_an_async_document_has_no_meeting_record() -> None:
    session = load_session(SAMPLES[0])
    assert "## Meeting record" in to_markdown(session)
    session.meeting.mode = MeetingMode.ASYNC
    markdown = to_markdown(session)
    assert "## Meeting record" not in markdown and "Postmortem meeting" not in markdown
    assert "## Review" in markdown


def test_times_are_shown_in_the_zone_chosen_for_readers() -> None:
    session = load_session(SAMPLES[0])
    session.incident.time_zone = "Europe/Berlin"
    markdown = to_markdown(session)
    assert "## Timeline (Europe/Berlin)" in markdown
    assert "| Impact start | 2023-11-15 15:03 Europe/Berlin |" in markdown
    assert "| 15:03 | observation |" in markdown


def test_a_dissenting_view_says_what_it_is_about_in_words_the_document_shows() -> None:
    session = Session(
        analysis={
            "whys": [
                WhyNode(id="W1", question="Why was the data lost?"),
                WhyNode(
                    id="W3",
                    parent="W1",
                    answer="The directory was removed on db1 while it was meant for db2, "
                    "and both hosts had the same prompt",
                ),
            ]
        },
        dissent=[Dissent(id="D1", view="The prompt was not the cause", about="why:W3")],
    )
    document = to_markdown(session)
    row = next(line for line in document.splitlines() if line.startswith("| D1 |"))
    assert "| W3: The directory was removed on db1 while it was meant for db2… |" in row
    assert "why:W3" not in document  # a reference the document never resolves

"""A save changes only what changed: one-line diffs, comments and key order kept, unset values
never written, and every save reading back exactly."""

from __future__ import annotations

import difflib
import tempfile
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda import load_session, save_session
from agenda.model import (
    Action,
    Event,
    EventKind,
    Participant,
    Session,
    SourceKind,
    SourceRef,
    WhyNode,
)
from agenda.storage import dumps_session, layout_of, loads_session
from tests.helpers import SAMPLES

T0 = datetime(2024, 1, 15, 14, 0, tzinfo=UTC)

HAND_WRITTEN = '''# Postmortem of the cache outage, kept by hand in git
schema_version = 2

[incident]
id = "INC-7"   # the tracker's id
title = "Cache outage"
services = ["cache", "api"]

# who was there
[meeting]
facilitator = "@m"

[[meeting.participants]]
name = "@ana"
role = "IC"

[[timeline]]
id = "E1"
at = 2024-01-15T14:00:00Z
description = """
Deploy started; the runbook says:
[[timeline]]
# not a header, not a comment: text
"""
known = ""

# the alert came late
[[timeline]]
at = 2024-01-15 14:05:00+00:00   # PagerDuty's clock
id = "E2"
description = 'Alert fired'

[[actions]]
id = "A1"
title = "Alert on the hit rate"
confirmed = false
'''


def diff(before: str, after: str) -> list[str]:
    """The changed lines, as `git diff` would count them."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def edited(text: str, change: object) -> str:
    session = loads_session(text)
    assert callable(change)
    change(session)
    after = dumps_session(session)
    assert loads_session(after) == session
    return after


def test_an_unchanged_hand_written_file_is_saved_byte_for_byte() -> None:
    assert dumps_session(loads_session(HAND_WRITTEN)) == HAND_WRITTEN


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_a_one_field_edit_of_a_sample_is_a_one_line_diff(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / sample.name
    path.write_bytes(sample.read_bytes())
    session = load_session(path)
    session.timeline[len(session.timeline) // 2].description = "Edited in the meeting"
    save_session(session, path)
    changed = diff(sample.read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
    assert len(changed) == 2 and changed[1] == '+description = "Edited in the meeting"'


def test_adding_a_went_well_line_adds_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(SAMPLES[0].read_bytes())
    session = load_session(path)
    session.analysis.went_well.append("The rollback took four minutes")
    save_session(session, path)
    changed = diff(SAMPLES[0].read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
    assert changed == ['+    "The rollback took four minutes",']


def test_comments_key_order_and_inline_arrays_survive_edits() -> None:
    def change(session: Session) -> None:
        session.timeline[1].description = "Alert fired (late)"
        session.incident.services.append("db")

    after = edited(HAND_WRITTEN, change)
    assert diff(HAND_WRITTEN, after) == [
        '-services = ["cache", "api"]',
        '+services = ["cache", "api", "db"]',
        "-description = 'Alert fired'",
        '+description = "Alert fired (late)"',
    ]
    assert 'at = 2024-01-15 14:05:00+00:00   # PagerDuty\'s clock\nid = "E2"' in after


def test_a_changed_value_keeps_its_comment() -> None:
    after = edited(HAND_WRITTEN, lambda s: setattr(s.incident, "id", "INC-8"))
    assert diff(HAND_WRITTEN, after) == [
        '-id = "INC-7"   # the tracker\'s id',
        '+id = "INC-8"   # the tracker\'s id',
    ]


def test_unset_values_are_never_written() -> None:
    fresh = dumps_session(
        Session(
            timeline=[Event(id="E1", at=T0, description="a")],
            analysis={"whys": [WhyNode(id="W1", question="q")]},
            actions=[Action(id="A1", title="t")],
        )
    )
    for unset in ('known = ""', "confirmed = false", "systemic = false", 'owner = ""', "[]"):
        assert unset not in fresh
    after = edited(HAND_WRITTEN, lambda s: setattr(s.actions[0], "confirmed", True))
    assert diff(HAND_WRITTEN, after) == ["-confirmed = false", "+confirmed = true"]
    cleared = edited(after, lambda s: setattr(s.incident, "id", ""))
    assert diff(after, cleared) == ['-id = "INC-7"   # the tracker\'s id']


def test_a_value_set_for_the_first_time_goes_after_the_key_before_it() -> None:
    after = edited(HAND_WRITTEN, lambda s: setattr(s.timeline[1], "kind", EventKind.DECISION))
    assert diff(HAND_WRITTEN, after) == ['+kind = "decision"']
    assert "description = 'Alert fired'\nkind = \"decision\"\n" in after


def test_an_event_inserted_in_the_middle_adds_only_its_block() -> None:
    new = Event(id="E3", at=T0 + timedelta(minutes=2), description="Cache hit rate drops")
    after = edited(HAND_WRITTEN, lambda s: s.timeline.insert(1, new))
    added = diff(HAND_WRITTEN, after)
    assert all(line.startswith("+") for line in added)
    assert '+description = "Cache hit rate drops"' in added and len(added) <= 8


def test_moved_and_deleted_items_take_their_comments_along() -> None:
    def change(session: Session) -> None:
        session.timeline.reverse()
        session.actions.clear()

    after = edited(HAND_WRITTEN, change)
    assert after.index("# the alert came late\n[[timeline]]") < after.index('id = "E1"')
    assert "[[actions]]" not in after and "# who was there\n[meeting]" in after


def test_a_table_the_file_left_out_is_added_only_when_it_holds_something() -> None:
    assert "[analysis]" not in HAND_WRITTEN and "[analysis]" not in edited(HAND_WRITTEN, id)
    after = edited(HAND_WRITTEN, lambda s: s.incident.impact.__setattr__("users", "everyone"))
    assert diff(HAND_WRITTEN, after) == ["+", "+[incident.impact]", '+users = "everyone"']


def test_a_participant_edit_is_one_line() -> None:
    after = edited(HAND_WRITTEN, lambda s: setattr(s.meeting.participants[0], "role", "scribe"))
    assert diff(HAND_WRITTEN, after) == ['-role = "IC"', '+role = "scribe"']


@pytest.mark.parametrize(
    "text",
    [
        'schema_version = 1\nincident.title = "dotted"\n',
        'schema_version = 1\n[incident]\ntitle = "x"\ntimes = { detected = 2024-01-15 }\n'.replace(
            "2024-01-15", "2024-01-15T14:00:00Z"
        ),
        "schema_version = 1\n[meeting]\nparticipants = []\n",
        'schema_version = 1\r\n[incident]\r\ntitle = "crlf"\r\n',
        'schema_version = 1\n["incident"]\ntitle = "quoted"\n',
    ],
    ids=["dotted keys", "inline table", "inline empty array", "crlf", "quoted header"],
)
def test_files_written_in_other_ways_are_saved_whole_and_exactly(text: str) -> None:
    session = loads_session(text)
    session.meeting.participants.append(Participant(name="@b"))
    session.incident.times.mitigated = T0
    assert loads_session(dumps_session(session)) == session


IMPORTED = HAND_WRITTEN.replace(
    "description = 'Alert fired'\n",
    "description = 'Alert fired'\nwho = \"pagerduty\"\n\n"
    '[[timeline.sources]]\nkind = "pagerduty"\nref = "Q1ABC"   # the log entry\n\n'
    '[[timeline.sources]]\nkind = "slack"\nref = "#inc/1705327500.1"\n',
)


def test_an_imported_events_sources_stay_with_it_and_change_line_by_line() -> None:
    session = loads_session(IMPORTED)
    assert [s.ref for s in session.timeline[1].sources] == ["Q1ABC", "#inc/1705327500.1"]
    assert dumps_session(session) == IMPORTED
    after = edited(IMPORTED, lambda s: setattr(s.timeline[1], "description", "Paged"))
    assert diff(IMPORTED, after) == ["-description = 'Alert fired'", '+description = "Paged"']
    assert 'ref = "Q1ABC"   # the log entry' in after
    git = SourceRef(kind=SourceKind.GIT, ref="3f2a9c1", text="deploy v2")
    more = edited(after, lambda s: s.timeline[1].sources.append(git))
    added = diff(after, more)
    expected = ["+", "+[[timeline.sources]]", '+kind = "git"', '+ref = "3f2a9c1"']
    assert sorted(added) == sorted([*expected, '+text = "deploy v2"'])
    assert 'ref = "Q1ABC"   # the log entry' in more
    moved = edited(more, lambda s: s.timeline.reverse())
    assert moved.index("[[timeline.sources]]") > moved.index('id = "E2"') > 0


# ---- properties ------------------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
lines = texts | st.sampled_from(["[[timeline]]", '"""', "'''", "# x", "a\nb", "a\r\nb", "x\\"])
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    events = draw(st.lists(st.tuples(moments, lines, lines), max_size=6))
    return Session(
        incident={"title": draw(lines), "services": draw(st.lists(texts, max_size=3))},
        meeting={"participants": [Participant(name=n or "x") for n in draw(st.lists(texts))]},
        timeline=[
            Event(
                id=f"E{i}",
                at=when,
                description=desc or "x",
                known=known,
                sources=[SourceRef(kind=SourceKind.SLACK, ref=r) for r in draw(st.lists(texts))],
            )
            for i, (when, desc, known) in enumerate(events, start=1)
        ],
        analysis={"went_well": draw(st.lists(lines, max_size=3))},
        actions=[
            Action(id=f"A{i}", title=t or "t", due=draw(st.none() | st.dates(date(2000, 1, 1))))
            for i, t in enumerate(draw(st.lists(lines, max_size=3)), 1)
        ],
    )


@st.composite
def changes(draw: st.DrawFn, session: Session) -> Session:
    changed = session.model_copy(deep=True)
    for _ in range(draw(st.integers(0, 4))):
        what = draw(st.sampled_from(["title", "event", "drop", "shuffle", "add", "list", "source"]))
        if what == "title":
            changed.incident.title = draw(lines)
        elif what == "event" and changed.timeline:
            changed.timeline[draw(st.integers(0, len(changed.timeline) - 1))].known = draw(lines)
        elif what == "drop" and changed.timeline:
            changed.timeline.pop(draw(st.integers(0, len(changed.timeline) - 1)))
        elif what == "shuffle":
            changed.timeline = draw(st.permutations(changed.timeline))
        elif what == "add":
            changed.timeline.append(Event(id=changed.next_id("E"), at=T0, description="new"))
        elif what == "source" and changed.timeline:
            event = changed.timeline[draw(st.integers(0, len(changed.timeline) - 1))]
            event.sources.append(SourceRef(kind=SourceKind.TEXT, ref=draw(lines)))
        else:
            changed.analysis.went_well = draw(st.lists(lines, max_size=3))
    return changed


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_edit_of_any_session_saves_exactly_and_keeps_comments(data: st.DataObject) -> None:
    before = data.draw(sessions())
    text = dumps_session(before)
    commented = "# kept\n" + text.replace("\n[[timeline]]\n", "\n# an event\n[[timeline]]\n")
    assert tomllib.loads(commented) == tomllib.loads(text)
    loaded = loads_session(commented)
    assert loaded == before and layout_of(loaded) is not None
    after = data.draw(changes(loaded))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.toml"
        path.write_text(commented, encoding="utf-8")
        assert load_session(path) == before
        reloaded = load_session(path)
        for field in ("incident", "meeting", "timeline", "analysis", "actions"):
            setattr(reloaded, field, getattr(after, field))
        save_session(reloaded, path)
        saved = path.read_text(encoding="utf-8")
    assert loads_session(saved) == after
    assert saved.startswith("# kept\n")
    kept = {e.id for e in before.timeline} & {e.id for e in after.timeline}
    assert saved.count("# an event\n[[timeline]]\n") == len(kept)  # each went with its event


def test_the_apps_saves_and_autosaves_change_only_what_changed(tmp_path: Path) -> None:
    from agenda.document import SessionFile
    from agenda.safety import recovery_path
    from agenda.storage import snapshot

    path = tmp_path / "s.toml"
    original = "# kept by hand\n" + SAMPLES[0].read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    opened = SessionFile.open(path)
    opened.session.actions[0].title = "Edited in the meeting"
    opened.file.autosave(snapshot(opened.session))
    autosaved = recovery_path(path).read_text(encoding="utf-8")
    assert diff(original, autosaved) == [
        f'-title = "{load_session(SAMPLES[0]).actions[0].title}"',
        '+title = "Edited in the meeting"',
    ]
    opened.file.saved(opened.file.save(snapshot(opened.session), 1))
    assert path.read_text(encoding="utf-8") == autosaved
    opened.session.analysis.lessons.append("Test the deleted state")
    opened.file.saved(opened.file.save(snapshot(opened.session), 2))
    assert diff(autosaved, path.read_text(encoding="utf-8")) == ['+    "Test the deleted state",']
    opened.file.close()


def test_an_optional_table_comes_and_goes_with_its_value() -> None:
    from agenda.review_parts import ForcedFinal

    forced = ForcedFinal(by="@m", reason="regulator deadline", at=T0)
    after = edited(HAND_WRITTEN, lambda s: setattr(s.review, "forced", forced))
    assert "\n[review.forced]\n" in after and loads_session(after).review.forced == forced
    again = edited(after, lambda s: setattr(s.review, "forced", None))
    assert "[review.forced]" not in again and loads_session(again).review.forced is None

"""TOML storage: exact round trips, one-line errors, saves that never lose the old file."""

from __future__ import annotations

import copy
import os
import stat
import tempfile
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agenda.storage as storage
from agenda import StorageError, load_session, save_session
from agenda.model import (
    Action,
    Dissent,
    Event,
    EventKind,
    Factor,
    Participant,
    Session,
    WhyNode,
)
from tests.helpers import SAMPLES

HOSTILE = [
    "[bold]x[/bold]",
    "a [b] c",
    "[/]",
    "foo[@click=app.quit]bar[/]",
    "[$accent]v",
    'quote " and backslash \\ and trailing \\',
    "line one\nline two\r\nwindows line\rlone CR",
    "tab\there and bell \x07 and escape \x1b[31m",
    "emoji 🔥🧯 and combining e\u0301 and RTL \u05e9\u05dc\u05d5\u05dd",
    "\"\"\"triple\"\"\" and '''single'''",
    "",
]


def rich_session() -> Session:
    t = datetime(2024, 1, 15, 14, 0, 30, 123456, tzinfo=UTC)
    return Session(
        meeting={
            "participants": [Participant(name="@alice", role="IC")],
            "date": date(2024, 1, 17),
        },
        timeline=[
            Event(id=f"E{i}", at=t, description=text or "x", known=text, kind=EventKind.DECISION)
            for i, text in enumerate(HOSTILE, start=1)
        ],
        analysis={
            "whys": [WhyNode(id="W1", question="Checkout failed"), WhyNode(id="W2", parent="W1")],
            "factors": [Factor(id="F1", title="No pool alert", why="W2")],
            "went_well": HOSTILE,
        },
        dissent=[Dissent(id="D1", view="Not a code issue", about="factor:F1")],
        actions=[Action(id="A1", title="Add alert", due=date(2024, 2, 1), factors=["F1"])],
    )


def test_round_trip_is_exact(tmp_path: Path) -> None:
    session = rich_session()
    path = tmp_path / "s.toml"
    save_session(session, path)
    assert load_session(path) == session


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_samples_load_and_round_trip_byte_for_byte(sample: Path, tmp_path: Path) -> None:
    session = load_session(sample)
    copy = tmp_path / sample.name
    save_session(session, copy)
    assert load_session(copy) == session
    assert copy.read_text(encoding="utf-8") == sample.read_text(encoding="utf-8")


def test_there_are_at_least_three_samples() -> None:
    assert len(SAMPLES) >= 3


def test_layout_always_uses_arrays_of_tables_and_no_nulls() -> None:
    session = Session(
        timeline=[Event(id="E1", at=datetime(2024, 1, 15, 14, 0, tzinfo=UTC), description="a")],
        actions=[Action(id="A1", title="t")],
    )
    text = storage.dumps_session(session)
    assert "[[timeline]]" in text and "[[actions]]" in text
    assert "= [ {" not in text and "null" not in text
    assert tomllib.loads(text)["timeline"][0]["at"].tzinfo is not None


def test_saved_times_are_utc(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(rich_session(), path)
    assert "14:00:30.123456+00:00" in path.read_text(encoding="utf-8")


# ---- errors --------------------------------------------------------------------------


def write(tmp_path: Path, text: str | bytes, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> StorageError:
    with pytest.raises(StorageError) as caught:
        load_session(path)
    error = caught.value
    assert error.path == path
    assert "\n" not in str(error)
    return error


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, 'schema_version = 1\n[incident]\ntitle = "unterminated\n')
    error = load_error(path)
    assert error.where.startswith("line 3, column ")
    assert str(error).startswith(f"{path}: line 3, column ")
    assert "invalid TOML" in str(error)


def test_validation_error_names_the_field_path(tmp_path: Path) -> None:
    parts = storage.dumps_session(rich_session()).split("at = 2024-01-15 14:00:30.123456+00:00")
    text = "at = 2024-01-15 14:00:30.123456+00:00".join(parts[:4]) + "at = 42" + parts[4]
    text += "at = 2024-01-15 14:00:30.123456+00:00".join(["", *parts[5:]])
    error = load_error(write(tmp_path, text))
    assert error.where == "timeline[3].at (E4)"
    assert "not a number" in error.problem


def test_naive_datetime_in_file_is_an_error_that_says_so(tmp_path: Path) -> None:
    base = storage.dumps_session(rich_session())
    path = write(
        tmp_path,
        base.replace("at = 2024-01-15 14:00:30.123456+00:00", "at = 2024-01-15T14:00:00", 1),
    )
    error = load_error(path)
    assert error.where == "timeline[0].at (E1)"
    assert "no timezone" in error.problem


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("schema_version = 1\nsurprise = 3\n", "surprise", "unknown key"),
        ("schema_version = 1\n[incident]\nseverity = 'SEV9'\n", "incident.severity", "SEV1"),
        (
            "schema_version = 1\n[meeting]\ngap_threshold_minutes = 99999999999999999999\n",
            "meeting.gap_threshold_minutes",
            "",
        ),
        ("schema_version = 1\n[[actions]]\nid = 'A1'\n", "actions[0].title (A1)", "missing"),
    ],
)
def test_schema_errors(tmp_path: Path, text: str, where: str, fragment: str) -> None:
    error = load_error(write(tmp_path, text))
    assert error.where == where
    assert fragment in str(error)


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "schema_version = 99\n"))
    assert "newer version" in error.problem
    assert "upgrade" in error.hint


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"schema_version = 1\ntitle = '\xff\xfe'\n", "UTF-8"),
        ("[incident]\ntitle = 'x'\n", "schema_version"),
    ],
)
def test_unreadable_files_get_one_line(tmp_path: Path, content: str | bytes, fragment: str) -> None:
    assert fragment in str(load_error(write(tmp_path, content)))


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in str(load_error(tmp_path / "nope.toml"))


# ---- atomic save ---------------------------------------------------------------------


def test_failed_write_leaves_old_file_intact_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.toml"
    save_session(rich_session(), path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    changed = rich_session()
    changed.incident.title = "Changed"
    with pytest.raises(StorageError, match="No space left on device"):
        save_session(changed, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]


def test_save_keeps_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(rich_session(), path)
    os.chmod(path, 0o640)
    save_session(rich_session(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_save_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    save_session(rich_session(), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    changed = rich_session()
    changed.incident.title = "Through the link"
    save_session(changed, link)
    assert link.is_symlink()
    assert load_session(real).incident.title == "Through the link"


def test_save_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="No such file or directory"):
        save_session(rich_session(), tmp_path / "gone" / "s.toml")


# ---- properties ----------------------------------------------------------------------

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    events = draw(st.lists(st.tuples(moments, text, text), max_size=5))
    return Session(
        incident={
            "title": draw(text),
            "summary": draw(text),
            "services": draw(st.lists(text, max_size=3)),
        },
        timeline=[
            Event(id=f"E{i}", at=when, description=desc or "x", known=known)
            for i, (when, desc, known) in enumerate(events, start=1)
        ],
        analysis={"went_well": draw(st.lists(text, max_size=3)), "key_learnings": draw(text)},
        actions=[
            Action(id=f"A{i}", title=title or "t", owner=owner)
            for i, (title, owner) in enumerate(draw(st.lists(st.tuples(text, text), max_size=3)), 1)
        ],
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_any_valid_session_round_trips(session: Session) -> None:
    assert storage.loads_session(storage.dumps_session(session)) == session


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_a_session_or_the_storage_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.toml"
        path.write_bytes(data)
        try:
            assert isinstance(load_session(path), Session)
        except StorageError as error:
            assert error.path == path and "\n" not in str(error)


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        (
            "schema_version = 1\n[incident.times]\ndetected = 2024-01-01\n",
            "incident.times.detected",
            "expected a date and a time in UTC",
        ),
        (
            "schema_version = 1\n[meeting]\ndate = 2024-01-01T10:00:00Z\n",
            "meeting.date",
            "(found 2024-01-01T10:00:00+00:00)",
        ),
    ],
)
def test_type_errors_read_like_the_file_not_like_python(
    tmp_path: Path, text: str, where: str, fragment: str
) -> None:
    error = load_error(write(tmp_path, text))
    assert error.where == where and fragment in str(error)
    assert "datetime.datetime" not in str(error)


def test_deeply_nested_toml_is_the_storage_error(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "x = " + "[" * 900 + "]" * 900 + "\n"))
    assert "nested too deeply" in str(error)


def test_a_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert "not a regular file" in str(load_error(fifo))


def test_a_validation_error_names_the_item_by_its_id(tmp_path: Path) -> None:
    text = (
        "schema_version = 2\n"
        '[[timeline]]\nid = "E1"\nat = 2024-01-15T14:00:00Z\ndescription = "a"\n'
        '[[timeline]]\nid = "E16"\nat = 2024-01-15T14:05:00Z\ndescription = "b"\n'
        'kind = "decison"\n'
    )
    path = write(tmp_path, text)
    with pytest.raises(StorageError, match=r"timeline\[1\]\.kind \(E16\): Input should be"):
        load_session(path)


# ---- the fast reader ------------------------------------------------------------------

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@settings(max_examples=100, deadline=None)
@given(sessions(), st.lists(st.datetimes(timezones=offsets | st.none()), max_size=4))
def test_the_fast_reader_reads_what_tomllib_reads(
    session: Session, moments: list[datetime]
) -> None:
    """rtoml reads sessions (parse_toml): the same values as tomllib, and what it read can be
    deep-copied (undo and snapshots do) into the offsets tomllib gives."""
    text = storage.dumps_session(session) + tomli_w.dumps({"extra": {"at": moments}})
    data = storage.parse_toml(text, Path("s.toml"))
    assert data == tomllib.loads(text)
    copied = copy.deepcopy(data)
    assert copied == data
    zones = [at.tzinfo for at in copied["extra"]["at"] if at.tzinfo is not None]
    assert all(type(zone) is timezone for zone in zones)
    assert storage.loads_session(storage.dumps_session(session)) == session


def test_samples_read_the_same_by_both_readers() -> None:
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        assert storage.parse_toml(text, sample) == tomllib.loads(text)


def test_a_syntax_error_keeps_tomllibs_words(tmp_path: Path) -> None:
    """rtoml refuses it; tomllib reads it again to say where."""
    error = load_error(write(tmp_path, 'schema_version = 2\n[incident]\ntitle = "a\n'))
    assert error.where == "line 3, column 11" and "invalid TOML" in str(error)

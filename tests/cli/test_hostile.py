"""Hostile files, names and values through every subcommand: one line on stderr, exit 2, no
traceback, and no control character reaching the terminal."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda import StorageError, load_session, save_session
from agenda.model import Action, Dissent, Event, Participant, Session
from agenda.visible import CONTROL_BYTES
from facilitator.cli import COMMANDS, main
from tests.helpers import SAMPLES

T0 = datetime(2024, 1, 15, 14, 0, tzinfo=UTC)
ESCAPES = ["\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b]2;pwned\x07", "\x1bc", "\x9b2J", "\x1b[8m", "\r"]


def run_in_process(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def run(*args: str, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        capture_output=True,
        text=True,
        stdin=stdin,
        timeout=120,  # a guard against the spin this file tests for, not a speed assertion
        check=False,
    )


def assert_one_line_exit_2(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert fragment in result.stderr and "Traceback" not in result.stderr


def copy_of_sample(folder: Path, name: str = "s.toml") -> Path:
    path = folder / name
    path.write_bytes(SAMPLES[0].read_bytes())
    return path


# ---- 14 and the fuzz: no control byte reaches the terminal ------------------------------------

hostile = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20) | (
    st.lists(st.sampled_from(ESCAPES) | st.text(max_size=5), min_size=1, max_size=4).map("".join)
)
names = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="/\x00"),
    min_size=1,
    max_size=20,
)


def hostile_session(draw: Callable[[st.SearchStrategy[str]], str]) -> Session:
    return Session(
        incident={"id": draw(hostile), "title": draw(hostile), "services": [draw(hostile)]},
        meeting={"participants": [Participant(name=draw(hostile) or "x", role=draw(hostile))]},
        timeline=[Event(id="E1", at=T0, description=draw(hostile) or "x", known=draw(hostile))],
        dissent=[Dissent(id="D1", view=draw(hostile) or "v", holder=draw(hostile))],
        actions=[Action(id="A1", title=draw(hostile) or "t", owner=draw(hostile))],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_control_byte_reaches_the_output_of_check_export_or_errors(
    data: st.DataObject,
) -> None:
    session = hostile_session(data.draw)
    with tempfile.TemporaryDirectory() as folder:
        name = data.draw(names)
        path = Path(folder) / (name if name not in (".", "..") else "x")
        save_session(session, path)
        broken = Path(folder) / f"{data.draw(names)}-broken.toml"
        broken.write_text(
            f'schema_version = 1\n[incident]\nseverity = "{data.draw(hostile)}\\u001b]2;x"\n',
            encoding="utf-8",
        )
        outputs = [
            run_in_process("check", str(path)),
            run_in_process("check", "--format", "json", str(path)),
            run_in_process("export", "--allow-secrets", str(path)),
            run_in_process("export", str(broken)),
            run_in_process("check", str(broken), str(Path(folder) / f"{name}-missing")),
            run_in_process("import-timeline", str(path), str(path)),
        ]
    for _, out, err in outputs:
        assert not CONTROL_BYTES.search(out), out
        assert not CONTROL_BYTES.search(err) and "\t" not in err, err


def test_a_title_set_by_osc_is_shown_not_sent(tmp_path: Path) -> None:
    session = Session(actions=[Action(id="A1", title="\x1b]2;pwned\x07x")])
    path = tmp_path / "s\x1b]52;c;aGk=\x07.toml"
    save_session(session, path)
    _, out, _ = run_in_process("check", str(path))
    assert "s\\x1b]52;c;aGk=\\x07.toml: error action-owner" in out and "\x1b" not in out
    _, document, _ = run_in_process("export", str(path))
    assert "\\x1b\\]2;pwned\\x07x" in document and "\x1b" not in document  # ] escaped for Markdown
    _, _, err = run_in_process("export", str(tmp_path / "gone\x1bc.toml"))
    assert "gone\\x1bc.toml: no such file" in err


def test_a_newline_in_a_file_name_never_splits_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "evil\nname.toml"
    save_session(Session(actions=[Action(id="A1", title="x"), Action(id="A2", title="y")]), path)
    code, out, _ = run_in_process("check", str(path))
    assert code == 1
    assert all(line.startswith(f"{tmp_path}/evil\\nname.toml: ") for line in out.splitlines())


def test_import_timeline_shows_unreadable_lines_safely(tmp_path: Path) -> None:
    path = copy_of_sample(tmp_path)
    text = tmp_path / "chat.txt"
    text.write_text("14:00 Deploy\nlunch \x1b]52;c;aGk=\x07?\n", encoding="utf-8")
    code, _, err = run_in_process("import-timeline", str(path), str(text))
    assert code == 1 and "chat.txt:2: " in err and "\\x1b]52;c;aGk=\\x07" in err


# ---- 16, 17, 18: bad input is one line, exit 2 ---------------------------------------------------


def bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "5000 digits": "schema_version = 1\n[meeting]\ngap_threshold_minutes = " + "9" * 5000,
        "year 1": 'schema_version = 1\n[[timeline]]\nid = "E1"\nat = 0001-01-01T00:00:00+05:00'
        '\ndescription = "x"\n',
        "year 9999": "schema_version = 1\n[incident.times]\ndetected = 9999-12-31T23:59:00-05:00\n",
        "conflict": 'schema_version = 1\n[incident]\ntitle = """\n<<<<<<< HEAD\na\n=======\nb\n'
        '>>>>>>> theirs\n"""\n',
        "not true": "schema_version = true\n",
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / f"{name.replace(' ', '-')}.toml"
        paths[name].write_text(text, encoding="utf-8")
    loop = folder / "loop.toml"
    loop.symlink_to(folder / "back.toml")
    (folder / "back.toml").symlink_to(loop)
    paths["symlink loop"] = loop
    return paths


FRAGMENTS = {
    "5000 digits": "far too large",
    "year 1": "out of range",
    "year 9999": "out of range",
    "conflict": "resolve the git conflict first",
    "not true": "not true",
    "symlink loop": "symbolic links",
}


@pytest.mark.parametrize("command", [["check"], ["export"], ["import-timeline"]])
def test_bad_files_are_one_line_and_exit_2_from_every_command(
    tmp_path: Path, command: list[str]
) -> None:
    timeline = tmp_path / "t.txt"
    timeline.write_text("14:00 x\n", encoding="utf-8")
    for name, path in bad_files(tmp_path).items():
        extra = [str(timeline)] if command == ["import-timeline"] else []
        code, out, err = run_in_process(*command, str(path), *extra)
        assert code == 2 and out == "" and len(err.splitlines()) == 1, (name, err)
        assert FRAGMENTS[name] in err and "True" not in err, (name, err)
    assert_one_line_exit_2(run(*command, str(path), *extra), "symbolic links")  # as a process


def test_a_quick_add_style_time_out_of_range_is_an_unreadable_line(tmp_path: Path) -> None:
    path = copy_of_sample(tmp_path)
    text = tmp_path / "t.txt"
    text.write_text("0001-01-01T00:00:00+05:00 boom\n9999-12-31T23:30:00-05:00 bang\n")
    code, _, err = run_in_process("import-timeline", str(path), str(text))
    assert code == 1 and err.count("out of range") == 2
    assert load_session(path) == load_session(SAMPLES[0])


def test_new_on_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    assert_one_line_exit_2(run("new", str(bad_files(tmp_path)["symlink loop"])), "symbolic links")


def test_argument_errors_are_one_visible_line() -> None:
    result = run("check", "--format", "x\x1b]2;t\x07")
    assert_one_line_exit_2(result, "invalid choice")
    assert "\x1b" not in result.stderr and "x\\x1b]2;t" in result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_says_a_stray_argument_in_one_visible_line(
    tmp_path: Path, command: str
) -> None:
    """Not argparse's usage block, which echoes what was typed raw."""
    code, out, err = run_in_process(command, str(tmp_path), str(tmp_path), "--x\x1b]2;pwned\x07")
    assert code == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "\x1b" not in err and "\x07" not in err and "--x\\x1b]2;pwned\\x07" in err


def test_recover_without_a_terminal_restores_and_never_spins(tmp_path: Path) -> None:
    path = tmp_path / "nosuch.toml"
    result = run(str(path), "--recover")  # stdin is not a terminal: /dev/null
    assert result.returncode == 0 and "nothing to recover" in result.stderr
    copy_of_sample(tmp_path, "s.toml")
    session = load_session(tmp_path / "s.toml")
    session.incident.title = "Typed before the crash"
    from agenda.safety import recovery_path, write_recovery
    from agenda.storage import dumps_session

    write_recovery(dumps_session(session), tmp_path / "s.toml")
    result = run(str(tmp_path / "s.toml"), "--recover")
    assert result.returncode == 0, result.stderr
    assert load_session(tmp_path / "s.toml").incident.title == "Typed before the crash"
    assert not recovery_path(tmp_path / "s.toml").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".lock")]


def test_opening_the_app_without_a_terminal_is_one_line(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nosuch.toml"))
    assert_one_line_exit_2(result, "needs a terminal")
    assert list(tmp_path.iterdir()) == []


def test_opening_a_symlink_loop_is_one_line_and_takes_no_lock(tmp_path: Path) -> None:
    from facilitator.factory import build_app

    loop = bad_files(tmp_path)["symlink loop"]
    before = sorted(tmp_path.iterdir())
    assert_one_line_exit_2(run(str(loop)), "symbolic links")
    with pytest.raises(StorageError, match="symbolic links"):
        build_app(loop)
    assert sorted(tmp_path.iterdir()) == before


def test_a_broken_pipe_ends_export_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spare = os.open(tmp_path / "spare", os.O_WRONLY | os.O_CREAT)

    class ClosedPipe(io.StringIO):
        """`facilitator export s.toml | head`, once head has gone."""

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return spare

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["export", str(SAMPLES[0])]) == 1  # quietly, as `cat` would
    os.close(spare)


def test_export_of_a_private_session_is_private(tmp_path: Path) -> None:
    path = copy_of_sample(tmp_path)
    os.chmod(path, 0o600)
    assert run_in_process("export", str(path), "-o", str(tmp_path / "doc.md"))[0] == 0
    assert (tmp_path / "doc.md").stat().st_mode & 0o777 == 0o600


def test_new_honours_the_umask(tmp_path: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", f'umask 077 && "{sys.executable}" -m facilitator new "{tmp_path}/n.toml"'],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "n.toml").stat().st_mode & 0o777 == 0o600
    assert load_session(tmp_path / "n.toml").meeting.date == date.today()

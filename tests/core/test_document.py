"""SessionFile keeps one session file safe, with no terminal: open, lock, recovery, saves."""

from __future__ import annotations

import json
import shutil
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agenda import StorageError, load_session
from agenda.document import ExternalChange, SessionFile
from agenda.safety import lock_path, read_lock, read_recovery, recovery_path, write_recovery
from agenda.storage import dumps_session, snapshot
from tests.helpers import SAMPLES


def copy_sample(folder: Path) -> Path:
    path = folder / "pm.toml"
    shutil.copy(SAMPLES[0], path)
    return path


def held_elsewhere(path: Path) -> None:
    """A lock as another live process on this machine would leave it (pid 1 always runs)."""
    since = datetime(2024, 1, 1, tzinfo=UTC).isoformat()
    lock = {"user": "ana", "host": socket.gethostname(), "pid": 1, "since": since}
    lock_path(path).write_text(json.dumps(lock), encoding="utf-8")


def test_opening_takes_the_lock_and_closing_lets_it_go(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    opened = SessionFile.open(path)
    assert opened.session == load_session(path) and not opened.unsaved
    assert not opened.file.read_only and opened.file.state() == "saved"
    assert read_lock(path) is not None and read_lock(path).is_mine()  # type: ignore[union-attr]
    opened.file.close()
    assert not lock_path(path).exists()


def test_a_missing_file_is_a_new_unsaved_session_titled_from_its_name(tmp_path: Path) -> None:
    opened = SessionFile.open(tmp_path / "db-failover_march.toml")
    assert opened.unsaved and opened.file.dirty and opened.file.state() == "unsaved"
    assert opened.session.incident.title == "db failover march"
    with pytest.raises(StorageError, match="folder does not exist"):
        SessionFile.open(tmp_path / "nowhere" / "x.toml")


def test_a_second_copy_opens_read_only_and_never_touches_the_autosave(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    changed = load_session(path)
    changed.incident.title = "the other copy's unsaved work"
    write_recovery(dumps_session(changed), path)  # written by the holder, before this copy opens
    held_elsewhere(path)
    opened = SessionFile.open(path)
    assert opened.file.read_only and opened.file.state() == "read-only"
    assert opened.recovery is None  # the autosave belongs to the copy that holds the lock
    with pytest.raises(StorageError, match="open elsewhere"):
        opened.file.save(snapshot(opened.session), 1)
    with pytest.raises(StorageError):
        opened.file.autosave(snapshot(opened.session))
    opened.file.discard_recovery()
    opened.file.close()
    assert recovery_path(path).exists() and lock_path(path).exists()


def test_the_holder_is_offered_the_autosave_and_can_restore_it(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    changed = load_session(path)
    changed.incident.title = "typed before the crash"
    write_recovery(dumps_session(changed), path)
    offered = SessionFile.open(path)
    assert offered.recovery is not None and offered.recovery.session == changed
    offered.file.close()
    restored = SessionFile.open(path, recover=True)
    assert restored.session == changed and restored.unsaved and restored.recovery is None


def test_a_save_refuses_to_clobber_someone_elses_change(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    opened = SessionFile.open(path)
    theirs = path.read_text(encoding="utf-8").replace("SEV2", "SEV1", 1)
    path.write_text(theirs, encoding="utf-8")
    opened.session.incident.title = "mine"
    opened.file.changed()
    with pytest.raises(ExternalChange):
        opened.file.save(snapshot(opened.session), opened.file.changes)
    assert path.read_text(encoding="utf-8") == theirs
    written = opened.file.save(snapshot(opened.session), opened.file.changes, force=True)
    opened.file.saved(written)
    assert load_session(path).incident.title == "mine" and not opened.file.dirty


def test_save_as_moves_the_lock_and_the_autosave_along(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    opened = SessionFile.open(path)
    opened.session.incident.title = "moved"
    opened.file.changed()
    opened.file.autosave(snapshot(opened.session))
    target = tmp_path / "copy.toml"
    opened.file.saved(opened.file.save(snapshot(opened.session), 1, to=target))
    assert opened.file.path == target and load_session(target).incident.title == "moved"
    assert not lock_path(path).exists() and not recovery_path(path).exists()
    assert read_lock(target) is not None and read_lock(target).is_mine()  # type: ignore[union-attr]


def test_autosave_reload_and_export(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    opened = SessionFile.open(path)
    opened.session.incident.title = "autosaved"
    opened.file.changed()
    opened.file.autosave(snapshot(opened.session))
    opened.file.autosaved_at = datetime(2024, 1, 15, 14, 5, tzinfo=UTC)
    assert opened.file.state().startswith("autosaved ")
    assert load_session(recovery_path(path)).incident.title == "autosaved"
    session, digest = opened.file.reload()
    opened.file.reloaded(digest)
    assert session == load_session(path) and not opened.file.dirty
    document = opened.file.export("# The document\n")
    assert document == path.with_suffix(".md") and document.read_text() == "# The document\n"


def test_an_autosave_of_a_snapshot_older_than_a_discard_is_not_written(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    opened = SessionFile.open(path)
    opened.session.incident.title = "typed, then thrown away"
    data, seen = snapshot(opened.session), opened.file.discards
    opened.file.discard_recovery()  # quit without saving, while that autosave was under way
    assert opened.file.autosave(data, seen) is False
    assert not recovery_path(path).exists()
    assert opened.file.autosave(data, opened.file.discards) is True
    assert recovery_path(path).exists()


def test_what_is_kept_as_the_app_goes_down_is_neither_replaced_nor_removed(
    tmp_path: Path,
) -> None:
    """A signal keeps the work and closes the document; an autosave timer that fires while
    the app goes down (its dialogs already gone, so with no drafts) must not undo that."""
    path = copy_sample(tmp_path)
    opened = SessionFile.open(path)
    opened.session.incident.title = "typed before SIGTERM"
    opened.file.changed()
    opened.file.write_recovery_now(snapshot(opened.session), {"quick-add": "14:30 half typed"})
    opened.file.close()
    assert opened.file.autosave(snapshot(opened.session)) is False
    opened.file.discard_recovery()
    assert read_recovery(path)[1] == {"quick-add": "14:30 half typed"}
    assert read_lock(lock_path(path)) is None


def test_a_read_only_copy_cannot_save_as_onto_the_file_another_copy_holds(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    changed = load_session(path)
    changed.incident.title = "the other copy's unsaved work"
    write_recovery(dumps_session(changed), path)  # written by the holder, before this copy opens
    held_elsewhere(path)
    before = path.read_bytes()
    opened = SessionFile.open(path)
    opened.session.incident.title = "mine"
    for target in (path, tmp_path / "." / path.name):
        with pytest.raises(StorageError, match="open elsewhere"):
            opened.file.save(snapshot(opened.session), 1, to=target)
    assert path.read_bytes() == before and recovery_path(path).exists()
    elsewhere = tmp_path / "mine.toml"
    held_elsewhere(elsewhere)
    with pytest.raises(StorageError, match="open elsewhere"):
        opened.file.save(snapshot(opened.session), 1, to=elsewhere)
    assert not elsewhere.exists()

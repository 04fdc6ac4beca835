"""Provides reading sources by kind, given or detected from the content: files, folders, zips,
standard input and pasted text."""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agenda.errors import StorageError
from agenda.sources.changes import GIT_LINE, is_github, read_git, read_github
from agenda.sources.paging import read_alertmanager, read_opsgenie, read_pagerduty
from agenda.sources.published import read_published
from agenda.sources.records import Parsed, ReadOptions, bulk, json_documents
from agenda.sources.slack import CONVERSATION_FILES, Tree, read_day_file, read_slack
from agenda.sources.tables import BASH_STAMP, CSV_HEADER, ZSH_ENTRY, read_bash, read_csv, read_zsh
from agenda.vocabulary import SourceKind

KINDS = ", ".join(kind.value for kind in SourceKind)
STDIN = "-"


class SourceError(StorageError):
    """A source that cannot be read at all: missing, unreadable, or of no kind we know."""


def parse_kind(name: str) -> SourceKind:
    """--from NAME, refused with the list of kinds."""
    try:
        return SourceKind(name.strip().lower())
    except ValueError:
        raise SourceError("--from", f"no kind {name!r}", hint=f"the kinds are: {KINDS}") from None


def read_sources(
    paths: Sequence[str],
    options: ReadOptions,
    *,
    kind: SourceKind | None = None,
    stdin: bytes = b"",
) -> Parsed:
    """Every record of every source, one Parsed; `SourceError` for a source that cannot be read
    at all (then nothing is read). GitHub deployments and their statuses, often in separate
    files, are read together."""
    with bulk():
        return _read_all(paths, options, kind, stdin)


def _read_all(
    paths: Sequence[str], options: ReadOptions, kind: SourceKind | None, stdin: bytes
) -> Parsed:
    parsed = Parsed()
    github: list[tuple[str, Any]] = []
    for path in paths:
        if path == STDIN:
            found = _detect_text(stdin, kind, "<stdin>")
            _read_content(found, stdin, "<stdin>", options, parsed, github)
        else:
            _read_path(Path(path), kind, options, parsed, github)
    if github:
        parsed.extend(read_github(github))
    return parsed


def read_pasted(text: str, options: ReadOptions, name: str = "pasted") -> Parsed:
    """Pasted text of any kind that fits in a text box (a published timeline, CSV, git log,
    shell history, or one of the JSON exports); what is not recognised is read as a timeline."""
    data = text.encode("utf-8")
    try:
        kind = _detect_text(data, None, name)
    except SourceError:
        kind = SourceKind.TEXT
    parsed = Parsed()
    github: list[tuple[str, Any]] = []
    _read_content(kind, data, name, options, parsed, github)
    if github:
        parsed.extend(read_github(github))
    return parsed


def _read_path(
    path: Path,
    kind: SourceKind | None,
    options: ReadOptions,
    parsed: Parsed,
    github: list[tuple[str, Any]],
) -> None:
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(path, "no such file or folder", hint="check the path") from None
    except OSError as error:
        raise SourceError(path, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        tree: Tree = _Folder(path)
        if kind not in (None, SourceKind.SLACK):
            raise SourceError(path, f"a folder, and --from {kind.value} reads a file")
        if not _is_slack(tree.names()):
            raise SourceError(
                path,
                "a folder that is not a Slack export (no users.json or channels.json)",
                hint=f"give a file; the kinds are: {KINDS}",
            )
        parsed.extend(read_slack(tree, name, with_metadata=options.with_metadata))
        return
    if zipfile.is_zipfile(path):
        _read_zip(path, kind, options, parsed)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read: {error.strerror or error}") from None
    found = _detect_text(data, kind, name)
    _read_content(found, data, name, options, parsed, github)


def _read_zip(path: Path, kind: SourceKind | None, options: ReadOptions, parsed: Parsed) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise SourceError(path, f"a broken zip: {error}") from None
    with archive:
        tree = _Zip(archive)
        if kind not in (None, SourceKind.SLACK):
            raise SourceError(path, f"a zip, and --from {kind.value} reads a plain file")
        if not _is_slack(tree.names()):
            raise SourceError(
                path,
                "a zip that is not a Slack export (no users.json or channels.json)",
                hint=f"the kinds are: {KINDS}",
            )
        parsed.extend(read_slack(tree, str(path), with_metadata=options.with_metadata))


def _read_content(
    kind: SourceKind,
    data: bytes,
    name: str,
    options: ReadOptions,
    parsed: Parsed,
    github: list[tuple[str, Any]],
) -> None:
    try:
        _read_kind(kind, data, name, options, parsed, github)
    except OverflowError:  # a record's time beyond the years 1 to 9999, once in UTC
        raise SourceError(
            Path(name), "a time out of range: times go from the year 1 to 9999 in UTC"
        ) from None


def _read_kind(
    kind: SourceKind,
    data: bytes,
    name: str,
    options: ReadOptions,
    parsed: Parsed,
    github: list[tuple[str, Any]],
) -> None:
    if kind is SourceKind.ZSH:
        parsed.extend(read_zsh(data, name))
        return
    text = _decode(data, name)
    if kind is SourceKind.TEXT:
        parsed.extend(read_published(text, name, options))
    elif kind is SourceKind.CSV:
        parsed.extend(read_csv(text, name, options))
    elif kind is SourceKind.GIT:
        parsed.extend(read_git(text, name))
    elif kind is SourceKind.BASH:
        parsed.extend(read_bash(text, name))
    elif kind is SourceKind.ALERTMANAGER:
        parsed.extend(read_alertmanager(text, name))
    else:
        value = _one_document(text, name, parsed)
        if value is None:
            return
        if kind is SourceKind.PAGERDUTY:
            parsed.extend(read_pagerduty(value, name))
        elif kind is SourceKind.OPSGENIE:
            parsed.extend(read_opsgenie(value, name))
        elif kind is SourceKind.GITHUB:
            github.append((name, value))
        else:
            stem = Path(name).parent.name or Path(name).stem
            parsed.extend(read_day_file(data, name, stem, with_metadata=options.with_metadata))


def _one_document(text: str, name: str, parsed: Parsed) -> Any:
    for document in json_documents(text, name):
        if isinstance(document, tuple):
            return document[1]
        parsed.problems.append(document)
        return None
    return None


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            name,
            f"not UTF-8 text (byte {error.start})",
            where=f"line {line}",
            hint="save it as UTF-8",
        ) from None


# ---- telling kinds apart -----------------------------------------------------------------------


def _detect_text(data: bytes, kind: SourceKind | None, name: str) -> SourceKind:
    """The kind given, or the one the content shows; `SourceError` listing the kinds when the
    content is none of them."""
    if kind is not None:
        return kind
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    first = head.split(b"\n", 1)[0]
    if ZSH_ENTRY.match(first.decode("utf-8", errors="replace")):
        return SourceKind.ZSH
    if b"\x00" in head:
        raise _unknown(name, "binary data")
    text = head.decode("utf-8", errors="replace")
    line = text.split("\n", 1)[0].rstrip("\r")
    if text.startswith(("{", "[")):
        found = _json_kind(data.decode("utf-8", errors="replace"), name)
        if found is None:
            raise _unknown(name, "JSON of no kind we know")
        return found
    if GIT_LINE.match(line):
        return SourceKind.GIT
    if any(BASH_STAMP.match(row) for row in text.splitlines()[:200]):
        return SourceKind.BASH  # lines written before HISTTIMEFORMAT was set may come first
    if CSV_HEADER.match(line):
        return SourceKind.CSV
    return SourceKind.TEXT


def _json_kind(text: str, name: str) -> SourceKind | None:
    for document in json_documents(text, name):
        if not isinstance(document, tuple):
            return None
        value = document[1]
        if isinstance(value, dict):
            if "log_entries" in value:
                return SourceKind.PAGERDUTY
            if isinstance(value.get("alerts"), list):
                return SourceKind.ALERTMANAGER
            if isinstance(value.get("data"), list):
                return SourceKind.OPSGENIE
        if is_github(value):
            return SourceKind.GITHUB
        first = value[0] if isinstance(value, list) and value else None
        if isinstance(first, dict):
            if str(first.get("type", "")).endswith("_log_entry"):
                return SourceKind.PAGERDUTY
            if "ts" in first:
                return SourceKind.SLACK
            if "log" in first and "createdAt" in first:
                return SourceKind.OPSGENIE
        return None
    return None


def _unknown(name: str, what: str) -> SourceError:
    return SourceError(
        name, f"{what}: not a kind of source we read", hint=f"the kinds are: {KINDS}"
    )


def _is_slack(names: list[str]) -> bool:
    return any(n.rpartition("/")[2] in ("users.json", *CONVERSATION_FILES) for n in names)


class _Folder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._names: list[str] | None = None

    def names(self) -> list[str]:
        if self._names is None:
            self._names = [
                p.relative_to(self.root).as_posix()
                for p in self.root.rglob("*.json")
                if p.is_file()
            ]
        return self._names

    def read(self, name: str) -> bytes:
        try:
            return (self.root / name).read_bytes()
        except FileNotFoundError:
            raise KeyError(name) from None
        except OSError as error:
            raise SourceError(self.root / name, f"cannot read: {error.strerror or error}") from None


class _Zip:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self._names = [n for n in archive.namelist() if not n.endswith("/")]

    def names(self) -> list[str]:
        return self._names

    def read(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except (zipfile.BadZipFile, OSError) as error:
            raise SourceError(name, f"cannot read it from the zip: {error}") from None

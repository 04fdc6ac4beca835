"""Telling kinds of source apart from their content, and refusing what is none of them."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from agenda.sources.read import KINDS, SourceError, parse_kind, read_pasted, read_sources
from agenda.sources.records import ReadOptions
from agenda.vocabulary import SourceKind
from tests.helpers import SOURCES

INCIDENT = SOURCES / "incident"
OPTIONS = ReadOptions(day=date(2024, 3, 12))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("postmortem-draft.md", SourceKind.TEXT),
        ("slack-export", SourceKind.SLACK),
        ("slack-export/inc-checkout/2024-03-12.json", SourceKind.SLACK),
        ("pagerduty-log-entries.json", SourceKind.PAGERDUTY),
        ("alertmanager-webhooks.ndjson", SourceKind.ALERTMANAGER),
        ("opsgenie-alert-logs.json", SourceKind.OPSGENIE),
        ("git-log.txt", SourceKind.GIT),
        ("github-deployments.json", SourceKind.GITHUB),
        ("github-statuses-1001.json", SourceKind.GITHUB),
        ("support-tickets.csv", SourceKind.CSV),
        ("priya.bash_history", SourceKind.BASH),
        ("marco.zsh_history", SourceKind.ZSH),
    ],
)
def test_the_kind_is_read_from_the_content(name: str, kind: SourceKind) -> None:
    parsed = read_sources([str(INCIDENT / name)], OPTIONS)
    assert parsed.records and {r.kind for r in parsed.records} == {kind}
    assert not parsed.problems


def test_from_overrides_detection() -> None:
    parsed = read_sources([str(INCIDENT / "support-tickets.csv")], OPTIONS, kind=SourceKind.TEXT)
    assert {r.kind for r in parsed.records} == {SourceKind.TEXT}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"hello": "world"}', "JSON of no kind we know"),
        (b"[]", "JSON of no kind we know"),
        (b"\x00\x01\x02binary", "binary data"),
    ],
)
def test_unknown_kinds_are_refused_with_the_kinds_it_takes(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    source = tmp_path / "mystery"
    source.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_sources([str(source)], OPTIONS)
    assert fragment in caught.value.message and KINDS in caught.value.message


def test_folders_and_zips_that_are_not_slack_exports_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("notes.txt", "14:00 hello")
    for path in (tmp_path, archive):
        with pytest.raises(SourceError, match="not a Slack export"):
            read_sources([str(path)], OPTIONS)


def test_missing_sources_and_unknown_kind_names() -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        read_sources(["/nonexistent/file.json"], OPTIONS)
    with pytest.raises(SourceError) as caught:
        parse_kind("splunk")
    assert caught.value.message == f"--from: no kind 'splunk' — the kinds are: {KINDS}"


def test_not_utf8_text_is_refused_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("14:00 ok\n14:05 caf\xe9\n".encode("latin-1"))
    with pytest.raises(SourceError, match="line 2: not UTF-8 text"):
        read_sources([str(source)], OPTIONS)


@pytest.mark.parametrize(
    "name",
    [
        "support-tickets.csv",
        "git-log.txt",
        "pagerduty-log-entries.json",
        "opsgenie-alert-logs.json",
    ],
)
def test_pasted_text_of_any_kind(name: str) -> None:
    text = (INCIDENT / name).read_bytes().decode("utf-8-sig")
    pasted = read_pasted(text, OPTIONS)
    from_file = read_sources([str(INCIDENT / name)], OPTIONS)
    assert [(r.at, r.text) for r in pasted.records] == [(r.at, r.text) for r in from_file.records]
    assert (
        read_pasted('{"what": 1}\n', OPTIONS).problems[0].message
        == "no time at the start of the line"
    )

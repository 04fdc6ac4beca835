"""Provides reading a CSV timeline (a ``time,description`` header, RFC 4180) and shell history
(bash with HISTTIMEFORMAT, zsh extended history)."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from agenda.model import format_duration
from agenda.sources.records import (
    NoZone,
    Parsed,
    Problem,
    ReadOptions,
    Record,
    epoch_seconds,
    file_ref,
    parse_instant,
)
from agenda.vocabulary import SourceKind

# ---- CSV ---------------------------------------------------------------------------------------

CSV_HEADER = re.compile(r'^\ufeff?"?time"?\s*,\s*"?description"?\s*(?:,|$)', re.IGNORECASE)
_LOCALE_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_WHO_COLUMNS = ("who", "author", "owner", "actor")


def read_csv(text: str, name: str, options: ReadOptions) -> Parsed:
    """Rows of ``time,description`` (more columns allowed; a ``who`` column names the author).
    Times are ISO 8601 with an offset; without one they need --tz; a date like 03/04/2024 is
    refused, being day/month in one country and month/day in another."""
    parsed = Parsed()
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = [cell.strip().lower() for cell in next(rows)]
    except (StopIteration, csv.Error):
        parsed.problems.append(Problem(name, "no time,description header", line=1))
        return parsed
    if header[:2] != ["time", "description"]:
        parsed.problems.append(
            Problem(
                name, "the first line must be the header time,description", ",".join(header), line=1
            )
        )
        return parsed
    who = next((header.index(c) for c in _WHO_COLUMNS if c in header), None)
    zone = options.zone if options.zone_given else None
    while True:
        start = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            parsed.problems.append(Problem(name, f"not CSV: {error}", line=rows.line_num))
            continue
        if not any(cell.strip() for cell in row):
            continue
        record = _row(row, name, start, zone, who, parsed)
        if record is not None:
            parsed.records.append(record)
    return parsed


def _row(
    row: list[str], name: str, line: int, zone: object, who: int | None, parsed: Parsed
) -> Record | None:
    shown = ",".join(row)
    if len(row) < 2:
        parsed.problems.append(Problem(name, "no description column", shown, line=line))
        return None
    when, what = row[0].strip(), row[1].strip()
    if _LOCALE_DATE.match(when):
        parsed.problems.append(
            Problem(
                name, "a date like 03/04/2024 is ambiguous: write it as ISO 8601", shown, line=line
            )
        )
        return None
    try:
        at = parse_instant(when, zone=zone)  # type: ignore[arg-type]
    except NoZone:
        parsed.problems.append(
            Problem(
                name, "the time has no offset: give --tz, or write Z or +HH:MM", shown, line=line
            )
        )
        return None
    except ValueError as error:
        parsed.problems.append(Problem(name, str(error), shown, line=line))
        return None
    if not what:
        parsed.problems.append(Problem(name, "no description", shown, line=line))
        return None
    author = row[who].strip() if who is not None and who < len(row) else ""
    where = f"{name}:{line}"
    return Record(
        at=at, text=what, kind=SourceKind.CSV, who=author, ref=file_ref(name, line), where=where
    )


# ---- shell history -----------------------------------------------------------------------------

BASH_STAMP = re.compile(r"^#(\d{9,11})\s*$")
ZSH_ENTRY = re.compile(r"^: (\d+):(\d+);(.*)$", re.DOTALL)
META = 0x83
"""zsh writes some bytes of a history line as Meta followed by the byte xor 32."""


def read_bash(text: str, name: str) -> Parsed:
    """``#EPOCH`` lines (HISTTIMEFORMAT was set) each followed by one command, which may run over
    several lines."""
    parsed = Parsed()
    current: tuple[int, str, list[str]] | None = None

    def close() -> None:
        if current is None:
            return
        line, stamp, lines = current
        command = "\n".join(lines).strip("\n")
        if not command.strip():
            parsed.problems.append(
                Problem(name, "a timestamp with no command after it", f"#{stamp}", line=line)
            )
            return
        where = f"{name}:{line}"
        parsed.records.append(
            Record(
                at=epoch_seconds(stamp),
                text=f"$ {command}",
                kind=SourceKind.BASH,
                ref=file_ref(name, line),
                where=where,
            )
        )

    for number, line in enumerate(text.splitlines(), start=1):
        stamp = BASH_STAMP.match(line)
        if stamp:
            close()
            current = (number, stamp[1], [])
        elif current is not None:
            current[2].append(line)
        elif line.strip():
            parsed.problems.append(
                Problem(
                    name,
                    "no #timestamp before it (HISTTIMEFORMAT was not set yet)",
                    line,
                    line=number,
                )
            )
    close()
    return parsed


def unmetafy(line: bytes) -> bytes:
    """Undo zsh's metafication: Meta (0x83) and the next byte xor 32 are that one byte."""
    if META not in line:
        return line
    out = bytearray()
    escaped = False
    for byte in line:
        if escaped:
            out.append(byte ^ 0x20)
            escaped = False
        elif byte == META:
            escaped = True
        else:
            out.append(byte)
    return bytes(out)


def read_zsh(data: bytes, name: str) -> Parsed:
    """``: START:ELAPSED;COMMAND`` lines; a line ending in a backslash goes on on the next one.
    Metafied bytes are undone before the text is decoded as UTF-8."""
    parsed = Parsed()
    entries: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        text = unmetafy(raw.removesuffix(b"\r")).decode("utf-8", errors="replace")
        if entries and entries[-1][1][-1].endswith("\\"):
            entries[-1][1][-1] = entries[-1][1][-1][:-1]
            entries[-1][1].append(text)
        elif ZSH_ENTRY.match(text):
            entries.append((number, [text]))
        elif text.strip():
            parsed.problems.append(
                Problem(name, "not a zsh history line (: START:ELAPSED;COMMAND)", text, line=number)
            )
    for number, lines in entries:
        entry = ZSH_ENTRY.match("\n".join(lines))
        assert entry is not None
        command, elapsed = entry[3], int(entry[2])
        if "\ufffd" in command:
            parsed.problems.append(
                Problem(
                    name, "not UTF-8 even after undoing zsh's metafication", command, line=number
                )
            )
            continue
        took = f"  (ran {format_duration(timedelta(seconds=elapsed))})" if elapsed else ""
        where = f"{name}:{number}"
        parsed.records.append(
            Record(
                at=epoch_seconds(entry[1]),
                text=f"$ {command}{took}",
                kind=SourceKind.ZSH,
                ref=file_ref(name, number),
                where=where,
            )
        )
    return parsed

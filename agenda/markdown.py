"""Provides Markdown for user text: inline, paragraphs, table cells, lists and code spans, so
that nothing a user typed can add markup, HTML or structure to a document."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_LINE_START = re.compile(r"^(\s*)([+\-=])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])")


def inline(text: str) -> str:
    """User text as literal inline Markdown on one line: no markup, HTML, or structure survives."""
    return "<br>".join(_escape_line(line.strip()) for line in text.splitlines())


def _escape_line(line: str) -> str:
    line = line.replace("&", "&amp;")
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
    return _ORDERED_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def paragraphs(text: str) -> str:
    """Multi-line user text as literal Markdown paragraphs, keeping its line breaks."""
    blocks = re.split(r"\n\s*\n", "\n".join(text.splitlines()).strip())
    out = []
    for block in blocks:
        lines = [_escape_line(line.strip()) for line in block.split("\n") if line.strip()]
        out.append("\\\n".join(lines))
    return "\n\n".join(b for b in out if b)


def cell(text: str) -> str:
    """User text for a table cell; an empty cell shows a dash."""
    return inline(text) if text.strip() else "—"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; the cells must already be escaped."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def bullets(items: Iterable[str], empty: str = "_None recorded._") -> str:
    lines = [f"- {inline(item)}" for item in items if item.strip()]
    return "\n".join(lines) if lines else empty


_CODE_TOKEN = re.compile(
    r"[A-Za-z_][\w.]*\(.*\)"  # a call or a stack frame: resolveSavedMethod(id)
    r"|[A-Za-z_]\w+(?:\.[A-Za-z_]\w+)+"  # a dotted name: PaymentHandler.resolveSavedMethod
    r"|~?/[\w.@-]+(?:/[\w.@-]*)+"  # an absolute path: /var/log/app.log
    r"|[\w.-]+(?:/[\w.-]+)+\.[A-Za-z]\w*(?::\d+)?"  # a relative file: src/pay/handler.py
    r"|[\w.-]+\.[A-Za-z]\w*:\d+"  # file:line: handler.go:212
    r"|[\w.-]+=\S+"  # a setting: max_connections=200
    r"|[a-z][a-z0-9]*(?:_[a-z0-9]+)+"  # snake_case: pool_size
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"  # an environment variable: DB_POOL_SIZE
    r"|--[a-z][\w-]*"  # a flag: --to
    r"|\S*(?:::|->|=>)\S*"
)
"""One word of evidence that is code, a path, a setting or a name from a log, not prose."""

_LEADING = "(\"'[{"
_TRAILING = ",.;:!?)\"']}"


def evidence(text: str) -> str:
    """Evidence as a reader should see it, one line: what reads as code (a stack frame, a
    command, a path, a setting, text the user put in backticks) in code spans, the rest as
    literal text; neither can add markup."""
    return "<br>".join(_evidence_line(line.strip()) for line in text.splitlines())


def _evidence_line(line: str) -> str:
    if line.startswith("$ "):  # a command as typed at a prompt
        return code(line)
    parts = re.split(r"(`[^`\n]+`)", line)
    return "".join(code(part) if index % 2 else _words(part) for index, part in enumerate(parts))


def _words(text: str) -> str:
    out: list[str] = []
    plain = ""  # escaped a run at a time, so that only the run's start counts as a line start
    for piece in re.split(r"(\s+)", text):
        core = piece.lstrip(_LEADING)
        bare = len(core.rstrip(_TRAILING))
        # "f(x))." is the call f(x) then "),": try the word with each trailing mark given back
        ends = [end for end in range(bare, len(core) + 1) if _CODE_TOKEN.fullmatch(core[:end])]
        if bare and ends:
            out += [_escape_line(plain + piece[: len(piece) - len(core)]), code(core[: ends[0]])]
            plain = core[ends[0] :]
        else:
            plain += piece
    return "".join([*out, _escape_line(plain)])


def code(text: str, *, in_table: bool = False) -> str:
    """One line of text as a code span: shown exactly, with no markup. The fence is one
    backtick longer than the longest run inside, so no backtick in the text can close it; in
    a table a pipe is escaped, since GFM splits cells on it even inside a span."""
    line = " ".join(text.strip().removeprefix("`").removesuffix("`").split()) or "`"
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {line} " if line.startswith("`") or line.endswith("`") else line
    span = f"{fence}{padded}{fence}"
    return span.replace("|", "\\|") if in_table else span

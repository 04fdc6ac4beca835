"""Provides a TOML text cut into blocks (the top, each [table], each [[array]] item) and each
block re-rendered for new values: kept when they are unchanged, edited key by key when they
changed, the arrays inside an item (an event's sources) matched entry by entry."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from agenda.tomlwrite import (
    MISSING,
    Shape,
    fresh_block,
    is_unset,
    key,
    lines,
    literal,
    nested,
)

Path_ = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """The text of one block (its leading blank lines, header line and body) and the values
    it holds: a table's own values, or an array item's."""

    text: str
    value: dict[str, Any]


def at(data: Any, path: Path_) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return MISSING
        data = data[part]
    return data


_STRINGS = (
    r'"{3}(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}'
    r"|'{3}[\s\S]*?'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
)
_BODY = re.compile(rf"(?:{_STRINGS}|#[^\n]*|[^\"'#\n]+|\n(?![ \t]*\[))*")
"""Everything up to the newline before the next table header, skipping strings and comments
(so a ``[[timeline]]`` line inside a multi-line text is text, not a header)."""
HEADER = re.compile(
    r"(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)"
    r"[ \t]*(\]\]?)[ \t]*(?:#[^\n]*)?(?:\n|\Z)"
)


def cut_blocks(text: str) -> list[str] | None:
    """``text`` cut before each table header: what precedes the first, then one piece a
    header, each with the blank and comment lines above its header."""
    starts = [0]
    if re.match(r"[ \t]*\[", text):
        starts.append(0)
    position = starts[-1]
    while True:
        end = _BODY.match(text, position).end()  # type: ignore[union-attr]
        if end >= len(text):
            break
        if text[end] != "\n":
            return None
        position = end + 1
        starts.append(position)
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    for i in range(len(pieces) - 1):  # blank lines and comments above a header go with it
        cut = _tail(pieces[i])
        pieces[i], pieces[i + 1] = pieces[i][:cut], pieces[i][cut:] + pieces[i + 1]
    return pieces


def _tail(piece: str) -> int:
    """Where the blank and comment lines that end a block start. A line holding a triple
    quote stops the search: it may close a multi-line string, and the lines above it are
    then the string's, not comments."""
    cut = len(piece)
    while cut > 0:
        start = piece.rfind("\n", 0, cut - 1) + 1
        line = piece[start:cut]
        stripped = line.strip()
        if stripped and (stripped[0] != "#" or '"""' in line or "'''" in line):
            break
        cut = start
    return cut


# ---- re-rendering a block --------------------------------------------------------------------


def render_array(
    path: Path_, shape: Shape, blocks: Sequence[Block], items: list[dict[str, Any]]
) -> tuple[Block, ...]:
    """An array's items: each one matched to its old block by id (or, for items without an
    id, by a sequence diff), so an insertion or a move touches only the blocks involved."""
    if shape.keyed:
        old = {block.value.get("id"): block for block in blocks}
        return tuple(_render_item(path, shape, old.get(item["id"]), item) for item in items)
    before = [_hashable(block.value) for block in blocks]
    after = [_hashable(item) for item in items]
    out: list[Block] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(blocks[i1:i2])
            continue
        for k in range(j2 - j1):
            old_block = blocks[i1 + k] if i1 + k < i2 else None
            out.append(_render_item(path, shape, old_block, items[j1 + k]))
    return tuple(out)


def _render_item(path: Path_, shape: Shape, block: Block | None, item: dict[str, Any]) -> Block:
    if block is None:
        return Block(fresh_block(path, True, shape, item), item)
    return render_block(path, shape, True, block, item)


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


_ARRAY = rf"\[(?:{_STRINGS}|#[^\n]*|[^\]\[\"'#])*\]"
_INLINE_TABLE = rf"\{{(?:{_STRINGS}|[^}}\"'\n])*\}}"
_BARE_VALUE = r"[^\s#\[\]{}\"',=][^#\n]*?(?=[ \t]*(?:#|\n|\Z))"
_ENTRY = re.compile(
    rf"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*({_STRINGS}|{_ARRAY}|{_INLINE_TABLE}|{_BARE_VALUE})"
    r"[ \t]*(?:#[^\n]*)?(?:\n|\Z)"
)
_TRIVIA = re.compile(r"[ \t]*(?:#[^\n]*)?(?:\n|\Z)")

Entry = tuple[str, int, int, int, int]
"""A key line: its key, where the line starts, where its value starts and ends, where it ends."""


def render_block(
    path: Path_, shape: Shape, array: bool, block: Block, value: dict[str, Any]
) -> Block:
    if block.value == value:
        return block
    head = HEADER.match(block.text).end() if path else 0  # type: ignore[union-attr]
    found = _entries(block.text, head)
    if found is not None:
        edited = _edit(block, head, *found, value, shape)
        if array and edited is not None:
            edited = _edit_nested(block, edited, found[1], value, path, shape)
        if edited is not None and _holds(edited, path, array, value, shape):
            return Block(edited, value)
    start = block.text[:head]
    if start and not start.endswith("\n"):
        start += "\n"
    body = lines(shape, value) + (nested(path, shape, value) if array else "")
    return Block(start + body, value)


def _entries(text: str, position: int) -> tuple[list[Entry], int] | None:
    """The key lines of a block's body, and where the arrays inside it start (an event's
    ``[[timeline.sources]]``; the end when there are none); None when it holds something else
    (a dotted or quoted key), which is then written afresh."""
    entries: list[Entry] = []
    while position < len(text):
        if _SUBHEADER.match(text, position):
            return entries, position
        found = _ENTRY.match(text, position)
        if found:
            entries.append((found.group(1), found.start(), *found.span(2), found.end()))
            position = found.end()
            continue
        trivia = _TRIVIA.match(text, position)
        if trivia is None or trivia.end() == position:
            return None
        position = trivia.end()
    return entries, position


_SUBHEADER = re.compile(r"[ \t]*\[")


def _edit(
    block: Block, head: int, entries: list[Entry], _end: int, value: dict[str, Any], shape: Shape
) -> str | None:
    """The block's text with each changed value replaced where it stands (its comment kept),
    each value now unset removed, and each new value inserted after the key before it."""
    text = block.text
    edits: list[tuple[int, int, str]] = []
    present: dict[str, int] = {}
    for name, start, value_start, value_end, end in entries:
        if name in present or name not in shape.fields:
            return None
        present[name] = end
        new = value.get(name, MISSING)
        if block.value.get(name, MISSING) == new:
            continue
        if is_unset(new, shape.fields[name]):
            edits.append((start, end, ""))
            continue
        old_text = text[value_start:value_end]
        one_line = old_text.startswith("[") and "\n" not in old_text
        edits.append((value_start, value_end, literal(new, one_line=one_line)))
    order = list(shape.fields)
    for index, name in enumerate(order):
        new = value.get(name, MISSING)
        if name in present or block.value.get(name, MISSING) == new:
            continue
        if is_unset(new, shape.fields[name]):
            continue
        at = next((present[b] for b in reversed(order[:index]) if b in present), head)
        line = f"{key(name)} = {literal(new)}\n"
        if at and text[at - 1] != "\n":
            line = "\n" + line
        edits.append((at, at, line))
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    out, position = [], 0
    for start, end, replacement in edits:
        out += [text[position:start], replacement]
        position = end
    out.append(text[position:])
    return "".join(out)


def _edit_nested(
    block: Block, text: str, start: int, value: dict[str, Any], path: Path_, shape: Shape
) -> str | None:
    """An edited item with the arrays inside it (an event's sources) rendered like any array:
    unchanged entries keep their bytes and comments, changed ones are edited in place."""
    if all(block.value.get(name) == value.get(name) for name in shape.arrays):
        return text
    cut = len(text) - (len(block.text) - start)  # the own-key edits all came before ``start``
    old = _nested_blocks(block, start, path, shape)
    if old is None:
        return None
    parts = [text[:cut]]
    for name, sub in shape.arrays.items():
        inner = (*path, name)
        parts += [b.text for b in render_array(inner, sub, old[name], value.get(name) or [])]
    if parts[0] and not parts[0].endswith("\n"):
        parts[0] += "\n"
    return "".join(parts)


def _nested_blocks(
    block: Block, start: int, path: Path_, shape: Shape
) -> dict[str, list[Block]] | None:
    """The blocks of the arrays inside an item, each with the value it held."""
    pieces = cut_blocks(block.text[start:])
    if pieces is None or pieces[0].strip():
        return None
    found: dict[str, list[Block]] = {name: [] for name in shape.arrays}
    for piece in pieces[1:]:
        header = HEADER.match(piece)
        name = header.group(2).split(".")[-1].strip() if header else ""
        values = block.value.get(name) or []
        if header is None or name not in found or len(found[name]) >= len(values):
            return None
        found[name].append(Block(piece, values[len(found[name])]))
    return found


def _holds(text: str, path: Path_, array: bool, value: dict[str, Any], shape: Shape) -> bool:
    """Whether a block edited in place reads back, on its own, as exactly ``value``."""
    try:
        parsed: Any = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return False
    parsed = at(parsed, path)
    if array:
        parsed = parsed[0] if isinstance(parsed, list) and len(parsed) == 1 else MISSING
    return _same(parsed, value, shape, nested=array)


def _same(parsed: Any, value: dict[str, Any], shape: Shape, *, nested: bool) -> bool:
    """Whether parsed TOML holds ``value``: missing keys at their defaults, and (``nested``)
    the arrays inside an item item by item."""
    names = set(shape.fields) | (set(shape.arrays) if nested else set())
    if not isinstance(parsed, dict) or not set(parsed) <= names:
        return False
    if any(parsed.get(k, default) != value.get(k) for k, default in shape.fields.items()):
        return False
    for name, sub in shape.arrays.items() if nested else ():
        got, want = parsed.get(name, []), value.get(name) or []
        if len(got) != len(want):
            return False
        if not all(_same(g, w, sub, nested=True) for g, w in zip(got, want, strict=True)):
            return False
    return True

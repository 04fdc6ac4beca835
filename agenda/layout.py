"""Provides minimal-diff saving: a session file's text kept block by block, and re-rendered so
that only what changed changes.

A session file is a run of blocks: the top (``schema_version``), each ``[table]`` and each
``[[array]]`` item. Loading remembers every block's text beside the value it holds. Saving
compares each block's value with the session's: an unchanged block keeps its bytes (comments,
key order, spacing, even a hand-written ``known = ""``); a changed one is edited key by key, so a
one-field edit is a one-line diff and a comment on the next line survives; new items are written
fresh and removed ones dropped. Array items are matched by id, so inserting or reordering moves
whole blocks. Only the blocks that were edited in place are parsed back to check them: a save
costs a comparison per item, not a parse of the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from typing import Any

from agenda.model import Session
from agenda.tomlwrite import MISSING, Shape, fresh_block, is_unset, key, literal, shape_of

SHAPE = shape_of(Session)
Path_ = tuple[str, ...]


def _units(shape: Shape, path: Path_ = ()) -> Iterator[tuple[Path_, Shape, bool]]:
    """Every table and array of the file, in the order a fresh save writes them."""
    yield path, shape, False
    for name, sub in shape.tables.items():
        yield from _units(sub, (*path, name))
    for name, sub in shape.arrays.items():
        yield (*path, name), sub, True


UNITS: dict[Path_, tuple[Shape, bool]] = {p: (s, a) for p, s, a in _units(SHAPE)}
"""Each table or array path → its shape and whether it is an array; in canonical order."""
ORDER = {path: index for index, path in enumerate(UNITS)}


@dataclass(frozen=True, slots=True)
class Block:
    """The text of one block (its leading blank lines, header line and body) and the values
    it holds: a table's own values, or an array item's."""

    text: str
    value: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Unit:
    """A table's one block, or an array's blocks, as they sit in the file."""

    path: Path_
    array: bool
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Layout:
    """A session file's text as blocks; immutable, so a worker thread may render from it.

    A file just loaded is split into blocks only when first saved (off the UI thread, in the
    app): loading pays for nothing but keeping the text and what it parsed to."""

    text: str
    built: tuple[Unit, ...] | None = None
    source: tuple[dict[str, Any], dict[str, Any]] | None = field(default=None, compare=False)
    """What a loaded file parsed to and the validated session's dump, until ``units``."""

    @cached_property
    def units(self) -> tuple[Unit, ...] | None:
        """The blocks; None when the file is written in a way a save cannot follow block by
        block (CRLF line ends, quoted table names, tables written inline or with dotted
        keys): such a file is saved whole, exactly but without its comments."""
        if self.built is not None or self.source is None:
            return self.built
        units = _follow(self.text, *self.source)
        object.__setattr__(self, "source", None)  # frozen, but the parse is no longer needed
        return units


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return MISSING
        data = data[part]
    return data


# ---- reading a file's blocks --------------------------------------------------------------------

_STRINGS = (
    r'"{3}(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}'
    r"|'{3}[\s\S]*?'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
)
_BODY = re.compile(rf"(?:{_STRINGS}|#[^\n]*|[^\"'#\n]+|\n(?![ \t]*\[))*")
"""Everything up to the newline before the next table header, skipping strings and comments
(so a ``[[timeline]]`` line inside a multi-line text is text, not a header)."""
_HEADER = re.compile(
    r"(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)"
    r"[ \t]*(\]\]?)[ \t]*(?:#[^\n]*)?(?:\n|\Z)"
)


def scan(text: str, raw: dict[str, Any], data: dict[str, Any]) -> Layout:
    """A loaded file's layout, given what its ``text`` parsed to (``raw``) and the validated
    session's dump (``data``, the values its blocks are compared with at the next save)."""
    return Layout(text, source=(raw, data))


def _follow(text: str, raw: dict[str, Any], data: dict[str, Any]) -> tuple[Unit, ...] | None:
    if "\r" in text:
        return None
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
    return _assemble(pieces, raw, data)


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


def _assemble(
    pieces: list[str], raw: dict[str, Any], data: dict[str, Any]
) -> tuple[Unit, ...] | None:
    top = Block(pieces[0], SHAPE.scalars(data))
    groups: list[tuple[Path_, bool, list[Block]]] = [((), False, [top])]
    counts: dict[Path_, int] = {}
    for piece in pieces[1:]:
        found = _HEADER.match(piece)
        if found is None or len(found.group(1)) != len(found.group(3)):
            return None
        path = tuple(part.strip() for part in found.group(2).split("."))
        array = found.group(1) == "[["
        if UNITS.get(path, (None, not array))[1] != array:
            return None
        if array:
            index = counts.get(path, 0)
            counts[path] = index + 1
            items = _at(data, path)
            if not isinstance(items, list) or index >= len(items):
                return None
            if groups[-1][0] == path:
                groups[-1][2].append(Block(piece, items[index]))
                continue
            block = Block(piece, items[index])
        else:
            block = Block(piece, UNITS[path][0].scalars(_at(data, path)))
        if any(group[0] == path for group in groups):
            return None  # an array split in two places, or a table twice
        groups.append((path, array, [block]))
    if not _covered(raw, SHAPE, (), {group[0] for group in groups}, counts):
        return None
    return tuple(Unit(path, array, tuple(blocks)) for path, array, blocks in groups)


def _covered(
    raw: Any, shape: Shape, path: Path_, headed: set[Path_], counts: dict[Path_, int]
) -> bool:
    """Whether every table and array item the file holds has a block of its own (none is
    written inline or with dotted keys, which a block-by-block save could not follow)."""
    if not isinstance(raw, dict):
        return False
    if path and path not in headed and any(name in raw for name in shape.fields):
        return False
    for name, sub in shape.tables.items():
        if name in raw:
            below = (*path, name)
            if not any(h[: len(below)] == below for h in headed):
                return False
            if not _covered(raw[name], sub, below, headed, counts):
                return False
    for name in shape.arrays:  # an empty array can only have been written inline, as []
        count = counts.get((*path, name), 0)
        if name in raw and (count == 0 or count != len(raw[name])):
            return False
    return True


# ---- rendering -----------------------------------------------------------------------------------


def render(data: dict[str, Any], base: Layout | None = None) -> Layout:
    """The file for ``data`` (a session's dump), keeping ``base``'s text wherever the values
    it holds are unchanged; without a base, the whole file is written fresh."""
    old = base.units if base is not None else None
    wanted = _wanted(data, fresh=old is None)
    units: list[Unit] = []
    if old is not None:
        for unit in old:
            shape, array = UNITS[unit.path]
            if array:
                blocks = _render_array(unit, wanted.get(unit.path, []), shape)
                if blocks:
                    units.append(Unit(unit.path, True, blocks))
            else:
                value = shape.scalars(_at(data, unit.path))
                units.append(Unit(unit.path, False, (_render_block(unit, unit.blocks[0], value),)))
    seen = {unit.path for unit in units}
    for path, values in wanted.items():
        if path not in seen:
            shape, array = UNITS[path]
            fresh = tuple(Block(fresh_block(path, array, shape.written(v)), v) for v in values)
            _insert(units, Unit(path, array, fresh))
    return Layout(_join(units), built=tuple(units))


def _wanted(data: dict[str, Any], fresh: bool) -> dict[Path_, list[dict[str, Any]]]:
    """Each table or array the data needs written, in canonical order: a table's values, or
    an array's items. An array is needed when it has items; a table when something under it
    is, or when it has a value to write (in a file saved before: a value other than the
    default, since leaving the table out already says "all defaults")."""
    wanted: dict[Path_, list[dict[str, Any]]] = {}
    for path, (shape, array) in reversed(UNITS.items()):
        found = _at(data, path)
        if array:
            if found:
                wanted[path] = found
            continue
        values = shape.scalars(found)
        own = bool(shape.written(found)) if fresh else values != shape.scalars({})
        if own or not path or any(p[: len(path)] == path and p != path for p in wanted):
            wanted[path] = [values]
    return dict(reversed(wanted.items()))


def _render_array(unit: Unit, items: list[dict[str, Any]], shape: Shape) -> tuple[Block, ...]:
    """An array's items: each one matched to its old block by id (or, for items without an
    id, by a sequence diff), so an insertion or a move touches only the blocks involved."""
    if shape.keyed:
        old = {block.value.get("id"): block for block in unit.blocks}
        return tuple(_render_item(unit, old.get(item["id"]), item, shape) for item in items)
    before = [_hashable(block.value) for block in unit.blocks]
    after = [_hashable(item) for item in items]
    out: list[Block] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(unit.blocks[i1:i2])
            continue
        for k in range(j2 - j1):
            old_block = unit.blocks[i1 + k] if i1 + k < i2 else None
            out.append(_render_item(unit, old_block, items[j1 + k], shape))
    return tuple(out)


def _render_item(unit: Unit, block: Block | None, item: dict[str, Any], shape: Shape) -> Block:
    if block is None:
        return Block(fresh_block(unit.path, True, shape.written(item)), item)
    return _render_block(unit, block, item)


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def _insert(units: list[Unit], unit: Unit) -> None:
    """Put a table or array the file did not have before the first one that follows it in a
    fresh file's order (at the end when none does)."""
    order = ORDER[unit.path]
    for index, other in enumerate(units):
        if ORDER[other.path] > order:
            units.insert(index, unit)
            return
    units.append(unit)


def _join(units: list[Unit]) -> str:
    parts: list[str] = []
    ends_line = True
    for unit in units:
        for block in unit.blocks:
            if not block.text:
                continue
            if not ends_line:
                parts.append("\n")
            parts.append(block.text)
            ends_line = block.text.endswith("\n")
    return "".join(parts)


# ---- editing a block in place -------------------------------------------------------------

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


def _render_block(unit: Unit, block: Block, value: dict[str, Any]) -> Block:
    if block.value == value:
        return block
    shape, array = UNITS[unit.path]
    head = _HEADER.match(block.text).end() if unit.path else 0  # type: ignore[union-attr]
    entries = _entries(block.text, head)
    if entries is not None:
        edited = _edit(block, head, entries, value, shape)
        if edited is not None and _holds(edited, unit.path, array, value, shape):
            return Block(edited, value)
    start = block.text[:head]
    if start and not start.endswith("\n"):
        start += "\n"
    lines = "".join(f"{key(k)} = {literal(v)}\n" for k, v in shape.written(value).items())
    return Block(start + lines, value)


def _entries(text: str, position: int) -> list[Entry] | None:
    """The key lines of a block's body; None when it holds something else (a dotted or
    quoted key), which is then written afresh."""
    entries: list[Entry] = []
    while position < len(text):
        found = _ENTRY.match(text, position)
        if found:
            entries.append((found.group(1), found.start(), *found.span(2), found.end()))
            position = found.end()
            continue
        trivia = _TRIVIA.match(text, position)
        if trivia is None or trivia.end() == position:
            return None
        position = trivia.end()
    return entries


def _edit(
    block: Block, head: int, entries: list[Entry], value: dict[str, Any], shape: Shape
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


def _holds(text: str, path: Path_, array: bool, value: dict[str, Any], shape: Shape) -> bool:
    """Whether a block edited in place reads back, on its own, as exactly ``value``."""
    try:
        parsed: Any = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return False
    parsed = _at(parsed, path)
    if array:
        parsed = parsed[0] if isinstance(parsed, list) and len(parsed) == 1 else MISSING
    if not isinstance(parsed, dict) or not set(parsed) <= set(shape.fields):
        return False
    return all(parsed.get(k, default) == value.get(k) for k, default in shape.fields.items())

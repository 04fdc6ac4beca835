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

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from agenda.blocks import HEADER, Block, Path_, at, cut_blocks, render_array, render_block
from agenda.model import Session
from agenda.tomlwrite import Shape, fresh_block, shape_of

SHAPE = shape_of(Session)


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


# ---- reading a file's blocks --------------------------------------------------------------------


def scan(text: str, raw: dict[str, Any], data: dict[str, Any]) -> Layout:
    """A loaded file's layout, given what its ``text`` parsed to (``raw``) and the validated
    session's dump (``data``, the values its blocks are compared with at the next save)."""
    return Layout(text, source=(raw, data))


def _follow(text: str, raw: dict[str, Any], data: dict[str, Any]) -> tuple[Unit, ...] | None:
    if "\r" in text:
        return None
    pieces = cut_blocks(text)
    return None if pieces is None else _assemble(pieces, raw, data)


def _assemble(
    pieces: list[str], raw: dict[str, Any], data: dict[str, Any]
) -> tuple[Unit, ...] | None:
    top = Block(pieces[0], SHAPE.scalars(data))
    groups: list[tuple[Path_, bool, list[Block]]] = [((), False, [top])]
    counts: dict[Path_, int] = {}
    for piece in pieces[1:]:
        found = HEADER.match(piece)
        if found is None or len(found.group(1)) != len(found.group(3)):
            return None
        path = tuple(part.strip() for part in found.group(2).split("."))
        array = found.group(1) == "[["
        last_path, last_array, last_blocks = groups[-1]
        if array and last_array and path[:-1] == last_path and path not in UNITS:
            if path[-1] not in UNITS[last_path][0].arrays:
                return None
            last = last_blocks[-1]  # an array inside the last item: [[timeline.sources]]
            last_blocks[-1] = Block(last.text + piece, last.value)
            continue
        if UNITS.get(path, (None, not array))[1] != array:
            return None
        if array:
            index = counts.get(path, 0)
            counts[path] = index + 1
            items = at(data, path)
            if not isinstance(items, list) or index >= len(items):
                return None
            if groups[-1][0] == path:
                groups[-1][2].append(Block(piece, items[index]))
                continue
            block = Block(piece, items[index])
        else:
            table = at(data, path)
            if not isinstance(table, dict):
                return None
            block = Block(piece, UNITS[path][0].scalars(table))
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
                found = render_array(unit.path, shape, unit.blocks, wanted.get(unit.path, []))
                if found:
                    units.append(Unit(unit.path, True, found))
            else:
                table = at(data, unit.path)
                if not isinstance(table, dict):  # an optional table now unset: it goes
                    continue
                block = render_block(unit.path, shape, False, unit.blocks[0], shape.scalars(table))
                units.append(Unit(unit.path, False, (block,)))
    seen = {unit.path for unit in units}
    for path, values in wanted.items():
        if path not in seen:
            shape, array = UNITS[path]
            fresh = tuple(Block(fresh_block(path, array, shape, v), v) for v in values)
            _insert(units, Unit(path, array, fresh))
    return Layout(_join(units), built=tuple(units))


def _wanted(data: dict[str, Any], fresh: bool) -> dict[Path_, list[dict[str, Any]]]:
    """Each table or array the data needs written, in canonical order: a table's values, or
    an array's items. An array is needed when it has items; a table when something under it
    is, or when it has a value to write (in a file saved before: a value other than the
    default, since leaving the table out already says "all defaults")."""
    wanted: dict[Path_, list[dict[str, Any]]] = {}
    for path, (shape, array) in reversed(UNITS.items()):
        found = at(data, path)
        if array:
            if found:
                wanted[path] = found
            continue
        if not isinstance(found, dict):  # an optional table left unset (review.forced)
            continue
        values = shape.scalars(found)
        own = bool(shape.written(found)) if fresh else values != shape.scalars({})
        if own or not path or any(p[: len(path)] == path and p != path for p in wanted):
            wanted[path] = [values]
    return dict(reversed(wanted.items()))


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

"""Provides the one error type raised for any file the core cannot read or write."""

from __future__ import annotations

from pathlib import Path

from agenda.visible import visible


class StorageError(Exception):
    """A file could not be read, parsed, validated or written.

    ``str(error)`` is one line: the file, the place in it, what is wrong, how to fix it; a
    newline or an escape sequence in a file name or a quoted value is shown, never sent.
    """

    def __init__(self, path: str | Path, problem: str, *, where: str = "", hint: str = "") -> None:
        self.path = Path(path)
        self.where = where
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        parts = [str(self.path)]
        if self.where:
            parts.append(self.where)
        text = ": ".join([*parts, self.problem])
        if self.hint:
            text += f" — {self.hint}"
        return visible(text)


class AgendaError(StorageError):
    """An agenda file (built-in or custom) is missing or malformed."""

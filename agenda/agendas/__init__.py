"""Provides meeting agendas: phases, the built-in agenda files, and loading custom ones."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agenda.errors import AgendaError, StorageError
from agenda.vocabulary import Pane

__all__ = ["Agenda", "Pane", "Phase", "builtin_names", "load_agenda", "resolve_agenda"]

BUILTIN_DIR = Path(__file__).parent
"""Where the built-in agenda files live."""


class Phase(BaseModel):
    """One time-boxed step of the meeting."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    """Stable identifier, recorded in the session's phase records."""
    title: str = Field(min_length=1)
    """What the room sees."""
    pane: Pane
    """The pane the phase works in."""
    minutes: int = Field(ge=1, le=480)
    """The time box."""
    sitting: int = Field(default=1, ge=1, le=9)
    """Which sitting of a multi-session agenda the phase belongs to."""
    say: tuple[str, ...] = ()
    """What the facilitator says in this phase."""
    ask: tuple[str, ...] = ()
    """What the facilitator asks the room."""

    @property
    def seconds(self) -> int:
        return self.minutes * 60


class Agenda(BaseModel):
    """A meeting plan: phases in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    """The built-in name, or the path of a custom file."""
    title: str = Field(min_length=1)
    """What the agenda is called."""
    description: str = ""
    """When to use it."""
    phases: tuple[Phase, ...] = Field(min_length=1)
    """The phases, in order."""

    @model_validator(mode="after")
    def _unique_keys(self) -> Agenda:
        keys = [p.key for p in self.phases]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"phase key {key!r} appears twice")
        return self

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.phases)

    def index_of(self, key: str) -> int | None:
        return next((i for i, p in enumerate(self.phases) if p.key == key), None)

    def sitting_phases(self, sitting: int) -> list[Phase]:
        return [p for p in self.phases if p.sitting == sitting]


def builtin_names() -> list[str]:
    """The agendas that ship with the app: default, lightweight, two-session."""
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.toml"))


def load_agenda(name_or_path: str | Path) -> Agenda:
    """A built-in agenda by name, or a custom agenda file by path."""
    text = str(name_or_path)
    if text in builtin_names():
        return _load_file(BUILTIN_DIR / f"{text}.toml", name=text)
    path = Path(text).expanduser()
    if not path.suffix and not path.exists():
        raise AgendaError(
            path,
            "no such agenda",
            hint=f"use one of {', '.join(builtin_names())} or the path of an agenda file",
        )
    return _load_file(path, name=text)


def _load_file(path: Path, *, name: str) -> Agenda:
    from agenda.storage import parse_toml, read_text, validation_error

    try:
        data = parse_toml(read_text(path, "agenda"), path)
    except AgendaError:
        raise
    except StorageError as error:
        if error.problem == "no such file":
            raise AgendaError(path, "no such agenda file", hint="check the path") from None
        raise AgendaError(path, error.problem, where=error.where, hint=error.hint) from None
    data["name"] = name
    try:
        return Agenda.model_validate(data)
    except ValidationError as error:
        found = validation_error(error, path, AgendaError)
        found.hint = found.hint or "see agenda/agendas/default.toml for the format"
        raise found from None


def resolve_agenda(name: str, session_path: Path) -> Agenda:
    """A session's agenda: a built-in name, or a file path relative to the session's folder."""
    if name in builtin_names():
        return load_agenda(name)
    candidate = Path(name).expanduser()
    if not candidate.is_absolute():
        candidate = session_path.parent / candidate
    return load_agenda(candidate)

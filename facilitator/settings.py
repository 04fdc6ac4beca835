"""Provides the user's display settings (theme, presentation mode, sidebar), kept as TOML in the
user's config directory.

They are read before the app's first frame, so the first frame has the user's theme: a frozen
dataclass checked by hand rather than a pydantic model, whose import would cost that frame
about 200 ms (`make bench`, "first frame")."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from platformdirs import user_config_dir

CONFIG_ENV = "FACILITATOR_CONFIG_DIR"
"""Where to keep the settings instead of the user's config directory (tests point it at a
temporary folder so they never touch the real one)."""
DEFAULT_THEME = "textual-dark"


class SidebarMode(StrEnum):
    """Whether the agenda sidebar shows: by the screen's width, or as the facilitator chose."""

    AUTO = "auto"
    SHOWN = "shown"
    HIDDEN = "hidden"


@dataclass(frozen=True)
class Settings:
    """How the app looks; not part of any session."""

    theme: str = DEFAULT_THEME
    """The Textual theme chosen (ctrl+o, "theme"); presentation mode has its own."""
    presentation: bool = False
    """Whether the app opens in presentation mode."""
    sidebar: SidebarMode = SidebarMode.AUTO
    """The agenda sidebar: automatic (hidden below 100 columns), or always shown or hidden."""
    bell: bool = False
    """Ring the terminal bell when a phase's time is up."""

    def changed(self, **values: Any) -> Settings:
        return replace(self, **values)

    def as_toml(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


class Loaded(NamedTuple):
    """The settings read, and the one line to tell the user when the file could not be used."""

    settings: Settings
    problem: str
    writable: bool
    """False when the file is there but unreadable: it is left as the user wrote it."""


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


def settings_path() -> Path:
    folder = os.environ.get(CONFIG_ENV) or user_config_dir("postmortem-facilitator")
    return Path(folder) / "settings.toml"


def load_settings(path: Path | None = None) -> Loaded:
    """Read the settings; a missing file gives the defaults, a bad one the defaults and why."""
    path = path or settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Loaded(parse_settings(data), "", True)
    except FileNotFoundError:
        return Loaded(Settings(), "", True)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        reason = str(error).splitlines()[0]
    except ValueError as error:
        reason = str(error)
    problem = (
        f"settings not used: {path}: {reason}; fix or delete the file (defaults for now, "
        "and it is not overwritten)"
    )
    return Loaded(Settings(), problem, False)


def parse_settings(data: dict[str, Any]) -> Settings:
    """The settings in ``data``; `ValueError` names the first key that is wrong, and how."""
    known = {f.name for f in fields(Settings)}
    for key, value in data.items():
        if key not in known:
            raise ValueError(f"{key}: not a setting (known: {', '.join(sorted(known))})")
        if key in ("presentation", "bell") and not isinstance(value, bool):
            raise ValueError(f"{key}: must be true or false")
        if key == "theme" and not (isinstance(value, str) and value):
            raise ValueError(f"{key}: must be a theme's name")
        if key == "sidebar" and value not in [mode.value for mode in SidebarMode]:
            raise ValueError(f"{key}: must be one of {', '.join(SidebarMode)}")
    values = dict(data)
    if "sidebar" in values:
        values["sidebar"] = SidebarMode(values["sidebar"])
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings (from a worker: this touches the file system)."""
    import tomli_w  # only when the user changes something, never before the first frame

    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(tomli_w.dumps(settings.as_toml()), encoding="utf-8")
    os.replace(temporary, path)

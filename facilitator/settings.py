"""Provides the user's display settings (theme, presentation mode, sidebar), kept as TOML in the
user's config directory."""

from __future__ import annotations

import os
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

import tomli_w
from platformdirs import user_config_dir
from pydantic import BaseModel, ConfigDict, ValidationError

CONFIG_ENV = "FACILITATOR_CONFIG_DIR"
"""Where to keep the settings instead of the user's config directory (tests point it at a
temporary folder so they never touch the real one)."""
DEFAULT_THEME = "textual-dark"


class SidebarMode(StrEnum):
    """Whether the agenda sidebar shows: by the screen's width, or as the facilitator chose."""

    AUTO = "auto"
    SHOWN = "shown"
    HIDDEN = "hidden"


class Settings(BaseModel):
    """How the app looks; not part of any session."""

    model_config = ConfigDict(extra="forbid")

    theme: str = DEFAULT_THEME
    """The Textual theme chosen (ctrl+o, "theme"); presentation mode has its own."""
    presentation: bool = False
    """Whether the app opens in presentation mode."""
    sidebar: SidebarMode = SidebarMode.AUTO
    """The agenda sidebar: automatic (hidden below 100 columns), or always shown or hidden."""
    bell: bool = False
    """Ring the terminal bell when a phase's time is up."""


class Loaded(NamedTuple):
    """The settings read, and the one line to tell the user when the file could not be used."""

    settings: Settings
    problem: str
    writable: bool
    """False when the file is there but unreadable: it is left as the user wrote it."""


def settings_path() -> Path:
    folder = os.environ.get(CONFIG_ENV) or user_config_dir("postmortem-facilitator")
    return Path(folder) / "settings.toml"


def load_settings(path: Path | None = None) -> Loaded:
    """Read the settings; a missing file gives the defaults, a bad one the defaults and why."""
    path = path or settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Loaded(Settings.model_validate(data), "", True)
    except FileNotFoundError:
        return Loaded(Settings(), "", True)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        reason = str(error).splitlines()[0]
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        reason = f"{where}: {first['msg']}"
    problem = (
        f"settings not used: {path}: {reason}; fix or delete the file (defaults for now, "
        "and it is not overwritten)"
    )
    return Loaded(Settings(), problem, False)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings (from a worker: this touches the file system)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(tomli_w.dumps(settings.model_dump(mode="json")), encoding="utf-8")
    os.replace(temporary, path)

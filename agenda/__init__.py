"""Provides the UI-free core: session model, storage, agendas, clock and export.

The names below are imported on first use (PEP 562): importing any one module of the core, such
as `agenda.files` for the app's first frame, must not pay for pydantic and the whole model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agenda.errors import AgendaError, StorageError
    from agenda.model import Session
    from agenda.storage import load_session, save_session

__all__ = ["AgendaError", "Session", "StorageError", "load_session", "save_session"]

_HOMES = {
    "AgendaError": "agenda.errors",
    "StorageError": "agenda.errors",
    "Session": "agenda.model",
    "load_session": "agenda.storage",
    "save_session": "agenda.storage",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'agenda' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)

"""Provides the UI-free core: session model, storage, agendas, clock and export."""

from agenda.errors import AgendaError, StorageError
from agenda.model import Session
from agenda.storage import load_session, save_session

__all__ = ["AgendaError", "Session", "StorageError", "load_session", "save_session"]

"""Provides what exporting a session involves beyond Markdown: where it goes and its secrets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agenda.model import Session
from agenda.queries import TextField, every_text_field

if TYPE_CHECKING:
    from agenda.checks.secrets import Secret


@dataclass(frozen=True)
class FoundSecret:
    """A secret and the field it is in."""

    field: TextField
    secret: Secret

    def describe(self) -> str:
        return f"{self.secret.kind} in {self.field.item} {self.field.field}"


def secrets_in(session: Session) -> list[FoundSecret]:
    """Every secret in every string of the session (ids, names, roles, owners included)."""
    from agenda.checks.secrets import find_secrets  # its patterns: when exporting, not on open

    return [FoundSecret(f, s) for f in every_text_field(session) for s in find_secrets(f.text)]


def describe_secrets(found: list[FoundSecret], limit: int = 3) -> str:
    """ "AWS Access Key in event:E1 description, … and 2 more"."""
    text = ", ".join(item.describe() for item in found[:limit])
    return text + (f" and {len(found) - limit} more" if len(found) > limit else "")


def document_path(session_path: Path) -> Path:
    """Where the app writes the Markdown document: beside the session, same name, .md (for a
    session that is itself named .md, NAME.export.md, never the session)."""
    if session_path.suffix.lower() == ".md":
        return session_path.with_name(f"{session_path.stem}.export.md")
    return session_path.with_suffix(".md")

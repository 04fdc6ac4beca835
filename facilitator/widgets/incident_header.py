"""Provides the header line: severity, title, status, the file and its save state."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from agenda.model import Session

SEVERITY_STYLES = {
    "SEV1": "bold reverse $error",
    "SEV2": "bold $error",
    "SEV3": "bold $warning",
    "SEV4": "bold $text-muted",
}


class IncidentHeader(Static):
    """One line naming the incident; user text is shown literally."""

    DEFAULT_CSS = """
    IncidentHeader {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    """

    def show(self, session: Session, path: Path, *, dirty: bool, note: str = "") -> None:
        incident = session.incident
        parts: list[str | Content | tuple[str, str]] = [
            (f" {incident.severity.value} ", SEVERITY_STYLES[incident.severity.value]),
            "  ",
            (incident.title, "bold"),
            ("  ·  " + incident.status.value, "$text-muted"),
        ]
        if incident.id:
            parts.append(("  ·  " + incident.id, "$text-muted"))
        parts.append(("  ·  " + path.name, "$text-muted"))
        parts.append(("  ● unsaved" if dirty else "  saved", "$warning" if dirty else "$success"))
        if note:
            parts.append(("  " + note, "$text-muted"))
        self.update(Content.assemble(*parts))

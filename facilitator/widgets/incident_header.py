"""Provides the header line: severity, title, status, the file and its save state."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from agenda.model import Session
from agenda.visible import visible
from facilitator.widgets.text import show_text

SEVERITY_STYLES = {
    "SEV1": "bold reverse $error",
    "SEV2": "bold $text-error",
    "SEV3": "bold $text-warning",
    "SEV4": "bold $text-muted",
}


class IncidentHeader(Horizontal):
    """One line naming the incident (cut to fit) with the file's save state always visible."""

    DEFAULT_CSS = """
    IncidentHeader {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    IncidentHeader > #title {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    IncidentHeader > #state {
        width: auto;
        padding-left: 2;
    }
    IncidentHeader > #findings {
        width: auto;
        padding-left: 2;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="findings")
        yield Static(id="state")

    def show_findings(self, errors: int, warnings: int, infos: int) -> None:
        """The findings count, always in view: F3 lists them."""
        parts: list[str | tuple[str, str]] = []
        if errors:
            parts.append((f" ✖ {errors} ", "bold reverse $error"))
        if warnings:
            parts.append((f" ⚠ {warnings} ", "bold $text-warning"))
        if infos:
            parts.append((f" ℹ {infos} ", "$text-muted"))
        if not parts:
            parts.append((" ✓ no findings ", "$text-success"))
        show_text(self.query_one("#findings", Static), Content.assemble(*parts))

    def show(self, session: Session, path: Path, *, state: str, compact: bool = False) -> None:
        """``state``: "saved", "unsaved", "autosaved HH:MM:SS", "read-only", or the follow
        view's "following NAME — read-only". ``compact`` (below 100 columns) leaves out the
        status, id and file name so the title keeps room."""
        incident = session.incident
        severity = incident.severity.value
        show_text(
            self.query_one("#title", Static),
            Content.assemble(
                (f" {severity} ", SEVERITY_STYLES[severity]),
                "  ",
                (visible(incident.title), "bold"),
            ),
        )
        parts: list[str | tuple[str, str]] = [(incident.status.value, "$text-muted")]
        if incident.id:
            parts.append(("  ·  " + visible(incident.id), "$text-muted"))
        if compact:
            parts = []
            state = "autosaved" if state.startswith("autosaved") else state
        if state.startswith("following "):  # the follow view: the marker names the file
            parts.append((f"  ⟳ {visible(state)}", "bold $text-accent"))
        else:
            if not compact:
                parts.append(("  ·  " + visible(path.name), "$text-muted"))
            styles = {
                "saved": ("  ✓ saved", "$text-success"),
                "read-only": ("  ⊘ read-only", "bold $text-error"),
            }
            parts.append(styles.get(state, (f"  ● {state}", "bold $text-warning")))
        show_text(self.query_one("#state", Static), Content.assemble(*parts))

    def plain(self) -> str:
        """The header's text, for tests and logs."""
        parts = [
            self.query_one(f"#{name}", Static).render() for name in ("title", "findings", "state")
        ]
        return " ".join(str(part) for part in parts)

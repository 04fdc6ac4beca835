"""Provides the phase strip: the agenda in one line, for screens too narrow for the sidebar."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from agenda.agendas import Agenda
from agenda.clock import MeetingClock
from facilitator.widgets.text import show_text


def phase_marks(agenda: Agenda, clock: MeetingClock | None, index: int) -> list[tuple[str, str]]:
    """Each phase's mark and style: ▶ current, ✓ done, ⏱ done but over time, ○ to come."""
    marks = []
    for number, phase in enumerate(agenda.phases):
        over = clock is not None and clock.overran(phase)
        if number == index:
            marks.append(("▶", "bold $text-error" if over else "bold $text-accent"))
        elif clock is not None and clock.is_done(phase.key):
            marks.append(("⏱", "bold $text-error") if over else ("✓", "$text-success"))
        else:
            marks.append(("○", "$text-muted"))
    return marks


class PhaseStrip(Static):
    """One line: every phase with its mark, the current one in full, the others numbered."""

    DEFAULT_CSS = """
    PhaseStrip {
        height: 1;
        padding: 0 1;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(
        self, agenda: Agenda, clock: MeetingClock | None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.agenda = agenda
        self.clock = clock

    def show(self, index: int) -> None:
        parts: list[str | tuple[str, str]] = []
        for number, (phase, (mark, style)) in enumerate(
            zip(self.agenda.phases, phase_marks(self.agenda, self.clock, index), strict=True)
        ):
            if parts:
                parts.append(("  ", ""))
            parts.append((mark, style))
            title = phase.title if number == index else phase.title.split()[0]
            parts.append((f" {number + 1} {title}", "bold" if number == index else "$text-muted"))
        parts.append(("   ctrl+b: agenda", "$text-muted"))
        show_text(self, Content.assemble(*parts))

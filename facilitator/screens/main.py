"""Provides the main meeting screen: header, clock bar, agenda, phase panes and prompts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from agenda.agendas import Agenda, Pane, Phase
from agenda.checks import Finding, Severity, pane_of
from agenda.clock import MeetingClock
from agenda.history import Edit
from agenda.model import Session
from agenda.sections import section_filled
from facilitator.messages import EditRequested
from facilitator.screens.actions import ActionsPane
from facilitator.screens.analysis import AnalysisPane
from facilitator.screens.closing import ClosingPane
from facilitator.screens.opening import OpeningPane
from facilitator.screens.timeline import TimelinePane
from facilitator.widgets.agenda_sidebar import AgendaSidebar
from facilitator.widgets.clock_bar import ClockBar
from facilitator.widgets.incident_header import IncidentHeader
from facilitator.widgets.prompts import PromptPanel

ROW_MARKS = {
    Severity.ERROR: ("✖", "bold red"),
    Severity.WARNING: ("⚠", "bold yellow"),
    Severity.INFO: ("ℹ", "dim"),
}


class MainScreen(Screen[None]):
    """The one screen the room looks at; the app tells it which phase to show."""

    def __init__(
        self, session: Session, agenda: Agenda, clock: MeetingClock | None, today: date
    ) -> None:
        super().__init__()
        self.session = session
        self.agenda = agenda
        self.clock = clock
        self.today = today

    def compose(self) -> ComposeResult:
        yield IncidentHeader(id="header")
        if self.clock is not None:
            yield ClockBar(self.clock, id="clock")
        with Horizontal(id="body"):
            yield AgendaSidebar(self.agenda, self.clock, self._filled, id="agenda")
            with Vertical(id="work"):
                with ContentSwitcher(id="panes", initial=Pane.OPENING.value):
                    yield OpeningPane(self.session, id=Pane.OPENING.value)
                    yield TimelinePane(self.session, id=Pane.TIMELINE.value)
                    yield AnalysisPane(self.session, id=Pane.ANALYSIS.value)
                    yield ActionsPane(self.session, self.today, id=Pane.ACTIONS.value)
                    yield ClosingPane(self.session, self.today, id=Pane.CLOSING.value)
                yield PromptPanel(id="prompts")
        yield Footer()

    def _filled(self, phase: Phase) -> bool:
        return section_filled(self.session, phase.pane)

    def show_phase(self, index: int) -> None:
        """Bring phase ``index``'s pane and prompts forward and mark it in the sidebar."""
        phase = self.agenda.phases[index]
        self._show_pane(phase.pane)
        self.query_one(PromptPanel).show(phase)
        self.query_one(AgendaSidebar).show(index)
        if self.clock is not None:
            self.query_one(ClockBar).update_reading()

    def show_edit(self, edit: Edit) -> None:
        """Refresh what an applied or undone edit changed: timeline rows one by one (it may be
        long); the other panes are small and are simply rebuilt when they are touched."""
        events = frozenset(i for i in edit.touched if i.startswith("E"))
        if events or edit.metrics:
            self.query_one(TimelinePane).sync(events, metrics=edit.metrics)
        if edit.metrics:
            self.query_one(OpeningPane).reload()
        if edit.touched - events or not edit.touched:
            for pane in (self.query_one(ActionsPane), self.query_one(ClosingPane)):
                pane.sync()
            self.query_one(AnalysisPane).reload()
        if self.clock is None:
            self.query_one(AgendaSidebar).show(self.query_one(AgendaSidebar).current)

    @property
    def current_pane(self) -> Pane:
        return Pane(self.query_one("#panes", ContentSwitcher).current or Pane.OPENING.value)

    def show_findings(self, findings: list[Finding]) -> None:
        """The count in the header, and a mark on each flagged row."""
        counts = Counter(f.severity for f in findings)
        self.query_one(IncidentHeader).show_findings(
            counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
        )
        marks: dict[str, dict[str, Text]] = {"event": {}, "action": {}}
        for finding in reversed(findings):  # most severe last, so it wins
            kind, _, item_id = finding.item.partition(":")
            if kind in marks:
                mark, style = ROW_MARKS[finding.severity]
                marks[kind][item_id] = Text(mark, style=style)
        self.query_one(TimelinePane).table.set_marks(marks["event"])
        self.query_one(ActionsPane).set_marks(marks["action"])

    def item_under_cursor(self) -> str:
        """A reference to the item the facilitator is on in the pane in view ("" for none)."""
        pane = self.current_pane
        if pane is Pane.TIMELINE:
            event = self.query_one(TimelinePane).table.event_at_cursor()
            return f"event:{event.id}" if event else ""
        if pane is Pane.ANALYSIS:
            return self.query_one(AnalysisPane).item_under_cursor()
        if pane is Pane.ACTIONS:
            selected = self.query_one(ActionsPane).selected_id()
            return f"action:{selected}" if selected else ""
        return ""

    def reveal(self, finding: Finding) -> None:
        """Show the pane of the item a finding is about, with the item selected."""
        pane = pane_of(finding)
        self._show_pane(pane)
        kind, _, item_id = finding.item.partition(":")
        if kind == "event":
            self.query_one(TimelinePane).reveal(item_id)
        elif kind == "action":
            self.query_one(ActionsPane).select(item_id)
        elif kind == "why":
            self.query_one(AnalysisPane).reveal(item_id)
        elif kind == "dissent":
            self.query_one(ClosingPane).reveal(item_id)

    def toggle_pane(self, pane: Pane, phase_index: int) -> None:
        """Show a pane without moving the clock; showing it again returns to the phase's pane."""
        switcher = self.query_one("#panes", ContentSwitcher)
        if switcher.current == pane.value:
            self._show_pane(self.agenda.phases[phase_index].pane)
        else:
            self._show_pane(pane)

    def _show_pane(self, pane: Pane) -> None:
        switcher = self.query_one("#panes", ContentSwitcher)
        switcher.current = pane.value
        shown = switcher.visible_content
        focus_default = getattr(shown, "focus_default", None)
        if callable(focus_default):
            focus_default()
        elif shown is not None:
            targets = shown.query("DataTable, Tree")
            if targets:
                targets.first().focus()

    def show_header(self, path: Path, *, state: str) -> None:
        self.query_one(IncidentHeader).show(self.session, path, state=state)

    @on(EditRequested)
    def _forward_edit(self, message: EditRequested) -> None:
        """Hand every pane's edit to the app, which owns the session and its history.

        A message created in a dialog's callback counts this screen as its sender, and Textual
        stops such a message here rather than bubbling it back past its sender; forwarding it
        explicitly makes every edit arrive, whatever posted it."""
        message.stop()
        self.app.post_message(EditRequested(message.edit))

    @on(AnalysisPane.NewActionForFactor)
    def _new_action(self, message: AnalysisPane.NewActionForFactor) -> None:
        self._show_pane(Pane.ACTIONS)
        self.query_one(ActionsPane).add_for_factors([message.factor_id])

    def focus_agenda(self) -> None:
        self.query_one(AgendaSidebar).focus()

"""Provides the main meeting screen: header, clock bar, agenda, the five phase panes, prompts,
and the meeting's own keys (phases, the clock, dissent and tangents from any phase)."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.theme import Theme
from textual.widgets import ContentSwitcher, Static

from agenda.agendas import Agenda, Pane, Phase
from agenda.analysis import add_dissent, park
from agenda.checks import Finding, Severity, pane_of
from agenda.clock import ClockState, MeetingClock, Now
from agenda.history import Edit
from agenda.model import MeetingMode, Session
from agenda.promises import PreviousActions
from agenda.sections import Part, document_parts, section_filled
from agenda.writing import prompts_for
from facilitator.display import Display
from facilitator.keys import MEETING_KEYS
from facilitator.messages import EditRequested, NewActionForFactor
from facilitator.palette import MeetingCommands
from facilitator.panes.base import PhasePane
from facilitator.presentation import Discussing, PresentationHead
from facilitator.screens.room import RoomScreen
from facilitator.timekeeper import TimeBanner
from facilitator.tones import Tone, toned
from facilitator.widgets.agenda_sidebar import AgendaSidebar
from facilitator.widgets.clock_bar import ClockBar
from facilitator.widgets.incident_header import IncidentHeader
from facilitator.widgets.key_footer import KeyFooter
from facilitator.widgets.phase_strip import PhaseStrip
from facilitator.widgets.prompts import PromptPanel

ROW_MARKS = {
    Severity.ERROR: ("✖", Tone.ERROR),
    Severity.WARNING: ("⚠", Tone.WARNING),
    Severity.INFO: ("ℹ", None),
}
"""The mark beside an item with a finding, in the theme's colour for its severity."""


class MainScreen(RoomScreen):
    """The one screen the room looks at: the phase in view, and the keys that move the meeting."""

    BINDINGS = [
        Binding(k.key, k.action, k.label, show=k.show, priority=k.priority) for k in MEETING_KEYS
    ]
    COMMANDS = {MeetingCommands}

    class MeetingChanged(Message):
        """The meeting record changed (the clock started, paused, or moved phase)."""

    class ModeSwitched(Message):
        """The session became a live meeting or an async write-up: the screen is rebuilt."""

    def __init__(
        self,
        session: Session,
        agenda: Agenda,
        clock: MeetingClock | None,
        now: Now,
        *,
        phase: int = 0,
        display: Display | None = None,
    ) -> None:
        super().__init__(session, clock, display or Display.defaults())
        self.agenda = agenda
        self.now = now
        self.today = now().date()
        self.phase = clock.index if clock is not None else phase
        self.findings: list[Finding] = []
        self._marks: dict[str, Text] = {}
        self._previous: PreviousActions | None = None
        self._built: dict[Pane, PhasePane] = {}
        """The panes built so far: only the one in view is built with the screen."""
        self._building: dict[Pane, asyncio.Task[PhasePane]] = {}
        self._ready = False

    def compose(self) -> ComposeResult:
        yield IncidentHeader(id="header")
        if self.clock is not None:
            yield ClockBar(self.clock, id="clock")
        yield PresentationHead(self.agenda, self.clock, id="presentation")
        yield PhaseStrip(self.agenda, self.clock, id="phase-strip")
        yield TimeBanner(self.clock, id="time-banner")
        with Horizontal(id="body"):
            yield AgendaSidebar(
                self.agenda, self.clock, self._filled, parts=self._parts, id="agenda"
            )
            with Vertical(id="work"):
                first = self.agenda.phases[self.phase].pane
                with ContentSwitcher(id="panes", initial=first.value):
                    yield self._built.setdefault(first, self._new_pane(first))
                yield Static(id="quiet", markup=False)
                yield Discussing(id="discussing")
                yield PromptPanel(id="prompts")
        yield KeyFooter()

    @property
    def panes(self) -> list[PhasePane]:
        """The panes built so far; the others show the session as it is when first shown."""
        return list(self._built.values())

    def _new_pane(self, pane: Pane) -> PhasePane:
        """A pane's module is imported when the pane is first built: the four not in view
        (and the dialogs they open) are not on the way to the first rows."""
        if pane is Pane.OPENING:
            from facilitator.panes.opening import OpeningPane

            return OpeningPane(self.session, self.now, self.agenda)
        if pane is Pane.TIMELINE:
            from facilitator.panes.timeline import TimelinePane

            return TimelinePane(self.session)
        if pane is Pane.ANALYSIS:
            from facilitator.panes.analysis import AnalysisPane

            return AnalysisPane(self.session)
        if pane is Pane.ACTIONS:
            from facilitator.panes.actions import ActionsPane

            return ActionsPane(self.session, self.today)
        from facilitator.panes.closing import ClosingPane

        return ClosingPane(self.session, self.today)

    async def pane_ready(self, pane: Pane) -> PhasePane:
        """The pane of ``pane``, built (hidden) if it was not yet.

        Only the pane in view is built with the screen: each of the others costs 40-50 ms of
        widgets and styles on the UI thread, and a meeting may never look at some of them
        (`make bench`, "usable"). A pane built later is given the marks of the findings and
        last time's promises it missed, then fills itself from the session when first shown."""
        if pane in self._built:
            return self._built[pane]
        if pane not in self._building:
            self._building[pane] = asyncio.ensure_future(self._build(pane))
        return await asyncio.shield(self._building[pane])

    async def _build(self, kind: Pane) -> PhasePane:
        pane = self._new_pane(kind)
        await self.query_one("#panes", ContentSwitcher).add_content(pane)
        pane.show_marks(self._marks)
        pane.show_findings(self.findings)
        if self._previous is not None:
            pane.show_previous(self._previous)
        self._built[kind] = pane
        return pane

    def _filled(self, phase: Phase) -> bool:
        return section_filled(self.session, phase.pane)

    def _parts(self) -> list[Part]:
        return document_parts(self.session)

    # ---- what the app hands down ----------------------------------------------------------------

    def on_unmount(self) -> None:
        self._ready = False  # a worker's answer may still arrive while the app closes

    async def on_mount(self) -> None:
        self._ready = True
        self.set_up_room()
        await self.show_phase(self.phase)
        if self._header is not None:
            self.show_header(*self._header)
        self.show_findings(self.findings)
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def on_screen_suspend(self) -> None:
        """A dialog (or another screen) is over this one: the footer names none of its keys."""
        self.query_one(KeyFooter).cover(True)

    def on_screen_resume(self) -> None:
        self.query_one(KeyFooter).cover(False)

    def _restyle(self, theme: Theme) -> None:
        """The colours set in Python follow a new theme (the CSS follows it by itself): the
        marks first, so that the rows built again carry the new ones."""
        self.show_findings(self.findings)
        for pane in self.panes:
            pane.restyle()
        self.query_one(PromptPanel).restyle()

    async def enter_phase(self, index: int) -> None:
        """Make phase ``index`` the one the meeting is in (or the author is on), and show it."""
        self.phase = index
        await self.show_phase(index)

    async def show_phase(self, index: int) -> None:
        """Bring phase ``index``'s pane and prompts forward and mark it in the sidebar."""
        phase = self.agenda.phases[index]
        await self._show_pane(phase.pane)
        self.query_one(PromptPanel).show(prompts_for(self.session, phase))
        self.query_one(AgendaSidebar).show(index)
        self.query_one(PhaseStrip).show(index)
        self.query_one(PresentationHead).show(index)
        self.query_one(TimeBanner).tick()
        if self.clock is not None:
            self.query_one(ClockBar).update_reading()
        self.show_discussed()

    def show_edit(self, edit: Edit) -> None:
        """Every pane shows what the edit touched of its part."""
        if (self.clock is None) != (self.session.meeting.mode is MeetingMode.ASYNC):
            self.app.post_message(self.ModeSwitched())  # a clock, prompts and chrome change
            return
        for pane in self.panes:
            pane.show_edit(edit)
        self.show_discussed()
        if self.clock is None:
            self.query_one(AgendaSidebar).show(self.phase)  # what is filled may have changed

    def show_previous(self, previous: PreviousActions) -> None:
        """Last time's promises: listed at the opening, and the closing checklist's answer."""
        self._previous = previous
        for pane in self.panes if self._ready else ():  # not once the app is closing
            pane.show_previous(previous)

    def show_header(self, path: Path, state: str) -> None:
        """The file's name and state ("saved", "autosaved 14:05:09", "read-only")."""
        self._header = (path, state)
        for header in self.query(IncidentHeader) if self._ready else ():
            header.show(self.session, path, state=state, compact=self.has_class("-narrow"))

    def show_findings(self, findings: list[Finding]) -> None:
        """The count in the header, and a mark on each flagged item."""
        self.findings = findings
        headers = self.query(IncidentHeader) if self._ready else None
        if not headers:  # not composed yet, or already taken down as the app quits
            return
        counts = Counter(f.severity for f in findings)
        headers.first().show_findings(
            counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
        )
        marks: dict[str, Text] = {}
        for finding in reversed(findings):  # most severe last, so it wins
            _, _, item_id = finding.item.partition(":")
            mark, meaning = ROW_MARKS[finding.severity]
            marks[item_id] = toned(mark, meaning, bold=True) if meaning else Text(mark, "dim")
        self._marks = marks
        for pane in self.panes:
            pane.show_marks(marks)
            pane.show_findings(findings)

    async def reveal(self, finding: Finding) -> None:
        """Show the pane of the item a finding is about, with the item selected."""
        kind, _, item_id = finding.item.partition(":")
        pane = await self._show_pane(pane_of(finding))
        pane.reveal(kind, item_id)

    async def _show_pane(self, kind: Pane) -> PhasePane:
        pane = await self.pane_ready(kind)
        self.query_one("#panes", ContentSwitcher).current = kind.value
        pane.ensure_filled()  # now, not on the Show event: a reveal may follow
        pane.focus_default()
        self.show_discussed()
        return pane

    # ---- the meeting's keys ----------------------------------------------------------------------

    def meeting_changed(self) -> None:
        self.app.post_message(self.MeetingChanged())

    async def _moved(self, before: tuple[int, ClockState] | None) -> None:
        """Show the phase the clock is in; tell the app when the meeting record changed."""
        if self.clock is None:
            return
        if (len(self.session.meeting.phases), self.clock.state) != before:
            self.meeting_changed()
        await self.enter_phase(self.clock.index)

    def _record(self) -> tuple[int, ClockState] | None:
        return (len(self.session.meeting.phases), self.clock.state) if self.clock else None

    async def go_to_phase(self, index: int) -> None:
        before = self._record()
        if self.clock is not None:
            self.clock.jump(index)
            await self._moved(before)
        else:
            await self.enter_phase(index)

    async def action_next_phase(self) -> None:
        if self.clock is None:
            await self.enter_phase(min(self.phase + 1, len(self.agenda.phases) - 1))
            return
        if self.clock.state is ClockState.FINISHED and self.clock.is_last:
            self.notify("The meeting has ended; ctrl+p and the agenda still show every phase.")
            return
        before = self._record()
        self.clock.next()
        await self._moved(before)
        if self.clock.state is ClockState.FINISHED:
            self.notify("The meeting has ended. ctrl+s saves the record.")

    async def action_previous_phase(self) -> None:
        await self.go_to_phase(max(self.phase - 1, 0))

    def action_go_to_phase(self) -> None:
        self.query_one(AgendaSidebar).focus()

    @on(AgendaSidebar.PhaseChosen)
    async def _phase_chosen(self, event: AgendaSidebar.PhaseChosen) -> None:
        await self.go_to_phase(event.index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An async write-up has no clock: its key is hidden."""
        return not (action == "toggle_clock" and self.clock is None)

    async def action_toggle_clock(self) -> None:
        if self.clock is None:
            self.notify("This is an async write-up: there is no meeting clock.")
            return
        if self.clock.state is ClockState.FINISHED:
            self.notify("The meeting has ended.")
            return
        self.clock.toggle()
        self.meeting_changed()
        await self.show_phase(self.phase)

    async def action_view_timeline(self) -> None:
        """Show the timeline without moving the clock; again returns to the phase's pane."""
        if self.current_pane is Pane.TIMELINE:
            await self._show_pane(self.agenda.phases[self.phase].pane)
        else:
            await self._show_pane(Pane.TIMELINE)

    def action_help(self) -> None:
        from facilitator.screens.help import HelpScreen  # the dialogs: imported when opened

        self.app.push_screen(HelpScreen(self.agenda, self.clock is not None))

    def action_findings(self) -> None:
        phase = self.agenda.phases[self.phase]
        pane = self.current_pane
        title = phase.title if pane is phase.pane else pane.value
        from facilitator.screens.findings import FindingsScreen

        async def chosen(finding: Finding | None) -> None:
            if finding is not None:
                await self.reveal(finding)

        self.app.push_screen(FindingsScreen(self.findings, pane, title), chosen)

    def action_dissent(self) -> None:
        """Record a dissenting view, about whatever is under the cursor in the pane in view."""
        from facilitator.dialogs.dissent import DissentDialog, DissentEntry

        def done(entry: DissentEntry | None) -> None:
            if entry is not None:
                edit = add_dissent(self.session, entry.view, entry.holder, entry.about)
                self.post_message(EditRequested(edit))
                self.notify("Dissent recorded: it stays in the record and is shown at closing.")

        self.app.push_screen(DissentDialog(self.session, self.item_under_cursor()), done)

    def action_park(self) -> None:
        """Park a tangent in a line, without leaving the phase."""
        from facilitator.dialogs.text_entry import TextEntry

        def done(text: str | None) -> None:
            if text is not None and text.strip():
                self.post_message(EditRequested(park(self.session, text.strip())))
                self.notify("Parked. The closing phase lists it.")

        self.app.push_screen(
            TextEntry("Park a tangent (the closing phase reviews the parking lot)"), done
        )

    async def go_to_item(self, ref: str) -> None:
        """Show the pane of the item ``ref`` ("event:E12") with the cursor on it."""
        await self.reveal(Finding("go-to", Severity.INFO, ref, "", ""))

    @on(NewActionForFactor)
    async def _new_action(self, message: NewActionForFactor) -> None:
        """The action form opens over the analysis, which stays in view: the pane shown and the
        phase the clock is in never disagree (the Action items phase lists the new action)."""
        from facilitator.panes.actions import ActionsPane

        pane = await self.pane_ready(Pane.ACTIONS)
        assert isinstance(pane, ActionsPane)
        pane.add_for_factors([message.factor_id])

    @on(EditRequested)
    def _forward_edit(self, message: EditRequested) -> None:
        """Hand every pane's edit to the app, which owns the session and its history.

        A message created in a dialog's callback counts this screen as its sender, and Textual
        stops such a message here rather than bubbling it back past its sender; forwarding it
        explicitly makes every edit arrive, whatever posted it."""
        message.stop()
        self.app.post_message(EditRequested(message.edit))

"""Provides what the app tells the room of the session as it changes: the checks' findings,
run again once typing pauses, and the promises of earlier postmortems matched against it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from facilitator.messages import ChecksDone

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.timer import Timer

    from agenda.checks import Finding
    from agenda.clock import Now
    from agenda.document import SessionFile
    from agenda.model import Session
    from agenda.repository import Scan
    from facilitator.screens.main import MainScreen

CHECK_DELAY = 0.4
"""Seconds after the last edit before the checks run again."""


class Guided(Protocol):
    """What guidance needs of the app (the app imports this module, not the reverse)."""

    session: Session
    document: SessionFile
    now: Now
    findings: tuple[Finding, ...]

    @property
    def main(self) -> MainScreen: ...
    def run_checks(self) -> None: ...
    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...


class Guidance:
    """Keeps the checks' timer and the folder read beside the session."""

    def __init__(self, host: Guided) -> None:
        self.host = host
        self._timer: Timer | None = None
        self.folder: Scan | None = None
        """The other postmortems beside the session, once a worker has read them."""

    def schedule_checks(self) -> None:
        """Run the checks once typing pauses: each edit restarts a short timer."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.host.set_timer(CHECK_DELAY, self.host.run_checks)

    def checks_done(self, message: ChecksDone) -> None:
        self.host.findings = tuple(message.findings)
        if message.changes != self.host.document.changes:  # the session moved on meanwhile
            self.schedule_checks()

    def folder_read(self, scan: Scan) -> None:
        self.folder = scan
        self.show_previous()

    def show_previous(self) -> None:
        """Match the folder read earlier against the session as it is now (cheap: no I/O)."""
        from agenda.promises import previous_actions

        if self.folder is not None:
            today = self.host.now().date()
            self.host.main.show_previous(previous_actions(self.folder, self.host.session, today))

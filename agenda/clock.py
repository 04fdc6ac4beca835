"""Provides the meeting clock: time left, warning and overrun, over an injectable time source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from agenda.agendas import Agenda, Phase
from agenda.model import Meeting, PhaseRecord

Now = Callable[[], datetime]


def utc_now() -> datetime:
    """The real time source."""
    return datetime.now(UTC)


class ClockState(StrEnum):
    """Whether the meeting is under way."""

    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Pressure(StrEnum):
    """How the current phase stands against its time box."""

    ON_TIME = "on time"
    WARNING = "warning"
    OVERRUN = "overrun"


@dataclass(frozen=True)
class ClockReading:
    """Everything the clock bar shows, computed at one instant."""

    state: ClockState
    phase: Phase
    index: int
    phase_elapsed: float
    phase_remaining: float
    meeting_remaining: float
    pressure: Pressure
    budget: float = 0.0
    """The phase's time box in seconds, with the minutes the room added to it."""
    behind: float = 0.0
    """Seconds the meeting's phases so far ran past their planned time boxes (extensions
    included: they are time the rest of the agenda no longer has)."""


def warning_seconds(phase: Phase) -> float:
    """How long before the end of a phase the warning shows: a fifth of it, 30 s to 2 min."""
    return min(120.0, max(30.0, phase.seconds * 0.2))


class MeetingClock:
    """Runs the agenda and records each phase's actual start and end into the meeting.

    Time is never counted down by ticks: every reading is computed from the recorded
    starts, ends and pauses against ``now()``, so a missed timer tick loses nothing.
    """

    def __init__(
        self,
        agenda: Agenda,
        meeting: Meeting,
        now: Now = utc_now,
        *,
        last_seen: datetime | None = None,
        following: bool = False,
    ) -> None:
        self.agenda = agenda
        self.meeting = meeting
        self._now = now
        self.index = 0
        self.state = ClockState.NOT_STARTED
        if following:
            self.follow(meeting)
        else:
            self._restore(last_seen)

    def follow(self, meeting: Meeting) -> None:
        """Show a meeting record as another copy of the app keeps it (a read-only view): the
        phase and state are read from the records, which are left as they are, so a phase
        the facilitator's clock is running keeps running here."""
        self.meeting = meeting
        self.index, self.state = 0, ClockState.NOT_STARTED
        records = meeting.phases
        index = self.agenda.index_of(records[-1].phase) if records else None
        if index is None:
            return
        self.index = index
        last = records[-1]
        if last.ended is None:
            self.state = ClockState.PAUSED if last.paused_since else ClockState.RUNNING
        elif index == len(self.agenda.phases) - 1:
            self.state = ClockState.FINISHED
        else:
            self.index = index + 1

    @property
    def _paused_at(self) -> datetime | None:
        record = self._open_record()
        return record.paused_since if record is not None else None

    @_paused_at.setter
    def _paused_at(self, moment: datetime | None) -> None:
        record = self._open_record()
        if record is not None:
            record.paused_since = moment

    def _restore(self, last_seen: datetime | None) -> None:
        """Pick up a meeting that was under way: an open phase comes back paused (from when it
        was paused, or else from ``last_seen``, the last moment the session is known to have
        been open, such as when it was saved); after a closed one, the clock waits at the next
        phase (the next sitting, say) to be started."""
        records = self.meeting.phases
        if not records:
            return
        last = records[-1]
        index = self.agenda.index_of(last.phase)
        if index is None:
            return
        self.index = index
        if last.ended is None:
            self.state = ClockState.PAUSED
            if last.paused_since is None:
                last.paused_since = max(last.started, min(last_seen or self._now(), self._now()))
        elif index == len(self.agenda.phases) - 1:
            self.state = ClockState.FINISHED
        else:
            self.index = index + 1

    @property
    def phase(self) -> Phase:
        return self.agenda.phases[self.index]

    @property
    def is_first(self) -> bool:
        return self.index == 0

    @property
    def is_last(self) -> bool:
        return self.index == len(self.agenda.phases) - 1

    def _open_record(self) -> PhaseRecord | None:
        records = self.meeting.phases
        if records and records[-1].ended is None:
            return records[-1]
        return None

    # ---- control ------------------------------------------------------------------

    def start(self) -> None:
        """Start the meeting at the current phase."""
        if self.state is ClockState.NOT_STARTED:
            self.meeting.phases.append(PhaseRecord(phase=self.phase.key, started=self._now()))
            self.state = ClockState.RUNNING

    def pause(self) -> None:
        if self.state is ClockState.RUNNING:
            self._paused_at = self._now()
            self.state = ClockState.PAUSED

    def resume(self) -> None:
        if self.state is ClockState.PAUSED:
            self._fold_pause()
            self.state = ClockState.RUNNING
        elif self.state is ClockState.NOT_STARTED:
            self.start()

    def toggle(self) -> None:
        """Pause a running clock; resume (or start) any other."""
        if self.state is ClockState.RUNNING:
            self.pause()
        else:
            self.resume()

    def next(self) -> None:
        """Move to the next phase; from the last one, end the meeting; from the last of a
        sitting, end the sitting and wait at the next one until it is started."""
        if self.is_last:
            self.finish()
        elif self.agenda.phases[self.index + 1].sitting != self.phase.sitting and self.state in (
            ClockState.RUNNING,
            ClockState.PAUSED,
        ):
            self._close_record()
            self._paused_at = None
            self.index += 1
            self.state = ClockState.NOT_STARTED
        else:
            self.jump(self.index + 1)

    def extend(self, minutes: int = 5) -> None:
        """Give the running phase more time; the stretch records it, so the document says so."""
        record = self._open_record()
        if record is not None:
            record.extended_minutes += minutes

    def extended_minutes(self, key: str) -> int:
        """Minutes added to a phase's time box over all its stretches."""
        return sum(r.extended_minutes for r in self.meeting.phases if r.phase == key)

    def budget(self, phase: Phase) -> float:
        """A phase's time box in seconds, extensions included."""
        return phase.seconds + 60.0 * self.extended_minutes(phase.key)

    def overran(self, phase: Phase, now: datetime | None = None) -> bool:
        """A phase that has run past its time box (extensions included)."""
        return self.phase_elapsed(phase.key, now) > self.budget(phase)

    def previous(self) -> None:
        if not self.is_first:
            self.jump(self.index - 1)

    def jump(self, index: int) -> None:
        """Make phase ``index`` current, closing the running phase's record."""
        if not 0 <= index < len(self.agenda.phases):
            raise IndexError(f"no phase {index} in an agenda of {len(self.agenda.phases)}")
        if index == self.index and self.state is not ClockState.FINISHED:
            return
        if self.state in (ClockState.NOT_STARTED, ClockState.FINISHED):
            self.index = index
            return
        self._close_record()
        self.index = index
        self.meeting.phases.append(PhaseRecord(phase=self.phase.key, started=self._now()))
        if self.state is ClockState.PAUSED:
            self._paused_at = self._now()

    def finish(self) -> None:
        """End the meeting: the running phase's record closes."""
        if self.state in (ClockState.RUNNING, ClockState.PAUSED):
            self._close_record()
            self.state = ClockState.FINISHED
            self._paused_at = None

    def _fold_pause(self) -> None:
        record = self._open_record()
        if record is not None and self._paused_at is not None:
            paused = (self._now() - self._paused_at).total_seconds()
            record.paused_seconds += max(0, round(paused))
        self._paused_at = None

    def _close_record(self) -> None:
        if self.state is ClockState.PAUSED:
            self._fold_pause()
        record = self._open_record()
        if record is not None:
            record.ended = self._now()

    # ---- reading ------------------------------------------------------------------

    def phase_elapsed(self, key: str, now: datetime | None = None) -> float:
        """Seconds spent in a phase so far, over all its stretches, pauses excluded."""
        now = now or self._now()
        return sum(r.active_seconds(now) for r in self.meeting.phases if r.phase == key)

    def reading(self) -> ClockReading:
        now = self._now()
        phase = self.phase
        elapsed = self.phase_elapsed(phase.key, now)
        budget = self.budget(phase)
        remaining = budget - elapsed
        sitting = self.agenda.sitting_phases(phase.sitting)
        spent = {p.key: self.phase_elapsed(p.key, now) for p in sitting}
        meeting_remaining = sum(p.seconds - spent[p.key] for p in sitting)
        behind = sum(max(0.0, spent[p.key] - p.seconds) for p in sitting)
        if remaining < 0:
            pressure = Pressure.OVERRUN
        elif remaining <= warning_seconds(phase) and self.state is not ClockState.NOT_STARTED:
            pressure = Pressure.WARNING
        else:
            pressure = Pressure.ON_TIME
        return ClockReading(
            state=self.state,
            phase=phase,
            index=self.index,
            phase_elapsed=elapsed,
            phase_remaining=remaining,
            meeting_remaining=meeting_remaining,
            pressure=pressure,
            budget=budget,
            behind=behind,
        )

    def is_done(self, key: str) -> bool:
        """A phase the meeting has been through and left."""
        return any(r.phase == key and r.ended is not None for r in self.meeting.phases)


def format_clock(seconds: float) -> str:
    """ "12:05", "1:02:05", or "-2:13" for time over."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"

"""The meeting clock over a fake time source: remaining time, warning, overrun, pause, records."""

from __future__ import annotations

import pytest

from agenda.agendas import load_agenda
from agenda.clock import ClockState, MeetingClock, Pressure, format_clock
from agenda.model import Meeting
from tests.helpers import FakeNow


def started(now: FakeNow, agenda: str = "default") -> MeetingClock:
    clock = MeetingClock(load_agenda(agenda), Meeting(), now)
    clock.start()
    return clock


def test_remaining_time_is_computed_not_counted(now: FakeNow) -> None:
    clock = started(now)
    now.advance(minutes=2)
    reading = clock.reading()
    assert reading.phase.key == "opening"
    assert reading.phase_remaining == 3 * 60
    assert reading.meeting_remaining == 58 * 60
    assert reading.pressure is Pressure.ON_TIME


def test_warning_near_the_end_then_overrun(now: FakeNow) -> None:
    clock = started(now)
    now.advance(minutes=3, seconds=59)
    assert clock.reading().pressure is Pressure.ON_TIME
    now.advance(seconds=2)
    assert clock.reading().pressure is Pressure.WARNING
    now.advance(minutes=1)
    reading = clock.reading()
    assert reading.pressure is Pressure.OVERRUN
    assert reading.phase_remaining == pytest.approx(-1)


def test_pause_stops_the_clock_and_is_not_counted(now: FakeNow) -> None:
    clock = started(now)
    now.advance(minutes=1)
    clock.pause()
    now.advance(minutes=10)
    assert clock.reading().phase_remaining == 4 * 60
    assert clock.state is ClockState.PAUSED
    clock.resume()
    now.advance(minutes=1)
    assert clock.reading().phase_remaining == 3 * 60
    clock.next()
    assert clock.meeting.phases[0].paused_seconds == 600


def test_phase_records_hold_actual_starts_and_ends(now: FakeNow) -> None:
    clock = started(now)
    t0 = now()
    now.advance(minutes=6)
    clock.next()
    now.advance(minutes=22)
    clock.next()
    records = clock.meeting.phases
    assert [(r.phase, r.started, r.ended) for r in records[:2]] == [
        ("opening", t0, records[1].started),
        ("timeline", records[1].started, records[2].started),
    ]
    assert records[1].ended is not None
    assert (records[1].ended - records[1].started).total_seconds() == 22 * 60
    assert records[2].ended is None


def test_jump_and_revisit_accumulate_time(now: FakeNow) -> None:
    clock = started(now)
    clock.jump(3)
    now.advance(minutes=4)
    clock.jump(1)
    now.advance(minutes=2)
    clock.jump(3)
    now.advance(minutes=1)
    assert clock.phase_elapsed("actions") == 5 * 60
    assert clock.phase_elapsed("timeline") == 2 * 60
    assert clock.is_done("timeline") and not clock.is_done("closing")


def test_next_from_the_last_phase_ends_the_meeting(now: FakeNow) -> None:
    clock = started(now)
    for _ in range(5):
        now.advance(minutes=5)
        clock.next()
    assert clock.state is ClockState.FINISHED
    assert all(r.ended is not None for r in clock.meeting.phases)
    frozen = clock.reading().meeting_remaining
    now.advance(minutes=30)
    assert clock.reading().meeting_remaining == frozen


def test_previous_at_the_first_phase_stays(now: FakeNow) -> None:
    clock = started(now)
    clock.previous()
    assert clock.index == 0 and len(clock.meeting.phases) == 1


def test_two_session_agenda_waits_between_sittings(now: FakeNow) -> None:
    clock = started(now, "two-session")
    clock.next()
    clock.next()
    assert clock.phase.key == "timeline-wrap"
    clock.next()
    assert clock.state is ClockState.NOT_STARTED
    assert clock.phase.key == "reopening"
    now.advance(minutes=60 * 24 * 7)
    assert clock.reading().meeting_remaining == sum(
        p.seconds for p in clock.agenda.sitting_phases(2)
    )
    clock.start()
    assert clock.meeting.phases[-1].phase == "reopening"


def test_a_meeting_under_way_is_restored_paused(now: FakeNow) -> None:
    clock = started(now)
    clock.next()
    now.advance(minutes=3)
    restored = MeetingClock(clock.agenda, clock.meeting, now)
    assert restored.phase.key == "timeline"
    assert restored.state is ClockState.PAUSED
    now.advance(minutes=30)
    assert restored.reading().phase_elapsed == 3 * 60


def test_a_finished_meeting_is_restored_finished(now: FakeNow) -> None:
    clock = started(now)
    clock.jump(4)
    clock.next()
    assert MeetingClock(clock.agenda, clock.meeting, now).state is ClockState.FINISHED


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (65, "1:05"), (3725, "1:02:05"), (-133, "-2:13")]
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


def test_a_pause_survives_save_and_reopen(now: FakeNow) -> None:
    clock = started(now)
    now.advance(minutes=2)
    clock.pause()
    saved = Meeting.model_validate(clock.meeting.model_dump())
    now.advance(minutes=60)
    reopened = MeetingClock(clock.agenda, saved, now)
    assert reopened.state is ClockState.PAUSED
    assert reopened.reading().phase_remaining == 3 * 60
    reopened.resume()
    now.advance(minutes=1)
    assert reopened.reading().phase_remaining == 2 * 60


def test_a_running_meeting_reopened_later_counts_only_until_last_seen(now: FakeNow) -> None:
    clock = started(now)
    now.advance(minutes=2)
    last_saved = now()
    saved = Meeting.model_validate(clock.meeting.model_dump())
    now.advance(minutes=20 * 60)
    reopened = MeetingClock(clock.agenda, saved, now, last_seen=last_saved)
    assert reopened.state is ClockState.PAUSED
    assert reopened.reading().phase_remaining == 3 * 60


def test_extending_an_overrun_phase_gives_it_five_more_minutes(now: FakeNow) -> None:
    clock = started(now)
    now.advance(minutes=5, seconds=30)
    assert clock.reading().pressure is Pressure.OVERRUN
    clock.extend(5)
    reading = clock.reading()
    assert reading.pressure is Pressure.ON_TIME
    assert reading.phase_remaining == 4 * 60 + 30
    assert clock.meeting.phases[-1].extended_minutes == 5
    assert not clock.overran(clock.phase)


def test_behind_counts_what_phases_ran_past_their_plan(now: FakeNow) -> None:
    clock = started(now)
    now.advance(minutes=7)  # opening: 5 planned
    clock.next()
    assert clock.reading().behind == 2 * 60
    assert clock.overran(clock.agenda.phases[0])
    now.advance(minutes=10)  # timeline, 15 planned: on time, so still 2 behind
    assert clock.reading().behind == 2 * 60
    assert not clock.overran(clock.phase)


def test_an_extension_survives_save_and_reopen(now: FakeNow) -> None:
    clock = started(now)
    clock.extend(5)
    reopened = Meeting.model_validate(clock.meeting.model_dump(mode="json"))
    again = MeetingClock(load_agenda("default"), reopened, now)
    assert again.budget(again.phase) == 10 * 60

"""Agendas are data: three built in, custom ones by path, bad ones with a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.agendas import Pane, builtin_names, load_agenda
from agenda.errors import AgendaError


def test_three_agendas_ship() -> None:
    assert builtin_names() == ["default", "lightweight", "two-session"]


def test_default_agenda_is_the_sixty_minute_meeting() -> None:
    agenda = load_agenda("default")
    assert [(p.title, p.minutes) for p in agenda.phases] == [
        ("Opening", 5),
        ("Timeline review", 15),
        ("Analysis", 20),
        ("Action items", 15),
        ("Closing", 5),
    ]
    assert agenda.minutes == 60


def test_lightweight_is_thirty_minutes_over_the_same_panes() -> None:
    agenda = load_agenda("lightweight")
    assert agenda.minutes == 30
    assert [p.pane for p in agenda.phases] == list(Pane)


def test_two_session_puts_timeline_first_then_analysis_and_actions() -> None:
    agenda = load_agenda("two-session")
    first = [p.pane for p in agenda.sitting_phases(1)]
    second = [p.pane for p in agenda.sitting_phases(2)]
    assert Pane.TIMELINE in first and Pane.ANALYSIS not in first
    assert Pane.ANALYSIS in second and Pane.ACTIONS in second and Pane.TIMELINE not in second


@pytest.mark.parametrize("name", ["default", "lightweight", "two-session"])
def test_every_phase_has_prompts_to_say_and_ask(name: str) -> None:
    for phase in load_agenda(name).phases:
        assert phase.say and phase.ask, phase.key


def test_prompts_come_from_the_seeds() -> None:
    agenda = load_agenda("default")
    said = " ".join(line for p in agenda.phases for line in (*p.say, *p.ask))
    assert "We're here to learn, not to blame." in said
    assert "What was happening during this gap?" in said
    assert "locally rational given the information" in said


def test_custom_agenda_by_path(tmp_path: Path) -> None:
    path = tmp_path / "standup.toml"
    path.write_text(
        'title = "Tiny"\n[[phases]]\nkey = "all"\ntitle = "Everything"\npane = "timeline"\n'
        "minutes = 10\n",
        encoding="utf-8",
    )
    agenda = load_agenda(path)
    assert agenda.title == "Tiny" and agenda.minutes == 10


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('title = "x"\nphases = []\n', "phases"),
        ('title = "x"\n[[phases]]\nkey = "a"\ntitle = "A"\npane = "lobby"\nminutes = 5\n', "pane"),
        ('title = "x"\n[[phases]]\nkey = "a"\ntitle = "A"\npane = "opening"\n', "minutes"),
        ("title = \n", "invalid TOML"),
    ],
)
def test_bad_agenda_gets_a_clear_error(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    message = str(caught.value)
    assert str(path) in message and fragment in message and "\n" not in message


def test_unknown_agenda_name_lists_the_builtins() -> None:
    with pytest.raises(AgendaError, match="default, lightweight, two-session"):
        load_agenda("weekly")

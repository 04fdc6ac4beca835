"""No control character from a session or its file name reaches the terminal raw from the app's
own widgets (issue #17, item 14): every string field and the file name get control characters,
escape sequences (a title set by OSC 2, a clipboard write by OSC 52, a reset) and odd Unicode,
and every screen the app shows is rendered as the terminal would receive it."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.widgets import Input

from agenda import load_session, save_session
from agenda.agendas import Pane
from agenda.model import Session
from agenda.queries import _plan
from agenda.visible import CONTROL_BYTES
from tests.app.support import SIZE, build_app, loaded, settle
from tests.helpers import SAMPLES

SEQUENCES = [
    "\x1b]52;c;aGkgdGhlcmU=\x07",  # writes the clipboard
    "\x1b]2;pwned\x07",  # retitles the terminal
    "\x1bc",  # resets it
    "\x1b[2J\x1b[H",  # clears the screen
    "\x9b31m",  # a C1 control sequence introducer
    "\x07",
    "\x00",
    "\r",
    "\x85",
    "\u202e",
    "[/]",
    "[@click=app.quit]x",
]

hostile = st.lists(
    st.one_of(
        st.sampled_from(SEQUENCES),
        st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "So", "Mn", "Lo"]), max_size=4),
    ),
    min_size=1,
    max_size=4,
).map("".join)


def spoil(session: Session, text: str) -> None:
    """Append ``text`` to every free string field of ``session``, but for those that would make
    it invalid (a time zone, a reference to another item): those keep their value."""
    for model, name, many in string_fields(session):
        if name == "agenda":
            continue  # names the agenda file to read: another name opens no app at all
        before = getattr(model, name)
        try:
            if many:
                setattr(model, name, [f"{value}{text}" for value in before] + [text])
            else:
                setattr(model, name, f"{before or ''}{text}")
            Session.model_validate(session.model_dump())
        except ValidationError:
            object.__setattr__(model, name, before)


def string_fields(model: BaseModel) -> Iterator[tuple[BaseModel, str, bool]]:
    """Every string and list-of-strings field of ``model`` and what it holds, as (the model
    holding it, its name, whether it is a list)."""
    texts, lists, models = _plan(type(model))
    yield from ((model, name, False) for name in texts)
    yield from ((model, name, True) for name in lists)
    for name, many in models:
        value = getattr(model, name)
        for inner in value if many else [value] if value is not None else []:
            yield from string_fields(inner)


def raw_controls(app: App[Any]) -> list[str]:
    """Control characters in the text of what the screen sends to the terminal now (the
    compositor's segments, before Textual adds its own escape sequences for styles)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    found = []
    for line in update.strips:
        for strip in line:
            for segment in strip:
                if segment.control is None and CONTROL_BYTES.search(segment.text):
                    found.append(f"{app.screen.__class__.__name__}: {segment.text!r}")
    return found


async def walk_the_app(path: Path, text: str) -> list[str]:
    app = build_app(path)
    seen: list[str] = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await settle(app)
        await pilot.pause()
        seen += raw_controls(app)
        for index in range(len(app.agenda.phases)):
            await app.main.go_to_phase(index)
            await pilot.pause()
            seen += raw_controls(app)
        for key in ("f3", "f1", "f4", "f5"):
            await pilot.press(key)
            await pilot.pause()
            seen += raw_controls(app)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("f2")
        app.main.query_one("#quick-add", Input).value = f"14:00 {text}"
        await pilot.press("enter", "ctrl+s")  # a toast names the file
        await settle(app)
        await pilot.pause()
        seen += raw_controls(app)
        await pilot.press("ctrl+e")  # export: the secrets question or a toast naming the file
        await settle(app)
        await pilot.pause()
        seen += raw_controls(app)
    return seen


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking an app run takes minutes
)
@given(text=hostile, name=hostile)
@example(text="".join(SEQUENCES), name=SEQUENCES[0])
@pytest.mark.slow
def test_no_control_character_reaches_the_terminal_from_any_screen(text: str, name: str) -> None:
    session = load_session(SAMPLES[0])
    spoil(session, text)
    with tempfile.TemporaryDirectory() as folder:
        safe_name = name.replace("/", "").replace("\x00", "")[:40]
        path = Path(folder) / f"inc{safe_name}.toml"
        save_session(session, path)
        seen = asyncio.run(walk_the_app(path, text))
    assert not seen, sorted(set(seen))[:20]


async def test_a_toast_quoting_a_file_shows_its_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(load_session(SAMPLES[0]), path)
    app = build_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        app.notify("Saved inc\x1b]52;c;aGk=\x07.toml", markup=False)
        await pilot.pause()
        await pilot.pause()
        shown = [
            segment.text
            for line in app.screen._compositor.render_update(full=True).strips  # type: ignore[union-attr]
            for strip in line
            for segment in strip
        ]
        assert "\\x1b]52" in "".join(shown)  # the toast is there, made visible
        assert raw_controls(app) == []


async def test_an_edit_dialog_on_a_hostile_title_writes_nothing_raw(tmp_path: Path) -> None:
    """An Input edits the title as it is; what reaches the terminal has no control character
    from it (found using the app: the title's ESC [31m turned the dialog red)."""
    session = load_session(SAMPLES[0])
    session.incident.title = "WAF \x1b]0;pwned\x07rule\x1b[2J \x9b31m\u202eout\x1b[31mRED"
    path = tmp_path / "s.toml"
    save_session(session, path)
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        (await app.main.pane_ready(Pane.OPENING)).focus_default()
        await pilot.press("enter")  # the header's first row: the title, in a text entry
        await pilot.pause()
        assert app.screen.query_one(Input).value == session.incident.title  # edited as it is
        console = app.console
        update = app.screen._compositor.render_update(full=True)
        written = update.render_segments(console)  # type: ignore[union-attr]
    assert "out" in written and "RED" in written
    for raw in ("\x1b]0;", "\x07", "\x1b[2J", "\x9b", "\u202e", "\x1b[31mRED"):
        assert raw not in written, repr(raw)

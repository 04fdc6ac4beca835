"""Provides the screen the app shows while its session loads: the frame of the meeting screen
(header with the file, agenda, clock line) and an honest "loading N events…"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from agenda.visible import visible
from facilitator.startup import Preview


class LoadingScreen(Screen[None]):
    """Built from what a bare Textual app has, so it is the first frame; the main screen
    replaces it once a worker has opened the session."""

    DEFAULT_CSS = """
    LoadingScreen #loading-header { height: 1; padding: 0 1; background: $panel; }
    LoadingScreen #loading-clock { height: 1; padding: 0 1; color: $text-muted; }
    LoadingScreen #loading-agenda {
        width: 28;
        height: 1fr;
        border-right: tall $primary-muted;
        color: $text-muted;
    }
    LoadingScreen #loading-note { width: 1fr; height: 1fr; content-align: center middle; }
    LoadingScreen #loading-keys { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, preview: Preview) -> None:
        super().__init__()
        self.preview = preview

    def compose(self) -> ComposeResult:
        preview = self.preview
        yield Static(
            Content.assemble((" … ", "bold"), "  ", (visible(preview.path.name), "$text-muted")),
            id="loading-header",
        )
        yield Static("⏸  the meeting clock starts once the session is open", id="loading-clock")
        with Horizontal():
            agenda = Content("\n").join(
                Content.assemble(f"○ {title}\n", (f"  {minutes} min", "$text-muted"))
                for title, minutes in preview.phases
            )
            yield Static(agenda, id="loading-agenda")
            with Vertical():
                yield Static(Content(self.describe()), id="loading-note")
        yield Static(Content(" ^q Quit"), id="loading-keys")

    def describe(self) -> str:
        """What is being loaded, in words: "loading 5,000 events…"."""
        events, name = self.preview.events, visible(self.preview.path.name)
        if events is None:
            return f"starting a new session in {name}…"
        return f"loading {events:,} event{'' if events == 1 else 's'} from {name}…"

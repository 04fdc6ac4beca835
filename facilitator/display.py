"""Provides the display state the user keeps between sessions: the theme, presentation mode, the
sidebar and the bell, read at start and saved from a worker whenever one changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding, Binding
from textual.theme import Theme

from facilitator.keys import FOOTER_WHEN_NARROW
from facilitator.settings import Loaded, Settings, SidebarMode, save_settings, settings_path

if TYPE_CHECKING:
    from textual.app import App

PRESENTATION_THEME = Theme(
    name="facilitator-high-contrast",
    primary="#ffd700",
    secondary="#00d7ff",
    accent="#ffd700",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    boost="#262626",
    dark=True,
)
"""Presentation mode's theme: white on black, yellow accents, for a shared screen at 720p."""

NARROW = 100
"""Below this many columns the sidebar gives way to the one-line phase strip."""


class Display:
    """The settings as they are now; every change is saved unless the file was unreadable."""

    def __init__(self, loaded: Loaded) -> None:
        self.settings = loaded.settings
        self.problem = loaded.problem
        self.writable = loaded.writable
        self.path = settings_path()
        self._app: App[Any] | None = None
        self._following = False

    @classmethod
    def defaults(cls) -> Display:
        """The defaults, never saved (a screen built without the app's settings)."""
        return cls(Loaded(Settings(), "", False))

    def apply(self, app: App[Any]) -> Display:
        """Put on the user's theme (or presentation's): from the app's __init__, so that its
        first frame has it."""
        self._app = app
        app.register_theme(PRESENTATION_THEME)
        wanted = PRESENTATION_THEME.name if self.settings.presentation else self.settings.theme
        if wanted in app.available_themes and wanted != app.theme:  # a change restyles it all
            app.theme = wanted
        return self

    def follow(self, app: App[Any]) -> None:
        """Once the app runs (the meeting screen is up): say why the settings file was not
        used, and keep the user's later theme choices (once, whatever the screens rebuilt)."""
        if self._following:
            return
        self._following = True
        if self.problem:
            app.notify(self.problem, severity="warning", markup=False, timeout=10)
        app.theme_changed_signal.subscribe(app, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != PRESENTATION_THEME.name and theme.name != self.settings.theme:
            self.change(theme=theme.name)

    def sidebar_shown(self, width: int, mode: SidebarMode | None = None) -> bool:
        """Whether the sidebar shows at ``width`` columns (by the setting, or by ``mode``)."""
        mode = mode or self.settings.sidebar
        return mode is SidebarMode.SHOWN or (mode is SidebarMode.AUTO and width >= NARROW)

    def set_presentation(self, on: bool) -> None:
        if self._app is not None:
            self._app.theme = PRESENTATION_THEME.name if on else self.settings.theme
        self.change(presentation=on)

    def change(self, **values: Any) -> None:
        self.settings = self.settings.changed(**values)
        if self._app is not None and self.writable:
            settings, path, app = self.settings, self.path, self._app
            work = _saver(settings, path, app)
            app.run_worker(work, thread=True, group="settings", exclusive=True)


def footer_when_narrow(
    bindings: dict[str, ActiveBinding], global_keys: Iterable[tuple[str, Binding]]
) -> dict[str, ActiveBinding]:
    """The footer's keys below 100 columns: the focused pane's, F1 and the palette; the other
    global keys stay bound, listed by F1 and the palette instead."""
    hidden = {id(binding) for _, binding in global_keys}
    return {
        key: active._replace(binding=replace(active.binding, show=False))
        if id(active.binding) in hidden and active.binding.action not in FOOTER_WHEN_NARROW
        else active
        for key, active in bindings.items()
    }


def _saver(settings: Settings, path: Any, app: App[Any]) -> Any:
    def save() -> None:
        try:
            save_settings(settings, path)
        except OSError as error:
            app.call_from_thread(
                app.notify, f"settings not saved: {path}: {error.strerror}", severity="warning"
            )

    return save


__all__ = ["NARROW", "Display", "SidebarMode", "footer_when_narrow"]

"""Provides the footer of keys, redrawn only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys whenever a screen says its bindings may have
    changed, which is every focus move; most moves keep the same keys. Rebuilding costs a style
    pass per key (measured: a quarter of the app's start-up), so this one compares first."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self._keys_shown(screen)
            if self._bindings_ready and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _keys_shown(self, screen: Screen[object]) -> Hashable:
        return tuple(
            (key, binding.action, binding.description, binding.group, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show
        )

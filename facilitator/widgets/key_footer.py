"""Provides the footer of keys, redrawn only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys whenever a screen says its bindings may have
    changed, which is every focus move, and once for each such signal; most moves keep the same
    keys, and a pane shown sends several signals at once. Rebuilding costs a style pass per key
    (measured: a quarter of the app's start-up), so this one rebuilds at most once per refresh,
    and only when the keys it shows changed."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None
        self._pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        self._bindings_ready = True
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._show_keys)

    async def _show_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown(self.screen)
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def _keys_shown(self, screen: Screen[object]) -> Hashable:
        return tuple(
            (key, binding.action, binding.description, binding.group, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show
        )

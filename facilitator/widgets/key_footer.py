"""Provides the footer of keys: one widget drawing one line, redrawn when the keys it shows
change."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class FooterKey:
    """One key the footer shows."""

    key: str
    """The key as Textual names it, pressed when the label is clicked."""
    shown: str
    """The key as the footer writes it (``^n`` for ctrl+n)."""
    description: str
    enabled: bool
    tooltip: str


class KeyFooter(Widget, can_focus=False):
    """The keys of the screen's active bindings on one line, and the palette's key at the right.

    It looks and answers the mouse as Textual's `Footer` does, which is a widget per key: every
    focus move that changed the keys mounted them all again, with a style pass each (measured:
    a quarter of the app's start and a tenth of every Pilot test). This one draws the line
    itself, at most once per refresh, and only when the keys changed."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--disabled",
        "key-footer--hover",
        "key-footer--edge",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--disabled { text-style: dim; }
        .key-footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        .key-footer--edge { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[FooterKey, ...] = ()
        """The keys shown, left to right, without the palette's."""
        self.palette: FooterKey | None = None
        self._pending = False
        self._hover: FooterKey | None = None
        self._scrolled = 0
        """How many of the keys the mouse wheel has scrolled out at the left."""
        self._spans: list[tuple[int, int, FooterKey]] = []
        """Where each key was drawn last: (first column, past the last, key)."""
        self._cut = False
        """Whether the last drawing left keys out (or cut one) at the right."""
        self.covered = False
        """A dialog is over the screen: its keys are its own, on its buttons, and this line
        (dimmed behind it) would name keys that now do something else ("d Delete" under the
        quit dialog, where d quits without saving): it shows none."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """A screen says its keys may have changed, which it does on every focus move and
        several times when a pane is shown: look once, after the refresh."""
        if not self._pending and screen is self.screen and screen.app.app_focus:
            self._pending = True
            self.call_after_refresh(self._show_keys)

    def _show_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys, palette = self._keys_of(self.screen)
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self._scrolled = 0
            self.refresh()

    def _keys_of(self, screen: Screen[object]) -> tuple[tuple[FooterKey, ...], FooterKey | None]:
        """The first binding shown of each action, as Textual's footer picks them."""
        active = screen.active_bindings
        app = screen.app
        keys: dict[str, FooterKey] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                shown = app.get_key_display(binding)
                keys[binding.action] = FooterKey(
                    binding.key, shown, binding.description, enabled, tooltip
                )
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
            palette = FooterKey(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                binding.tooltip or binding.description,
            )
        return tuple(keys.values()), palette

    # ---- drawing -------------------------------------------------------------------------------

    def cover(self, covered: bool) -> None:
        if covered != self.covered:
            self.covered = covered
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        if self.covered:
            self._spans = []
            return Text(" " * width, end="")
        right = self._label(self.palette, compact=True) if self.palette else None
        room = width - (right.cell_len + 2 if right else 0)  # the edge and a cell of padding
        line = Text(no_wrap=True, end="")
        self._spans = []
        self._cut = False
        for key in self.keys[self._scrolled :]:
            if line.cell_len >= room:
                self._cut = True
                break
            label = self._label(key, compact=False)
            self._spans.append((line.cell_len, line.cell_len + label.cell_len, key))
            line.append_text(label)
            self._cut = line.cell_len > room
        line.truncate(max(room, 0), pad=True)
        if right is not None and self.palette is not None:
            edge = self.get_component_rich_style("key-footer--edge")
            line.append("▏", edge)
            self._spans.append((line.cell_len, line.cell_len + right.cell_len + 1, self.palette))
            line.append_text(right)
            line.append(" ", self._base(self.palette))
        return line

    def _base(self, key: FooterKey) -> Style:
        style = self.rich_style
        if key == self._hover:
            style += self.get_component_rich_style("key-footer--hover")
        if not key.enabled:
            style += self.get_component_rich_style("key-footer--disabled")
        return style

    def _label(self, key: FooterKey, *, compact: bool) -> Text:
        """A key's label as Textual's footer draws it: the key padded, then its description
        (compact, the palette's: no padding around the key, a space before the description)."""
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        if key == self._hover:
            hover = Style(bgcolor=self.get_component_rich_style("key-footer--hover").bgcolor)
            key_style, description_style = key_style + hover, description_style + hover
        shown = key.shown if compact else f" {key.shown} "
        if key.description:
            description = f" {key.description}" if compact else f"{key.description} "
            label = Text.assemble((shown, key_style), (description, description_style))
        else:
            label = Text.assemble((key.shown, key_style))
        label.stylize_before(self._base(key))
        return label

    # ---- the mouse -----------------------------------------------------------------------------

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point_at(self._key_at(event.x))

    def on_leave(self) -> None:
        self._point_at(None)

    def _point_at(self, key: FooterKey | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key else None
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel brings the keys cut off at the right into view, a key at a time."""
        if self._cut:
            self._scroll(+1, event)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll(-1, event)

    def _scroll(self, step: int, event: events.MouseEvent) -> None:
        scrolled = min(max(self._scrolled + step, 0), max(len(self.keys) - 1, 0))
        if scrolled != self._scrolled:
            self._scrolled = scrolled
            self.refresh()
            event.stop()

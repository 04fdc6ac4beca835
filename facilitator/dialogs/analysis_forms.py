"""Provides the forms of the analysis: a why node, a contributing factor, and a picker."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from agenda.model import Factor, FactorCategory, FactorGap, WhyNode
from facilitator.dialogs.base import FormScreen, form_buttons
from facilitator.widgets.blame_hint import BlameHint
from facilitator.widgets.text import FieldError


class WhyForm(FormScreen[WhyNode | None]):
    """A step of a chain: the question, the answer the room agreed on, and its evidence."""

    def __init__(
        self, node: WhyNode, *, heading: str, root: bool, participants: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.node = node
        self.heading = heading
        self.root = root
        self.participants = participants
        """Their names read as people in a text that blames someone."""

    def compose(self) -> ComposeResult:
        node = self.node
        with Vertical(classes="dialog form"):
            yield Label(Content(self.heading), classes="dialog-title")
            yield Label("Problem statement" if self.root else "Question")
            yield Input(node.question, id="question")
            if not self.root:
                yield Label("Answer")
                yield Input(node.answer, id="answer")
                yield Label("Evidence (a graph, a log line, a PR)")
                yield Input(node.evidence, id="evidence")
                yield Checkbox("A systemic cause", node.systemic, id="systemic")
            yield BlameHint(self.participants, id="why-blame")
            yield FieldError(id="why-error")
            yield form_buttons("Save (ctrl+s)")

    def on_mount(self) -> None:
        target = "#question" if self.root or not self.node.question else "#answer"
        self.query_one(target, Input).focus()
        self._check_blame()

    @on(Input.Changed, "#question, #answer")
    def _check_blame(self) -> None:
        """Blame is named while the room is still wording the why, not after it is saved."""
        texts = [
            self.query_one(f"#{name}", Input).value for name in ("answer", "question")[self.root :]
        ]
        self.query_one(BlameHint).check(*texts)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        question = self.query_one("#question", Input).value.strip()
        if self.root:
            if not question:
                self.query_one("#why-error", FieldError).say(
                    "State the problem the chain starts from."
                )
                return
            self.dismiss(self.node.model_copy(update={"question": question}))
            return
        answer = self.query_one("#answer", Input).value.strip()
        if not answer and not question:
            self.query_one("#why-error", FieldError).say("Give the question, the answer, or both.")
            return
        self.dismiss(
            self.node.model_copy(
                update={
                    "question": question,
                    "answer": answer,
                    "evidence": self.query_one("#evidence", Input).value.strip(),
                    "systemic": self.query_one("#systemic", Checkbox).value,
                }
            )
        )


class FactorForm(FormScreen[Factor | None]):
    """A contributing factor: stated about the system, with its category and the gap it shows."""

    def __init__(self, factor: Factor, heading: str) -> None:
        super().__init__()
        self.factor = factor
        self.heading = heading

    def compose(self) -> ComposeResult:
        factor = self.factor
        with Vertical(classes="dialog form"):
            yield Label(Content(self.heading), classes="dialog-title")
            yield Label("The factor, stated about the system")
            yield Input(factor.title, id="title")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Category")
                    yield Select(
                        [(c.value, c) for c in FactorCategory],
                        value=factor.category,
                        allow_blank=False,
                        id="category",
                    )
                with Vertical():
                    yield Label("Gap")
                    yield Select(
                        [(g.value, g) for g in FactorGap],
                        value=factor.gap if factor.gap else Select.NULL,
                        id="gap",
                    )
            yield Label("Detail and evidence")
            yield Input(factor.description, id="description")
            yield FieldError(id="factor-error")
            yield form_buttons("Save (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self.query_one("#factor-error", FieldError).say("Name the factor.")
            return
        gap = self.query_one("#gap", Select).value
        self.dismiss(
            Factor.model_validate(
                {
                    **self.factor.model_dump(),
                    "title": title,
                    "category": self.query_one("#category", Select).value,
                    "gap": None if gap is Select.NULL else gap,
                    "description": self.query_one("#description", Input).value.strip(),
                }
            )
        )


class PickDialog(ModalScreen[str | None]):
    """Choose one of a few labelled choices (where to move a why, say); Escape cancels."""

    BINDINGS = [("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self, heading: str, choices: list[tuple[str, Content]], *, current: str | None = None
    ) -> None:
        super().__init__()
        self.heading = heading
        self.choices = choices
        self.current = current
        """The choice highlighted first (the value held now)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(Content(self.heading), classes="dialog-title")
            yield OptionList(*(Option(label, id=key) for key, label in self.choices), id="choices")

    def on_mount(self) -> None:
        keys = [key for key, _ in self.choices]
        if self.current in keys:
            self.query_one("#choices", OptionList).highlighted = keys.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

"""Provides the question asked before exporting a document that contains secrets."""

from __future__ import annotations

from typing import Literal

from facilitator.dialogs.choice import Choice, ChoiceDialog

SecretsChoice = Literal["redact", "allow"]


class SecretsDialog(ChoiceDialog[SecretsChoice]):
    """Redact them, export them anyway, or go and remove them."""

    def __init__(self, where: str) -> None:
        super().__init__(
            "The document would contain secrets",
            f"Found: {where}.\n\nRedact replaces each one by [REDACTED] in the document; the "
            "session keeps them (remove and rotate them there).",
            [
                Choice("r", "Redact", "redact", "primary"),
                Choice("a", "Export anyway", "allow", "error"),
            ],
        )

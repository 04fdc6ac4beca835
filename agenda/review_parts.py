"""Provides the parts of a session that record its review (001_7e5ac253e3df0ccb.txt,
"Postmortem Review Process"): reviewers and their approvals, comments, and any override."""

from __future__ import annotations

from pydantic import Field, model_validator

from agenda.fields import StrictModel, UtcDateTime, no_items


class Reviewer(StrictModel):
    """Someone whose approval the document needs before it is final."""

    name: str = Field(min_length=1)
    """Who reviews, e.g. "@lee"."""
    role: str = ""
    """What they review for: "engineering manager: action priorities", "security"…"""
    approved: UtcDateTime | None = None
    """When they approved the document; unset until they do."""


class ReviewComment(StrictModel):
    """A comment made on the document during its review."""

    reviewer: str = Field(min_length=1)
    """Who made it."""
    text: str = Field(min_length=1)
    """The comment."""
    at: UtcDateTime | None = None
    """When it was made."""
    resolved: bool = False
    """The authors have addressed it."""


class ForcedFinal(StrictModel):
    """The record of a document made final without every reviewer's approval."""

    by: str = Field(min_length=1)
    """Who decided to publish anyway."""
    reason: str = Field(min_length=1)
    """Why it could not wait."""
    at: UtcDateTime
    """When."""
    pending: list[str] = Field(default_factory=no_items)
    """The reviewers who had not approved at that moment."""


class Review(StrictModel):
    """The document's review: reviewers with their approvals, comments, and any override."""

    reviewers: list[Reviewer] = Field(default_factory=no_items)
    """Everyone who must approve before the document is final."""
    comments: list[ReviewComment] = Field(default_factory=no_items)
    """Comments made during the review, in order."""
    forced: ForcedFinal | None = None
    """Set when the document was made final without every approval."""

    @model_validator(mode="after")
    def _one_entry_per_reviewer(self) -> Review:
        seen: set[str] = set()
        for index, reviewer in enumerate(self.reviewers):
            key = reviewer.name.strip().casefold()
            if key in seen:
                raise ValueError(f"reviewers[{index}]: {reviewer.name!r} is listed twice")
            seen.add(key)
        return self

"""Provides what every session model is built from: the strict base model and the field types
for times in UTC and calendar dates."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, tzinfo
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict


def _to_utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            "time has no timezone; write it in UTC with a trailing Z, e.g. 2024-01-15T14:05:00Z"
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+05:00 is in the year 0 once in UTC
        raise ValueError(
            "time is out of range once in UTC: times go from the year 1 to 9999"
        ) from None


def _no_number(value: Any) -> Any:
    if isinstance(value, int | float):
        raise ValueError("expected a date or time, like 2024-01-15T14:05:00Z, not a number")
    return value


def _date_and_time(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, datetime):
        raise ValueError("expected a date and a time in UTC, like 2024-01-15T14:05:00Z")
    return _no_number(value)


UtcDateTime = Annotated[datetime, BeforeValidator(_date_and_time), AfterValidator(_to_utc)]
"""A timezone-aware datetime, normalised to UTC; a naive one is refused."""


def _date_only(value: Any) -> Any:
    if isinstance(value, datetime):
        raise ValueError("expected a date like 2024-01-15, without a time")
    return _no_number(value)


Day = Annotated[dt.date, BeforeValidator(_date_only)]
"""A calendar date, like 2024-01-15."""

ID_PATTERN = r"^[A-Z][0-9]+$"


def no_items() -> list[Any]:
    """A new empty list: the default of every list field. pydantic reads a default factory's
    signature when it builds a model, and that of `list`, a builtin, is parsed from text by
    `tokenize`, whose first use compiles a large regex: `list` itself cost every start 7 ms, a
    fifth of building the models."""
    return []


def zone_of(name: str) -> tzinfo | None:
    """The time zone an IANA name (or "UTC") names, or None when there is none by that name."""
    if name.strip().upper() in ("UTC", "Z", "GMT"):
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


class StrictModel(BaseModel):
    """Base of every session model: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

"""Provides the header edits: every field of the incident header and the meeting record (title,
id, severity and its six questions, services, tags, summary, impact, trigger, detection,
resolution, the incident's date and zone, the meeting's date, facilitator, scribe, mode) and
the participants with their roles, each change an undoable Edit."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from agenda.history import Edit
from agenda.model import MeetingMode, Participant, Session
from agenda.severity import QUESTIONS
from agenda.vocabulary import Severity


class HeaderError(ValueError):
    """A header value that cannot be taken; the message names the field and what would do."""


class FieldKind(StrEnum):
    """How a header field is typed in."""

    LINE = "line"
    """One line of text."""
    TEXT = "text"
    """Prose, possibly several lines."""
    LIST = "list"
    """Several short values, typed comma-separated."""
    CHOICE = "choice"
    """One of a closed vocabulary (``HeaderField.choices``)."""
    DATE = "date"
    """A day, YYYY-MM-DD."""
    FLAG = "flag"
    """Yes, no, or not known."""
    ZONE = "zone"
    """An IANA time zone name, or UTC."""


@dataclass(frozen=True)
class HeaderField:
    """One editable field of the header, in the order the document presents them."""

    path: str
    """Where it lives: "incident.title", "incident.impact.users", "meeting.scribe"."""
    label: str
    """What the editor calls it."""
    kind: FieldKind
    choices: tuple[str, ...] = ()
    """For a choice: the values, in order (an empty one means "not answered")."""
    hint: str = ""
    """What to write, for the editor's placeholder."""


def _answers(field: str) -> tuple[str, ...]:
    question = next(q for q in QUESTIONS if q.field == field)
    return ("", *(answer.value for answer in question.answers))


HEADER_FIELDS: tuple[HeaderField, ...] = (
    HeaderField("incident.title", "Title", FieldKind.LINE, hint="Checkout errors after v3.2"),
    HeaderField("incident.id", "Incident id", FieldKind.LINE, hint="INC-2024-0115"),
    HeaderField(
        "incident.severity", "Severity", FieldKind.CHOICE, tuple(s.value for s in Severity)
    ),
    HeaderField("incident.services", "Services", FieldKind.LIST, hint="checkout, payments"),
    HeaderField("incident.tags", "Tags", FieldKind.LIST, hint="deployment, database"),
    HeaderField("incident.date", "Incident date", FieldKind.DATE, hint="2024-01-15"),
    HeaderField("incident.time_zone", "Times shown in", FieldKind.ZONE, hint="UTC"),
    HeaderField(
        "incident.summary",
        "Summary",
        FieldKind.TEXT,
        hint="What happened, the impact, and how long it lasted",
    ),
    HeaderField("incident.impact.users", "Users affected", FieldKind.TEXT),
    HeaderField("incident.impact.duration", "Impact duration", FieldKind.LINE, hint="40 min"),
    HeaderField("incident.impact.revenue", "Revenue impact", FieldKind.LINE),
    HeaderField("incident.impact.error_budget", "Error budget", FieldKind.LINE),
    HeaderField("incident.impact.sla_breached", "SLA breached", FieldKind.FLAG),
    HeaderField("incident.trigger", "Trigger", FieldKind.TEXT, hint="The proximate cause"),
    HeaderField("incident.detection", "Detection", FieldKind.TEXT, hint="How we found out"),
    HeaderField("incident.resolution", "Resolution", FieldKind.TEXT, hint="What ended it"),
    *(
        HeaderField(
            f"incident.severity_answers.{q.field}", q.text, FieldKind.CHOICE, _answers(q.field)
        )
        for q in QUESTIONS
    ),
    HeaderField("meeting.date", "Meeting date", FieldKind.DATE, hint="2024-01-17"),
    HeaderField("meeting.facilitator", "Facilitator", FieldKind.LINE, hint="@sam"),
    HeaderField("meeting.scribe", "Scribe", FieldKind.LINE, hint="@lee"),
    HeaderField("meeting.mode", "Mode", FieldKind.CHOICE, tuple(m.value for m in MeetingMode)),
)
"""Every header field the Opening pane edits (the status has its own rule: agenda.status; the
participants have their own edits, below)."""

FIELDS_BY_PATH = {field.path: field for field in HEADER_FIELDS}

_TOUCHED = {"incident": frozenset({"incident"}), "meeting": frozenset({"meeting"})}
"""What a header edit touches, for the panes that show it."""


def header_value(session: Session, path: str) -> Any:
    """The value a header field holds now."""
    owner, name = _owner(session, path)
    return getattr(owner, name)


def header_text(session: Session, path: str) -> str:
    """A header field's value as the editor shows it: lists comma-separated, a flag as
    "yes" / "no" / "", a date as YYYY-MM-DD, an unset value as ""."""
    value = header_value(session, path)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def edit_header(session: Session, changes: Mapping[str, Any]) -> Edit | None:
    """One undoable edit setting several header fields (a form's worth); None when nothing
    changes. Values may be typed (a date, a list) or text as the editor holds it. A value that
    cannot be taken raises `HeaderError` naming the field, and nothing is changed."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for path, raw in changes.items():
        value = _checked(session, path, raw)
        old = header_value(session, path)
        if value != old:
            before[path], after[path] = _copy(old), value
    if not after:
        return None

    def put(session: Session, values: dict[str, Any]) -> None:
        for path, value in values.items():
            owner, name = _owner(session, path)
            setattr(owner, name, _copy(value))

    touched = frozenset().union(*(_TOUCHED[path.split(".")[0]] for path in after))
    names = [
        FIELDS_BY_PATH[path].label.lower() if path in FIELDS_BY_PATH else path for path in after
    ]
    label = f"edit {names[0]}" if len(names) == 1 else f"edit {len(names)} header fields"
    return Edit(label, lambda s: put(s, after), lambda s: put(s, before), touched)


def set_header(session: Session, path: str, value: Any) -> Edit | None:
    """One header field; see `edit_header`."""
    return edit_header(session, {path: value})


def set_mode(session: Session, mode: MeetingMode) -> Edit | None:
    """Switch the session between a live meeting and an async write-up."""
    return set_header(session, "meeting.mode", MeetingMode(mode))


def _owner(session: Session, path: str) -> tuple[BaseModel, str]:
    *parents, name = path.split(".")
    owner: Any = session
    for part in parents:
        owner = getattr(owner, part, None)
        if not isinstance(owner, BaseModel):
            raise HeaderError(f"{path}: not a header field")
    if parents[:1] not in (["incident"], ["meeting"]) or name not in type(owner).model_fields:
        raise HeaderError(f"{path}: not a header field")
    if path in _NOT_HERE:
        raise HeaderError(f"{path}: {_NOT_HERE[path]}")
    return owner, name


_NOT_HERE = {
    "incident.status": "the status has its own rule: agenda.status.change_status",
    "incident.times": "key times are marked on events: agenda.timeline.mark_key_event",
    "incident.key_events": "key times are marked on events: agenda.timeline.mark_key_event",
    "meeting.participants": "participants have their own edits",
    "meeting.phases": "the meeting clock records the phases",
}


def _checked(session: Session, path: str, raw: Any) -> Any:
    """The value as the model will hold it, validated on a copy of its owner."""
    owner, name = _owner(session, path)
    label = FIELDS_BY_PATH[path].label if path in FIELDS_BY_PATH else name
    try:
        value = _from_text(raw, type(owner).model_fields[name].annotation)
    except HeaderError as error:
        raise HeaderError(f"{label}: {error}") from None
    if path == "incident.title" and not str(value).strip():
        raise HeaderError("Title: a postmortem needs a title")
    probe = owner.model_copy()
    try:
        setattr(probe, name, value)
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        message = str(problem["msg"]).removeprefix("Value error, ")
        raise HeaderError(f"{label}: {message}") from None
    return getattr(probe, name)


def _from_text(raw: Any, annotation: Any) -> Any:
    """Text typed into the editor, as the field's type reads it: comma-separated for a list,
    yes / no for a flag, and an empty string unset where a field may be unset."""
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if typing.get_origin(annotation) is list:
        return [part.strip() for part in text.split(",") if part.strip()]
    options = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    if type(None) in options and not text:
        return None
    if bool in options:
        return _FLAGS.get(text.lower(), raw)  # anything else: pydantic says why not
    if any(
        typing.get_origin(o) is typing.Annotated and typing.get_args(o)[0] is date for o in options
    ):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise HeaderError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None
    return text


_FLAGS = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


# ---- participants --------------------------------------------------------------------------


def _participants_edit(session: Session, label: str, after: list[Participant]) -> Edit:
    before = [p.model_copy() for p in session.meeting.participants]
    after = [p.model_copy() for p in after]

    def put(session: Session, value: list[Participant]) -> None:
        session.meeting.participants = [p.model_copy() for p in value]

    return Edit(label, lambda s: put(s, after), lambda s: put(s, before), _TOUCHED["meeting"])


def _person(session: Session, name: str, role: str, *, besides: int | None = None) -> Participant:
    name, role = name.strip(), role.strip()
    if not name:
        raise HeaderError("A participant needs a name, e.g. @ana")
    if "\n" in name or "\n" in role:
        raise HeaderError("A participant's name and role are one line each")
    for index, other in enumerate(session.meeting.participants):
        if index != besides and other.name.casefold() == name.casefold():
            raise HeaderError(f"{name} is already a participant")
    return Participant(name=name, role=role)


def add_participant(session: Session, name: str, role: str = "", *, at: int | None = None) -> Edit:
    """Add someone to the meeting (at the end, or at ``at``)."""
    person = _person(session, name, role)
    people = list(session.meeting.participants)
    people.insert(len(people) if at is None else max(0, min(at, len(people))), person)
    return _participants_edit(session, f"add participant {person.name}", people)


def edit_participant(session: Session, index: int, name: str, role: str = "") -> Edit:
    """Change the name or role of the participant at ``index``."""
    _listed(session, index)
    person = _person(session, name, role, besides=index)
    people = list(session.meeting.participants)
    people[index] = person
    return _participants_edit(session, f"edit participant {person.name}", people)


def remove_participant(session: Session, index: int) -> Edit:
    """Remove the participant at ``index`` (their actions keep their owner)."""
    person = _listed(session, index)
    people = [p for i, p in enumerate(session.meeting.participants) if i != index]
    return _participants_edit(session, f"remove participant {person.name}", people)


def move_participant(session: Session, index: int, delta: int) -> Edit:
    """Move the participant at ``index`` up (``delta`` -1, Alt+Up) or down (+1, Alt+Down);
    past either end it stays where it is."""
    person = _listed(session, index)
    people = list(session.meeting.participants)
    del people[index]
    people.insert(max(0, min(index + delta, len(people))), person)
    return _participants_edit(session, f"move participant {person.name}", people)


def _listed(session: Session, index: int) -> Participant:
    people = session.meeting.participants
    if not 0 <= index < len(people):
        raise HeaderError(f"no participant {index + 1}; there are {len(people)}")
    return people[index]


def parse_participant(text: str) -> tuple[str, str]:
    """ "@ana:on-call" → ("@ana", "on-call"); "@ana" → ("@ana", "")."""
    name, _, role = text.partition(":")
    return name.strip(), role.strip()

"""Provides the rows of the Opening editor: every header field and participant as one option of
a list, grouped under headings, each showing its value (or what to write while it is empty)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from agenda.header import FIELDS_BY_PATH, HEADER_FIELDS, HeaderField, header_text
from agenda.model import Session
from agenda.severity import because, implied_severity, less_severe
from agenda.visible import visible
from facilitator.tones import Tone, tone

STATUS = "incident.status"
"""The status is not a plain field (agenda.status guards "final"), but it is edited here too."""
PERSON = "person:"
"""The option id of a participant: person:INDEX."""
ADD_PERSON = "person:add"

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "The incident",
        (
            "incident.title",
            "incident.id",
            "incident.severity",
            STATUS,
            "incident.services",
            "incident.tags",
            "incident.date",
            "incident.time_zone",
        ),
    ),
    (
        "What happened",
        ("incident.summary", "incident.trigger", "incident.detection", "incident.resolution"),
    ),
    (
        "Impact",
        (
            "incident.impact.users",
            "incident.impact.duration",
            "incident.impact.revenue",
            "incident.impact.error_budget",
            "incident.impact.sla_breached",
        ),
    ),
    (
        "Severity from impact: the worst answer wins",
        tuple(f.path for f in HEADER_FIELDS if f.path.startswith("incident.severity_answers.")),
    ),
    ("The meeting", ("meeting.date", "meeting.mode", "meeting.facilitator", "meeting.scribe")),
)
"""The editor's sections in reading order; every field of `HEADER_FIELDS` is in one."""

LABEL_WIDTH = 26


class HeaderFields(OptionList):
    """The editor's list; Home goes back to the very top, the first heading in view too."""

    def action_first(self) -> None:
        super().action_first()
        self.scroll_home(animate=False)


def _row(label: str, value: Text) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=LABEL_WIDTH)
    grid.add_column(ratio=1)
    grid.add_row(Text(label, style="bold"), value)
    return grid


def field_value(session: Session, field: HeaderField) -> Text:
    """A field's value as the room reads it; while empty, what to write there."""
    text = header_text(session, field.path)
    if not text.strip():
        hint = f"e.g. {field.hint}" if field.hint else "not yet"
        return Text(f"— {hint} (Enter)", style="dim italic")
    return Text(visible(text))


def severity_value(session: Session) -> Text:
    """The chosen severity, and beside it the one the six impact answers imply."""
    incident = session.incident
    value = Text(incident.severity.value, style="bold")
    implied = implied_severity(incident.severity_answers)
    if implied is None:
        value.append("   answer the six impact questions below to check it", style="dim")
    elif less_severe(incident.severity, implied):
        value.append(
            f"   ⚠ the impact answers imply {implied.value}", style=tone(Tone.WARNING, bold=True)
        )
        value.append(f": {'; '.join(because(incident.severity_answers))}", style=tone(Tone.WARNING))
    else:
        value.append(f"   ✓ the impact answers imply {implied.value}", style=tone(Tone.SUCCESS))
    return value


def status_value(session: Session, refusals: list[str]) -> Text:
    """The status; and, while error-level findings stand, that "final" waits for them."""
    value = Text(session.incident.status.value, style="bold")
    if refusals:
        count = len(refusals)
        value.append(f"   final waits for {count} error{'s' * (count > 1)} (f3 lists them)", "dim")
    return value


def header_options(session: Session, refusals: list[str]) -> list[Option]:
    """Every row of the editor, headings included (disabled, so the cursor skips them)."""
    options: list[Option] = []
    for heading, paths in SECTIONS:
        options.append(Option(Text(heading, style="bold underline"), disabled=True))
        options += [field_option(session, path, refusals) for path in paths]
    options.append(Option(Text("People in the room", style="bold underline"), disabled=True))
    for index, person in enumerate(session.meeting.participants):
        role = Text(visible(person.role or "no role yet"), style="" if person.role else "dim")
        options.append(Option(_row(visible(person.name), role), id=f"{PERSON}{index}"))
    add = Text("+ add a participant, e.g. @ana:on-call (a)", style="italic")
    options.append(Option(add, id=ADD_PERSON))
    return options


def field_option(session: Session, path: str, refusals: list[str]) -> Option:
    return Option(field_prompt(session, path, refusals), id=path)


def field_prompt(session: Session, path: str, refusals: list[str]) -> Table:
    if path == STATUS:
        return _row("Status", status_value(session, refusals))
    field = FIELDS_BY_PATH[path]
    if path == "incident.severity":
        return _row(field.label, severity_value(session))
    return _row(field.label, field_value(session, field))

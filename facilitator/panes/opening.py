"""Provides the Opening pane: the editor of the incident header, its impact and severity, the
meeting and who is in the room, and last time's promises."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static

from agenda.actions import due_label
from agenda.agendas import Agenda, Pane
from agenda.checks import Finding
from agenda.checks import Severity as Level
from agenda.clock import Now
from agenda.header import (
    FIELDS_BY_PATH,
    FieldKind,
    HeaderError,
    add_participant,
    edit_participant,
    header_text,
    move_participant,
    parse_participant,
    remove_participant,
    set_header,
)
from agenda.history import Edit
from agenda.model import DocumentStatus, Session
from agenda.promises import PreviousActions, Promise
from agenda.review import ReviewError
from agenda.status import change_status, final_refusals
from agenda.visible import visible
from facilitator.dialogs.analysis_forms import PickDialog
from facilitator.dialogs.file_dialogs import ErrorDialog
from facilitator.dialogs.text_entry import TextEntry
from facilitator.keys import OPENING_KEYS
from facilitator.messages import EditRequested
from facilitator.panes.base import PhasePane, Row, sync_rows, touches
from facilitator.tones import Tone, tone
from facilitator.widgets.header_fields import (
    ADD_PERSON,
    PERSON,
    STATUS,
    HeaderFields,
    header_options,
)
from facilitator.widgets.text import plain

READING = "Reading the other postmortems in this folder…"
CHOICE_WORDS = {"": "not answered", "live": "live meeting", "async": "async write-up (alone)"}


class OpeningPane(PhasePane):
    """Read the header aloud and fill it in: every field is a row; Enter edits it."""

    PANE = Pane.OPENING
    BINDINGS = [Binding(k.key, k.action, k.label, show=k.show) for k in OPENING_KEYS]

    def __init__(self, session: Session, now: Now, agenda: Agenda) -> None:
        super().__init__(session)
        self.now = now
        self.agenda = agenda
        self._previous: PreviousActions | None = None
        self._refusals: list[str] = []
        """Why the document cannot be final now, from the last checks run (by a worker)."""

    @property
    def today(self) -> date:
        return self.now().date()

    def compose(self) -> ComposeResult:
        fields = HeaderFields(id="header-fields")
        fields.border_title = "Incident header (Enter edits · a adds a participant)"
        yield fields
        note = Static(READING, id="promises-note", markup=False)
        yield note
        promises: DataTable[object] = DataTable(id="promises", cursor_type="row")
        promises.border_title = "Last time's promises"
        promises.display = False
        yield promises

    @property
    def fields(self) -> HeaderFields:
        return self.query_one("#header-fields", HeaderFields)

    def on_mount(self) -> None:
        promises = self.query_one("#promises", DataTable)
        for column in ("Postmortem", "Action", "Owner", "Due", "Status"):
            promises.add_column(column, key=column.lower())
        self.fields.add_options(header_options(self.session, self._refusals))
        self.fields.action_first()

    def focus_default(self) -> None:
        self.take_focus(self.fields)

    # ---- showing an edit ------------------------------------------------------------------

    def show_edit(self, edit: Edit) -> None:
        if edit.metrics or touches(edit, "incident", "meeting") or not edit.touched:
            self._sync()

    def show_findings(self, findings: list[Finding]) -> None:
        """The error-level findings stand between the document and "final": the status row
        counts them (the checks ran in a worker; nothing is checked here)."""
        refusals = [f.message for f in findings if f.severity is Level.ERROR]
        if refusals != self._refusals:
            self._refusals = refusals
            self._sync()

    def _sync(self) -> None:
        """Relabel every field in place; rebuild only when the participants came or went."""
        fields = self.fields
        wanted = header_options(self.session, self._refusals)
        shown = [fields.get_option_at_index(i).id for i in range(fields.option_count)]
        if shown != [option.id for option in wanted]:
            highlighted = fields.highlighted
            fields.clear_options()
            fields.add_options(wanted)
            fields.highlighted = min(highlighted or 1, fields.option_count - 1)
            return
        for option in wanted:
            if option.id is not None:
                fields.replace_option_prompt(option.id, option.prompt)

    def _selected(self) -> str:
        fields = self.fields
        if fields.highlighted is None:
            return ""
        return fields.get_option_at_index(fields.highlighted).id or ""

    def _edit(self, edit: Edit | None) -> None:
        if edit is not None:
            self.post_message(EditRequested(edit))

    # ---- editing a field --------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#header-fields")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        path = self._selected()
        if path == ADD_PERSON:
            self.action_add_person()
        elif path.startswith(PERSON):
            self._edit_person(int(path.removeprefix(PERSON)))
        elif path == STATUS:
            self._edit_status()
        elif path in FIELDS_BY_PATH:
            self._edit_field(path)

    def _edit_field(self, path: str) -> None:
        field = FIELDS_BY_PATH[path]
        if field.kind in (FieldKind.CHOICE, FieldKind.FLAG):
            choices = field.choices if field.kind is FieldKind.CHOICE else ("yes", "no", "")
            words = {"": "not known"} if field.kind is FieldKind.FLAG else CHOICE_WORDS
            options = [(c, Content(words.get(c, c))) for c in choices]
            current = header_text(self.session, path)
            self.app.push_screen(
                PickDialog(field.label, options, current=current),
                lambda value: self._set(path, value),
            )
            return
        hint = {
            FieldKind.LIST: " (comma-separated)",
            FieldKind.DATE: " (YYYY-MM-DD)",
            FieldKind.ZONE: " (e.g. Europe/Paris; empty: UTC)",
            FieldKind.TEXT: " (ctrl+s saves)",
        }.get(field.kind, "")
        self.app.push_screen(
            TextEntry(
                f"{field.label}{hint}",
                header_text(self.session, path),
                multiline=field.kind is FieldKind.TEXT,
                validate=lambda text: self._problem(path, text),
            ),
            lambda value: self._set(path, value),
        )

    def _problem(self, path: str, text: str) -> str:
        try:
            set_header(self.session, path, text)
        except HeaderError as error:
            return str(error)
        return ""

    def _set(self, path: str, value: str | None) -> None:
        if value is not None:
            self._edit(set_header(self.session, path, value))

    def action_clear(self) -> None:
        """d: remove the participant under the cursor, or empty the field (ctrl+z undoes)."""
        path = self._selected()
        if path.startswith(PERSON) and path != ADD_PERSON:
            index = int(path.removeprefix(PERSON))
            name = self.session.meeting.participants[index].name
            self._edit(remove_participant(self.session, index))
            self.app.notify(f"Removed {visible(name)}. ctrl+z brings them back.", markup=False)
        elif path in FIELDS_BY_PATH and not self._problem(path, ""):
            self._edit(set_header(self.session, path, ""))

    # ---- the status: "final" is guarded ------------------------------------------------------

    def _edit_status(self) -> None:
        options = [(s.value, Content(s.value)) for s in DocumentStatus]
        current = self.session.incident.status.value
        self.app.push_screen(
            PickDialog("Status of the document", options, current=current), self._set_status
        )

    def _set_status(self, value: str | None) -> None:
        if value is None or value == self.session.incident.status.value:
            return
        try:
            edit = change_status(
                self.session,
                DocumentStatus(value),
                today=self.today,
                at=self.now(),
                agenda=self.agenda,
            )
        except ReviewError as refused:
            reasons = final_refusals(self.session, self.today, self.agenda) or [str(refused)]
            listed = "\n".join(f"• {reason}" for reason in reasons)
            self.app.push_screen(ErrorDialog(f"The document cannot be final yet:\n{listed}"))
            return
        self._edit(edit)

    # ---- participants ------------------------------------------------------------------------

    def action_add_person(self) -> None:
        self.app.push_screen(
            TextEntry(
                "Add a participant: name, then :role (e.g. @ana:on-call)",
                validate=lambda text: self._person_problem(text, None),
            ),
            self._add_person,
        )

    def _add_person(self, text: str | None) -> None:
        if text is not None and text.strip():
            name, role = parse_participant(text)
            self._edit(add_participant(self.session, name, role))
            self.fields.highlighted = self.fields.get_option_index(ADD_PERSON)

    def _edit_person(self, index: int) -> None:
        person = self.session.meeting.participants[index]
        typed = f"{person.name}:{person.role}" if person.role else person.name

        def done(text: str | None) -> None:
            if text is not None:
                name, role = parse_participant(text)
                self._edit(edit_participant(self.session, index, name, role))

        self.app.push_screen(
            TextEntry(
                "Participant: name, then :role",
                typed,
                validate=lambda text: self._person_problem(text, index),
            ),
            done,
        )

    def _person_problem(self, text: str, index: int | None) -> str:
        name, role = parse_participant(text)
        try:
            if index is None:
                add_participant(self.session, name, role)
            else:
                edit_participant(self.session, index, name, role)
        except HeaderError as error:
            return str(error)
        return ""

    def action_move_person(self, delta: int) -> None:
        path = self._selected()
        if not path.startswith(PERSON) or path == ADD_PERSON:
            return
        index = int(path.removeprefix(PERSON))
        target = index + delta
        if 0 <= target < len(self.session.meeting.participants):
            self._edit(move_participant(self.session, index, delta))
            self.fields.highlighted = self.fields.get_option_index(f"{PERSON}{target}")

    # ---- last time's promises ----------------------------------------------------------------

    def restyle(self) -> None:
        super().restyle()
        if self._previous is not None:
            self.show_previous(self._previous)

    def show_previous(self, previous: PreviousActions) -> None:
        """The open actions of earlier postmortems sharing a service or tag (read by a worker)."""
        self._previous = previous
        self.query_one("#promises-note", Static).update(previous.line())
        rows = [self._promise_row(p) for p in previous.promises]
        table = self.query_one("#promises", DataTable)
        table.display = bool(rows)
        sync_rows(table, rows, None)

    def _promise_row(self, promise: Promise) -> Row:
        action = promise.action
        status = Text(due_label(action.due, self.today))
        if promise.overdue_days:
            status.stylize(tone(Tone.ERROR, bold=True))
        cells = [  # other people's files: control characters shown, never sent raw
            plain(visible(action.session.name), limit=18),
            plain(visible(" ".join(action.title.split())), limit=48),
            plain(visible(action.owner or "no owner"), limit=14),
            Text(action.due.isoformat() if action.due else "no date"),
            status,
        ]
        return f"{action.session.path}:{action.id}", cells, 1

"""Provides the Markdown export of a whole postmortem, safe whatever users typed."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from agenda.agendas import Agenda, load_agenda
from agenda.errors import AgendaError
from agenda.fields import zone_of
from agenda.markdown import bullets, cell, evidence, inline, paragraphs, table
from agenda.model import KeyTime, MeetingMode, Session, SourceRef, WhyNode, format_duration
from agenda.queries import (
    actions_for_factor,
    item_text,
    key_time_labels,
    phase_extensions,
    phase_minutes,
)
from agenda.severity import implied_severity

MAX_LIST_NESTING = 6
"""Deeper whys are listed at this depth (their "Why N" label keeps the count): renderers
limit nesting, and a chain that deep reads better flat."""


def _utc(moment: datetime | None, *, with_date: bool = True) -> str:
    if moment is None:
        return "—"
    return moment.strftime("%Y-%m-%d %H:%M UTC" if with_date else "%H:%M")


def _zone(session: Session) -> tzinfo:
    """The zone the document shows times in (the incident's, for its readers; else UTC)."""
    name = session.incident.time_zone
    return (zone_of(name) if name else None) or UTC


def _zone_name(session: Session) -> str:
    return session.incident.time_zone if _zone(session) is not UTC else "UTC"


def _shown(session: Session, moment: datetime | None) -> str:
    """A time as the document's readers read it: in its zone, named."""
    if moment is None:
        return "—"
    return f"{moment.astimezone(_zone(session)):%Y-%m-%d %H:%M} {_zone_name(session)}"


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


def to_markdown(session: Session, agenda: Agenda | None = None) -> str:
    """The complete postmortem document."""
    if agenda is None:
        try:
            agenda = load_agenda(session.meeting.agenda)
        except AgendaError:
            agenda = None
    sections = [
        _header(session),
        _section("Summary", paragraphs(session.incident.summary) or "_No summary yet._"),
        _section("Impact", _impact(session)),
        _section("Trigger, detection and resolution", _response(session)),
        _section("Key times", _key_times(session)),
        _section(f"Timeline ({_zone_name(session)})", _timeline(session)),
        _section("Root causes", _root_causes(session)),
        _section("What went well", bullets(session.analysis.went_well)),
        _section("What went poorly", bullets(session.analysis.went_poorly)),
        _section("Where we got lucky", bullets(session.analysis.lucky)),
        _section("Dissenting views", _dissent(session)),
        _section("Action items", _actions(session)),
        _section("Lessons learned", _lessons(session)),
        _section("Parking lot", _parking(session)),
    ]
    if session.meeting.mode is not MeetingMode.ASYNC:  # a write-up alone had no meeting
        sections.append(_section("Meeting record", _meeting(session, agenda)))
    sections.append(_section("Review", _review(session)))
    return "\n\n".join(sections) + "\n"


def _section(title: str, body: str) -> str:
    return f"## {title}\n\n{body}"


def _header(session: Session) -> str:
    """The header table, with only what was filled in."""
    incident, meeting = session.incident, session.meeting
    authors = [name for name in (meeting.facilitator, meeting.scribe) if name]
    day = (
        incident.date.isoformat() if incident.date else _shown(session, incident.times.impact_start)
    )
    duration = incident.impact.duration.strip() or format_duration(session.impact_duration)
    live = meeting.mode is not MeetingMode.ASYNC
    rows = [
        ("Incident", cell(incident.id)),
        ("Date", day),
        ("Severity", incident.severity.value),
        ("Status", incident.status.value.capitalize()),
        ("Duration", cell(duration) if duration != "—" else "—"),
        ("Services", cell(", ".join(incident.services))),
        ("Tags", cell(", ".join(incident.tags))),
        ("Authors", cell(", ".join(dict.fromkeys(authors)))),
        ("Facilitator", cell(meeting.facilitator) if live else "—"),
        ("Postmortem meeting", _day(meeting.date) if live else "—"),
    ]
    title = inline(incident.title) or "Untitled incident"
    kept = [(name, value) for name, value in rows if value != "—"]
    return f"# Postmortem: {title}\n\n" + table(["Field", "Value"], kept)


def _impact(session: Session) -> str:
    """The impact, field by field; a field never filled is left out, not shown as a dash."""
    impact = session.incident.impact
    duration = impact.duration.strip() or (
        format_duration(session.impact_duration) if session.impact_duration else ""
    )
    lines = [
        f"- **{label}:** {inline(text)}"
        for label, text in (
            ("Users affected", impact.users),
            ("Duration", duration),
            ("Revenue", impact.revenue),
            ("Error budget", impact.error_budget),
        )
        if text.strip()
    ]
    if impact.sla_breached is not None:
        lines.append(f"- **SLA breached:** {'yes' if impact.sla_breached else 'no'}")
    implied = implied_severity(session.incident.severity_answers)
    if implied is not None:
        lines.append(f"- **Severity the impact implies:** {implied.value}")
    return "\n".join(lines) or "_Not recorded yet._"


def _response(session: Session) -> str:
    incident = session.incident
    parts = [
        f"**{title}.** " + inline(text)
        for title, text in (
            ("Trigger", incident.trigger),
            ("Detection", incident.detection),
            ("Resolution", incident.resolution),
        )
        if text.strip()
    ]
    return "\n\n".join(parts) or "_Not recorded yet._"


def _key_times(session: Session) -> str:
    """The key moments marked and the metrics they give; what is not known is left out."""
    times = session.incident.times
    marked = [(key, getattr(times, key.value)) for key in KeyTime]
    rows = [(key.label.capitalize(), _shown(session, at)) for key, at in marked if at]
    if not rows:
        return "_No key times marked yet._"
    metrics = [
        (name, format_duration(value))
        for name, value in (
            ("Time to detect", session.time_to_detect),
            ("Time to acknowledge", session.time_to_acknowledge),
            ("Time to mitigate", session.time_to_mitigate),
            ("Impact duration", session.impact_duration),
        )
        if value is not None
    ]
    moments = table(["Moment", "Time"], rows)
    return f"{moments}\n\n{table(['Metric', 'Value'], metrics)}" if metrics else moments


def _timeline(session: Session) -> str:
    events = session.sorted_timeline()
    if not events:
        return "_No events yet._"
    zone = _zone(session)
    spans_days = len({e.at.astimezone(zone).date() for e in events}) > 1
    marks = key_time_labels(session)
    rows = []
    for event in events:
        when = event.at.astimezone(zone).strftime("%Y-%m-%d %H:%M" if spans_days else "%H:%M")
        when = f"~{when}" if event.approximate else when
        text = inline(event.description)
        if event.known.strip():
            text += "<br>_What was known:_ " + inline(event.known)
        if event.who.strip():
            text += "<br>_Who:_ " + inline(event.who)
        if event.sources:
            text += "<br>_Sources:_ " + " · ".join(_source(s, event.at) for s in event.sources)
        mark = ", ".join(marks.get(event.id, [])) or " "
        rows.append((when, event.kind.value, event.source.value, text, mark.strip() or "—"))
    return table(["Time", "Kind", "Source", "Event", "Key time"], rows)


def _source(source: SourceRef, at: datetime) -> str:
    """ "pagerduty (R2TRG…, 14:07:04, Ava)": the kind, the way back, and its own time and who
    when they differ from the event's."""
    details = [source.ref] if source.ref else []
    if source.at is not None and source.at.replace(microsecond=0) != at.replace(microsecond=0):
        details.append(source.at.strftime("%H:%M:%S"))
    if source.who:
        details.append(source.who)
    shown = source.kind.value + (f" ({', '.join(details)})" if details else "")
    return inline(shown)


def _root_causes(session: Session) -> str:
    """The 5 Whys and the contributing factors, under one heading: together they are the
    analysis of why it happened."""
    return f"### 5 Whys\n\n{_whys(session)}\n\n### Contributing factors\n\n{_factors(session)}"


def _whys(session: Session) -> str:
    roots = session.why_roots()
    if not roots:
        return "_No 5 Whys analysis yet._"
    chains = []
    for number, root in enumerate(roots, start=1):
        lines = [f"#### Chain {number}: {inline(root.question) or 'Problem statement'}", ""]
        if root.answer.strip():
            lines.append(inline(root.answer))
            lines.append("")
        children = session.why_children(root.id)
        if children:
            lines.extend(_why_lines(session, children, depth=1))
        else:
            lines.append("_No whys asked yet._")
        chains.append("\n".join(lines))
    return "\n\n".join(chains)


def _why_lines(session: Session, nodes: list[WhyNode], depth: int) -> list[str]:
    lines = []
    indent = "  " * (min(depth, MAX_LIST_NESTING) - 1)
    for node in nodes:
        label = f"**Why {depth}:** {inline(node.question) or '—'}"
        if node.systemic:
            label += " _(systemic cause)_"
        lines.append(f"{indent}- {label}")
        lines.append(f"{indent}  → {inline(node.answer) or '_unanswered_'}")
        if node.evidence.strip():
            lines.append(f"{indent}  _(evidence: {evidence(node.evidence)})_")
        lines.extend(_why_lines(session, session.why_children(node.id), depth + 1))
    return lines


def _factors(session: Session) -> str:
    factors = session.analysis.factors
    if not factors:
        return "_No contributing factors recorded._"
    rows = []
    for factor in factors:
        text = inline(factor.title)
        if factor.description.strip():
            text += "<br>" + inline(factor.description)
        actions = ", ".join(a.id for a in actions_for_factor(session, factor.id))
        rows.append(
            (
                factor.id,
                text,
                factor.category.value,
                factor.gap.value if factor.gap else "—",
                actions or "**none**",
            )
        )
    return table(["#", "Factor", "Category", "Gap", "Actions"], rows)


def _dissent(session: Session) -> str:
    if not session.dissent:
        return "_No dissenting views were recorded._"
    rows = [
        (
            view.id,
            inline(view.view),
            cell(view.holder) if view.holder.strip() else "_anonymous_",
            _about(session, view.about),
            view.status.value,
            cell(view.resolution),
        )
        for view in session.dissent
    ]
    return table(["#", "View", "Held by", "About", "Status", "Resolution"], rows)


ABOUT_CHARS = 60
"""How much of the item a dissenting view is about the document quotes beside its id."""


def _about(session: Session, ref: str) -> str:
    """What a dissenting view is about, readable in the document: the item's id and how its
    text begins ("W3: The replica lagged…"). A bare "why:W3" named nothing the document shows:
    its whys are numbered by depth, not by id."""
    text = " ".join(item_text(session, ref).split())
    item_id = ref.partition(":")[2]
    if not (text and item_id):
        return cell(ref)
    if len(text) > ABOUT_CHARS:
        text = text[: ABOUT_CHARS - 1].rstrip() + "…"
    return cell(f"{item_id}: {text}")


def _actions(session: Session) -> str:
    if not session.actions:
        return "_No action items yet._"
    rows = [
        (
            action.id,
            inline(action.title),
            cell(action.owner),
            _day(action.due),
            action.priority.value,
            action.type.value,
            action.impact.value if action.impact else "—",
            action.effort.value if action.effort else "—",
            cell(action.ticket),
            action.status.value,
            ", ".join(action.factors) or "—",
        )
        for action in session.actions
    ]
    headers = ["#", "Action", "Owner", "Due", "Priority", "Type", "Impact", "Effort", "Ticket"]
    return table([*headers, "Status", "Factors"], rows)


def _lessons(session: Session) -> str:
    analysis = session.analysis
    parts = []
    if analysis.key_learnings.strip():
        parts.append(paragraphs(analysis.key_learnings))
    parts.append(bullets(analysis.lessons))
    return "\n\n".join(parts)


def _parking(session: Session) -> str:
    items = session.analysis.parking_lot
    if not items:
        return "_Nothing was parked._"
    return "\n".join(f"- {inline(item.text)} ({item.status.value})" for item in items)


def _meeting(session: Session, agenda: Agenda | None) -> str:
    meeting = session.meeting
    lines = [
        f"- **Date:** {_day(meeting.date)}",
        f"- **Mode:** {meeting.mode.value}",
        f"- **Agenda:** {cell(agenda.title if agenda else meeting.agenda)}",
        f"- **Facilitator:** {cell(meeting.facilitator)}",
        f"- **Scribe:** {cell(meeting.scribe)}",
        f"- **Follow-up review:** {_day(meeting.follow_up)}",
    ]
    people = [
        f"  - {inline(p.name)}" + (f" ({inline(p.role)})" if p.role.strip() else "")
        for p in meeting.participants
    ]
    lines.append("- **Participants:**" + ("" if people else " —"))
    lines.extend(people)
    record = _phase_table(session, agenda)
    return "\n".join(lines) + ("\n\n" + record if record else "")


def _review(session: Session) -> str:
    review = session.review
    if not review.reviewers and not review.comments:
        return "_No reviewers listed._"
    parts = []
    if review.reviewers:
        rows = [
            (cell(r.name), cell(r.role), _utc(r.approved) if r.approved else "**pending**")
            for r in review.reviewers
        ]
        parts.append(table(["Reviewer", "Reviews for", "Approved"], rows))
    if review.forced is not None:
        forced = review.forced
        pending = ", ".join(forced.pending) or "nobody"
        parts.append(
            f"**Made final without every approval** by {inline(forced.by)} on "
            f"{_utc(forced.at)} (pending: {inline(pending)}): {inline(forced.reason)}"
        )
    comments = [
        f"- {inline(c.reviewer)}"
        + (f" ({_utc(c.at)})" if c.at else "")
        + f": {inline(c.text)}"
        + (" _(resolved)_" if c.resolved else "")
        for c in review.comments
    ]
    if comments:
        parts.append("**Comments**\n\n" + "\n".join(comments))
    return "\n\n".join(parts)


def _phase_table(session: Session, agenda: Agenda | None) -> str:
    spent = phase_minutes(session)
    if agenda is None and not spent:
        return ""
    rows = []
    keys = [p.key for p in agenda.phases] if agenda else list(spent)
    titles = {p.key: p.title for p in agenda.phases} if agenda else {}
    budgets = {p.key: p.minutes for p in agenda.phases} if agenda else {}
    added = phase_extensions(session)
    for key in keys + [k for k in spent if k not in keys]:
        planned = f"{budgets[key]} min" if key in budgets else "—"
        extended = f"+{added[key]} min" if key in added else "—"
        actual = f"{round(spent[key])} min" if key in spent else "—"
        note = ""
        allowed = budgets.get(key, 0) + added.get(key, 0)
        if key in spent and key in budgets and spent[key] > allowed + 0.5:
            note = f"ran {round(spent[key])} min of {allowed}"
        rows.append((cell(titles.get(key, key)), planned, extended, actual, note or " "))
    return table(["Phase", "Planned", "Extended", "Actual", "Note"], rows)

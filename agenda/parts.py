"""Provides the parts of a session: the incident header, the meeting record, events, whys,
factors, dissent and actions (the review's are in agenda/review_parts.py)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, field_validator

from agenda.fields import ID_PATTERN, Day, StrictModel, UtcDateTime, no_items, zone_of
from agenda.severity import SeverityAnswers
from agenda.vocabulary import (
    ActionStatus,
    ActionType,
    DissentStatus,
    DocumentStatus,
    EventKind,
    EventSource,
    FactorCategory,
    FactorGap,
    Level,
    MeetingMode,
    ParkingStatus,
    Priority,
    QuestionStyle,
    Severity,
    SourceKind,
)

MAX_GAP_MINUTES = 24 * 60
"""The longest gap threshold a meeting may set, in minutes."""


class Impact(StrictModel):
    """What the incident cost its users and the business."""

    users: str = ""
    """Users affected: how many, which features, which regions."""
    duration: str = ""
    """How long users were affected, as the document should say it ("about 40 minutes")."""
    revenue: str = ""
    """Revenue impact, if it can be quantified."""
    error_budget: str = ""
    """Error budget consumed, e.g. "38% of the monthly budget"."""
    sla_breached: bool | None = None
    """Whether an SLA was breached; unset when nobody knows yet."""


class KeyTimes(StrictModel):
    """The incident's key moments, all in UTC."""

    impact_start: UtcDateTime | None = None
    """When users were first affected."""
    detected: UtcDateTime | None = None
    """When the first signal reached a person or an alert fired."""
    acknowledged: UtcDateTime | None = None
    """When a responder acknowledged the incident."""
    mitigated: UtcDateTime | None = None
    """When user impact stopped growing."""
    resolved: UtcDateTime | None = None
    """When the incident was declared resolved."""


# ---- key times marked on events (schema 2) ----------------------------------------------------


class KeyEvents(StrictModel):
    """Which timeline event marks each key moment, by id. A key time marked here takes its
    event's time (``incident.times`` follows the event); one with no event keeps its own time
    in ``incident.times``."""

    impact_start: str = ""
    """The event at which users were first affected."""
    detected: str = ""
    """The event at which the incident was detected."""
    acknowledged: str = ""
    """The event at which a responder acknowledged it."""
    mitigated: str = ""
    """The event at which user impact stopped growing."""
    resolved: str = ""
    """The event at which the incident was declared resolved."""


class Incident(StrictModel):
    """The incident header: what happened, how bad, and when."""

    id: str = ""
    """The incident's own identifier, e.g. "INC-2024-0115"."""
    title: str = "Untitled incident"
    """A short title for the incident."""
    severity: Severity = Severity.SEV3
    """SEV1 (worst) to SEV4."""
    status: DocumentStatus = DocumentStatus.DRAFT
    """Draft, in review or final."""
    services: list[str] = Field(default_factory=no_items)
    """Services affected."""
    tags: list[str] = Field(default_factory=no_items)
    """Free tags for the postmortem database (database, cache, deployment…)."""
    summary: str = ""
    """Two or three sentences: what happened, the impact, and how long it lasted."""
    impact: Impact = Field(default_factory=Impact)
    """What the incident cost."""
    trigger: str = ""
    """What triggered the incident (the proximate cause)."""
    detection: str = ""
    """How the incident was detected."""
    resolution: str = ""
    """What resolved the incident."""
    times: KeyTimes = Field(default_factory=KeyTimes)
    """The key moments, from which time to detect etc. are computed."""

    # ---- issue #11: the incident's day, the readers' zone, key events, severity questions ----
    date: Day | None = None
    """The day the incident began: a time typed or imported without a date is on it."""
    time_zone: str = ""
    """The IANA zone (e.g. "Europe/Berlin") the document shows times in; empty for UTC. Times
    are always stored in UTC."""
    key_events: KeyEvents = Field(default_factory=KeyEvents)
    """Which event marks each key moment."""
    severity_answers: SeverityAnswers = Field(default_factory=SeverityAnswers)
    """The six impact questions; the worst answer implies a severity."""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value and zone_of(value) is None:
            raise ValueError(
                f"{value!r} is not a time zone: use an IANA name like Europe/Berlin, or UTC"
            )
        return value


class Participant(StrictModel):
    """Someone in the meeting."""

    name: str = Field(min_length=1)
    """How the person is called in the room, e.g. "Alice" or "@alice"."""
    role: str = ""
    """Their role: incident commander, on-call, scribe, stakeholder…"""
    # -- issue 13 (voices): who has been heard ------------------------------------------------
    spoke: int = Field(default=0, ge=0, le=10**6)
    """How many times the facilitator tapped "spoke" for them: the quiet ones get asked."""


class PhaseRecord(StrictModel):
    """One stretch of time the meeting spent in a phase (a phase revisited gets another)."""

    phase: str = Field(min_length=1)
    """The key of the agenda phase."""
    started: UtcDateTime
    """When the stretch began."""
    ended: UtcDateTime | None = None
    """When it ended; unset while the phase is running."""
    paused_seconds: int = Field(default=0, ge=0, le=10**9)
    """Seconds the clock was paused during the stretch; they do not count as time spent."""
    paused_since: UtcDateTime | None = None
    """When the clock was paused, while it still is; kept so that a reopened session resumes
    with the pause intact."""
    # -- issue 13 (timekeeper): the room chose to run longer ----------------------------------
    extended_minutes: int = Field(default=0, ge=0, le=24 * 60)
    """Minutes the room added to the phase's time box during this stretch ("+5 minutes")."""

    def active_seconds(self, now: datetime) -> float:
        """Seconds spent in the stretch up to ``now``, pauses excluded."""
        end = self.ended or now
        seconds = (end - self.started).total_seconds() - self.paused_seconds
        if self.ended is None and self.paused_since is not None:
            seconds -= (now - self.paused_since).total_seconds()
        return max(0.0, seconds)


class Meeting(StrictModel):
    """The postmortem meeting (or the async write-up) itself."""

    date: Day | None = None
    """The day the meeting took place."""
    facilitator: str = ""
    """Who runs the meeting; ideally a neutral party, not the IC or on-call."""
    scribe: str = ""
    """Who takes notes."""
    participants: list[Participant] = Field(default_factory=no_items)
    """Everyone in the room, with their roles."""
    mode: MeetingMode = MeetingMode.LIVE
    """Live meeting on the clock, or async write-up."""
    agenda: str = "default"
    """The agenda used: a built-in name or a path to an agenda file."""
    gap_threshold_minutes: int = Field(default=10, ge=1, le=MAX_GAP_MINUTES)
    """A timeline gap longer than this inside the impact window is flagged."""
    phases: list[PhaseRecord] = Field(default_factory=no_items)
    """When each phase actually ran, in order."""
    follow_up: Day | None = None
    """When the action items will be reviewed."""
    checklist: list[str] = Field(default_factory=no_items)
    """The anti-pattern checklist questions ticked by hand at closing (e.g. "shared")."""


class SourceRef(StrictModel):
    """One record an event was imported from, and the way back to it."""

    kind: SourceKind
    """The kind of source: slack, pagerduty, git…"""
    ref: str = ""
    """The way back: a message's channel and ts, a log entry id, an alert fingerprint, a commit
    sha, a deployment id, or FILE:LINE for text."""
    who: str = ""
    """Who this source names, when it differs from the event's."""
    at: UtcDateTime | None = None
    """The time this source gives, when it differs from the event's."""
    text: str = ""
    """What this source says, when it differs from the event's description."""


class Event(StrictModel):
    """One entry of the timeline."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable id, e.g. "E12"."""
    at: UtcDateTime
    """When it happened, in UTC."""
    description: str = Field(min_length=1)
    """What happened, factually and without judgement."""
    source: EventSource = EventSource.HUMAN
    """Where it was observed."""
    kind: EventKind = EventKind.EVENT
    """Event, decision, observation or action."""
    known: str = ""
    """For a decision: what the people involved knew then (metrics, alerts, runbooks)."""

    # ---- written only when set (storage leaves them out otherwise): imported events ----
    who: str = ""
    """Who did or said it, as the source names them (a chat author, a paging agent)."""
    approximate: bool = False
    """The time is approximate ("about 14:30", "23:00-ish")."""
    sources: list[SourceRef] = Field(default_factory=no_items)
    """Where an imported event came from: every source that recorded this moment."""


class WhyNode(StrictModel):
    """One step of a 5 Whys chain; the forest is kept flat with parent links."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable id, e.g. "W4"."""
    parent: str = ""
    """The id of the node this one answers further; empty for a chain's problem statement."""
    question: str = ""
    """The question asked ("Why did checkout fail?"); for a root, the problem statement."""
    answer: str = ""
    """The answer the room agreed on."""
    evidence: str = ""
    """What supports the answer: a graph, a log line, a PR."""
    systemic: bool = False
    """Marked as a systemic cause."""


class Factor(StrictModel):
    """A contributing factor: one of the conditions that together allowed the incident."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable id, e.g. "F2"."""
    title: str = Field(min_length=1)
    """The factor, stated about the system, not a person."""
    category: FactorCategory = FactorCategory.TECHNICAL
    """Technical, process, communication, human or external."""
    gap: FactorGap | None = None
    """The gap it represents: testing, monitoring, process, documentation, training, code."""
    description: str = ""
    """Detail and evidence."""
    why: str = ""
    """The id of the why node it was promoted from, if any."""


class ParkingItem(StrictModel):
    """A tangent parked to keep the meeting on time."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable id, e.g. "P1"."""
    text: str = Field(min_length=1)
    """The tangent, in a line."""
    status: ParkingStatus = ParkingStatus.OPEN
    """Open, acknowledged at closing, or carried forward."""


class Analysis(StrictModel):
    """What failed, why, and what we learned."""

    whys: list[WhyNode] = Field(default_factory=no_items)
    """The 5 Whys forest, flattened; children follow their parent's id."""
    factors: list[Factor] = Field(default_factory=no_items)
    """Contributing factors."""
    went_well: list[str] = Field(default_factory=no_items)
    """What went well."""
    went_poorly: list[str] = Field(default_factory=no_items)
    """What went poorly."""
    lucky: list[str] = Field(default_factory=no_items)
    """Where we got lucky: near-misses that could have made it worse."""
    lessons: list[str] = Field(default_factory=no_items)
    """What we know now that we did not know before."""
    key_learnings: str = ""
    """The closing summary of key learnings."""
    parking_lot: list[ParkingItem] = Field(default_factory=no_items)
    """Tangents parked during the meeting."""
    question_style: QuestionStyle = QuestionStyle.WHY
    """Whether the chains ask "why" or "how / what"."""


class Dissent(StrictModel):
    """A dissenting view, recorded rather than talked over."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable id, e.g. "D1"."""
    view: str = Field(min_length=1)
    """The view, in the holder's words."""
    holder: str = ""
    """Who holds it; empty when anonymous."""
    about: str = ""
    """What it is about: an item reference like "factor:F2", or empty for the whole analysis."""
    status: DissentStatus = DissentStatus.OPEN
    """Open, acknowledged or resolved."""
    resolution: str = ""
    """How it was resolved, or why it stays recorded."""


class Action(StrictModel):
    """An action item: one owner, one date, tied to what it fixes."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable id, e.g. "A3"."""
    title: str = Field(min_length=1)
    """Specific and checkable: "Reduce error-rate alert for: from 10m to 3m"."""
    owner: str = ""
    """One person (not a team)."""
    due: Day | None = None
    """When it is due."""
    priority: Priority = Priority.P2
    """P0 (most urgent) to P3."""
    type: ActionType = ActionType.PREVENT
    """Prevent, detect, mitigate or process."""
    ticket: str = ""
    """The tracker ticket: a key like ENG-1234 or a URL."""
    status: ActionStatus = ActionStatus.OPEN
    """Open, in progress, done or won't do."""
    factors: list[str] = Field(default_factory=no_items)
    """Ids of the contributing factors this action addresses."""
    impact: Level | None = None
    """Expected impact, for the impact × effort matrix."""
    effort: Level | None = None
    """Expected effort, for the impact × effort matrix."""
    confirmed: bool = False
    """The owner confirmed it aloud at closing."""


# ---- the session ------------------------------------------------------------------------------

"""Provides the closed vocabularies of a session: severities, statuses, kinds, priorities."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How bad the incident was; SEV1 is the worst."""

    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"


class DocumentStatus(StrEnum):
    """Where the postmortem document is in its review flow."""

    DRAFT = "draft"
    IN_REVIEW = "in review"
    FINAL = "final"


class MeetingMode(StrEnum):
    """A live meeting runs on the clock; an async write-up has no clock."""

    LIVE = "live"
    ASYNC = "async"


class EventSource(StrEnum):
    """Where a timeline event was observed."""

    ALERT = "alert"
    DEPLOY = "deploy"
    CHAT = "chat"
    COMMAND = "command"
    HUMAN = "human"
    METRIC = "metric"
    LOG = "log"
    TICKET = "ticket"
    OTHER = "other"


class EventKind(StrEnum):
    """What sort of timeline entry this is."""

    EVENT = "event"
    DECISION = "decision"
    OBSERVATION = "observation"
    ACTION = "action"


class KeyTime(StrEnum):
    """The incident's key moments, from which the response metrics are computed."""

    IMPACT_START = "impact_start"
    DETECTED = "detected"
    ACKNOWLEDGED = "acknowledged"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class FactorCategory(StrEnum):
    """Contributing-factor categories (002_73995bcd30ed75d8.txt, "Factor Categories Table")."""

    TECHNICAL = "technical"
    PROCESS = "process"
    COMMUNICATION = "communication"
    HUMAN = "human"
    EXTERNAL = "external"


class FactorGap(StrEnum):
    """The kind of gap a factor represents (001_7e5ac253e3df0ccb.txt, "Contributing Factors")."""

    TESTING = "testing"
    MONITORING = "monitoring"
    PROCESS = "process"
    DOCUMENTATION = "documentation"
    TRAINING = "training"
    CODE = "code"


class DissentStatus(StrEnum):
    """Whether a dissenting view is still open."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CARRIED_FORWARD = "carried forward"
    RESOLVED = "resolved"


class ParkingStatus(StrEnum):
    """What happened to a parked tangent at closing."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CARRIED_FORWARD = "carried forward"


class QuestionStyle(StrEnum):
    """How the 5 Whys asks: "why", or "how" and "what", which invite less blame."""

    WHY = "why"
    HOW = "how"


class Priority(StrEnum):
    """Action priority; P0 is the most urgent."""

    P0 = "P0"
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"


class ActionType(StrEnum):
    """Google SRE action categories (001_7e5ac253e3df0ccb.txt)."""

    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"
    PROCESS = "process"


class ActionStatus(StrEnum):
    """Where an action item stands."""

    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    WONT_DO = "won't do"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Level(StrEnum):
    """Low / medium / high, for an action's impact and effort (002_73995bcd30ed75d8.txt)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


# ---- timeline import (agenda/sources) ---------------------------------------------------------


class SourceKind(StrEnum):
    """The kinds of file a timeline is imported from (`facilitator import-timeline --from`)."""

    TEXT = "text"
    """A published or pasted timeline: an incident doc, a wiki page, a chat paste."""
    SLACK = "slack"
    PAGERDUTY = "pagerduty"
    ALERTMANAGER = "alertmanager"
    OPSGENIE = "opsgenie"
    GIT = "git"
    GITHUB = "github"
    CSV = "csv"
    BASH = "bash"
    ZSH = "zsh"

    @property
    def ref_is_identity(self) -> bool:
        """Whether a reference names one record for good (a log entry id, a commit sha), so a
        second import of it is the same record; text, CSV and shell history refer by line, and
        lines move when a file is edited or a history is trimmed."""
        return self not in (
            SourceKind.TEXT,
            SourceKind.CSV,
            SourceKind.BASH,
            SourceKind.ZSH,
        )


class Pane(StrEnum):
    """The pane of the app a phase works in (agenda.agendas gives it too: phases name it)."""

    OPENING = "opening"
    TIMELINE = "timeline"
    ANALYSIS = "analysis"
    ACTIONS = "actions"
    CLOSING = "closing"

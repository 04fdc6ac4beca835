"""Provides severity from impact: six questions about what users lost, each answer implying a
severity, the worst answer winning."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from agenda.fields import StrictModel
from agenda.vocabulary import Severity


class CoreFlow(StrEnum):
    """Was a core user flow (sign-in, checkout, the main page or API) affected?"""

    DOWN = "down"
    DEGRADED = "degraded"
    SECONDARY = "secondary feature only"
    NONE = "not affected"


class UserShare(StrEnum):
    """What share of users was affected?"""

    MOST = "most (over 50%)"
    MANY = "many (10-50%)"
    SOME = "some (1-10%)"
    FEW = "few (under 1%)"


class DataIntegrity(StrEnum):
    """Was data lost, corrupted or exposed?"""

    LOST = "lost, corrupted or exposed"
    RECOVERED = "corrupted, since recovered"
    DELAYED = "delayed or stale"
    INTACT = "intact"


class Workaround(StrEnum):
    """Could users get around it?"""

    NONE = "none"
    HARD = "hard (support had to help)"
    EASY = "easy (retry, another path)"


class ImpactDuration(StrEnum):
    """How long were users affected?"""

    OVER_4H = "over 4 hours"
    HOURS = "1 to 4 hours"
    UNDER_1H = "under an hour"


class Revenue(StrEnum):
    """Was revenue lost, or credits owed?"""

    MAJOR = "major (SLA credits, contracts)"
    MEASURABLE = "measurable"
    MINOR = "minor"
    NONE = "none"


class SeverityAnswers(StrictModel):
    """The answers to the six impact questions; an unanswered question implies nothing."""

    core_flow: CoreFlow | None = None
    """Was a core user flow affected?"""
    users: UserShare | None = None
    """What share of users was affected?"""
    data: DataIntegrity | None = None
    """Was data lost, corrupted or exposed?"""
    workaround: Workaround | None = None
    """Could users get around it?"""
    duration: ImpactDuration | None = None
    """How long were users affected?"""
    revenue: Revenue | None = None
    """Was revenue lost, or credits owed?"""


@dataclass(frozen=True)
class Question:
    """One of the six questions: its field, its wording, and what each answer implies."""

    field: str
    text: str
    implies: dict[StrEnum, Severity]

    @property
    def answers(self) -> list[StrEnum]:
        """The answers, worst first."""
        return list(self.implies)


_S1, _S2, _S3, _S4 = Severity.SEV1, Severity.SEV2, Severity.SEV3, Severity.SEV4

QUESTIONS: tuple[Question, ...] = (
    Question(
        "core_flow",
        "Was a core user flow (sign-in, checkout, the main page or API) affected?",
        {CoreFlow.DOWN: _S1, CoreFlow.DEGRADED: _S2, CoreFlow.SECONDARY: _S3, CoreFlow.NONE: _S4},
    ),
    Question(
        "users",
        "What share of users was affected?",
        {UserShare.MOST: _S1, UserShare.MANY: _S2, UserShare.SOME: _S3, UserShare.FEW: _S4},
    ),
    Question(
        "data",
        "Was data lost, corrupted or exposed?",
        {
            DataIntegrity.LOST: _S1,
            DataIntegrity.RECOVERED: _S2,
            DataIntegrity.DELAYED: _S3,
            DataIntegrity.INTACT: _S4,
        },
    ),
    Question(
        "workaround",
        "Could users get around it?",
        {Workaround.NONE: _S2, Workaround.HARD: _S3, Workaround.EASY: _S4},
    ),
    Question(
        "duration",
        "How long were users affected?",
        {ImpactDuration.OVER_4H: _S2, ImpactDuration.HOURS: _S3, ImpactDuration.UNDER_1H: _S4},
    ),
    Question(
        "revenue",
        "Was revenue lost, or credits owed?",
        {Revenue.MAJOR: _S1, Revenue.MEASURABLE: _S2, Revenue.MINOR: _S3, Revenue.NONE: _S4},
    ),
)
"""The six questions, in the order they are asked."""


def implied_severity(answers: SeverityAnswers) -> Severity | None:
    """The severity the answers imply: the worst any answer implies; None with no answers."""
    implied = [
        question.implies[answer]
        for question in QUESTIONS
        if (answer := getattr(answers, question.field)) is not None
    ]
    return min(implied, key=_rank) if implied else None


def because(answers: SeverityAnswers) -> list[str]:
    """The answers that imply the worst severity, as "question: answer" lines."""
    worst = implied_severity(answers)
    return [
        f"{question.text} {answer.value}"
        for question in QUESTIONS
        if (answer := getattr(answers, question.field)) is not None
        and question.implies[answer] is worst
    ]


def _rank(severity: Severity) -> int:
    return list(Severity).index(severity)


def less_severe(recorded: Severity, implied: Severity) -> bool:
    """Whether the recorded severity is lower (a higher SEV number) than the one implied."""
    return _rank(recorded) > _rank(implied)

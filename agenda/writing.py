"""Provides solo mode's prompts: for a postmortem written alone (async), what a reader needs
from each section instead of what to say to a room. Drawn from the reference templates: the
document structure of 001_7e5ac253e3df0ccb.txt, the quick postmortem of 003_6172d2bd334e54d9.txt
and the template and language guide of 000_1613f4bff7870ff6.txt."""

from __future__ import annotations

from agenda.agendas import Pane, Phase
from agenda.model import MeetingMode, Session

WRITER_PROMPTS: dict[Pane, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Pane.OPENING: (
        (
            "A reader decides in the header whether to read on: title, date, severity, "
            "services, and who wrote it.",
            "The summary is two or three sentences: what happened, the user impact, and how "
            "long it lasted.",
            "Impact in numbers a reader can compare: users or requests affected, for how long, "
            "error budget, revenue, whether an SLA was breached.",
            "Trigger, detection and resolution: what set it off, how it was found, what ended it.",
        ),
        (
            "Could someone outside the team say from the summary alone what broke and for whom?",
            "Does the severity match the impact? Answer the six impact questions.",
            "Who will review it before it is final?",
        ),
    ),
    Pane.TIMELINE: (
        (
            "The timeline is the spine: minute by minute, in UTC, from the first signal to full "
            "resolution.",
            "Write facts, not judgement: 'At 14:12, available metrics showed…', not 'the "
            "engineer failed to…'.",
            "Mark the key times (k): impact start, detected, acknowledged, mitigated, resolved.",
        ),
        (
            "For each decision, what did the people involved know then: which metrics, alerts, "
            "runbooks?",
            "What happened during each gap? Chat, paging and deploy logs can fill it (v to paste).",
            "Could detection have been faster? The time to detect is in the line above.",
        ),
    ),
    Pane.ANALYSIS: (
        (
            "Several contributing factors, not a single root cause: what made the system "
            "vulnerable, stated about the system, not a person.",
            "Each why needs its evidence: a graph, a log line, a PR.",
            "Say what went well, what went poorly, and where we got lucky.",
        ),
        (
            "If a chain stops at a person, what made that the most likely action given what "
            "they knew?",
            "Which factor would have stopped this incident on its own? Which made it worse?",
            "Who else saw it differently? Record their view rather than leave it out.",
        ),
    ),
    Pane.ACTIONS: (
        (
            "Every action has one owner, a due date and a ticket: untracked actions are "
            "rarely done.",
            "Specific and checkable: 'Add an alert on lock wait over 5 minutes', not 'improve "
            "monitoring'.",
            "Tie each action to the factor it addresses; a factor with no action is a risk "
            "accepted.",
        ),
        (
            "Is there an action to prevent, one to detect sooner and one to mitigate faster?",
            "Has each owner agreed to the action and its date?",
        ),
    ),
    Pane.CLOSING: (
        (
            "Lessons learned: what do we know now that we did not know before?",
            "Send the document for review; it becomes final once the reviewers approve.",
        ),
        (
            "Is every dissenting view recorded, with how it was resolved or why it stands?",
            "When will the action items be reviewed?",
        ),
    ),
}
"""What a writer working alone needs from each section: (say, ask) as the prompt panel shows
them, keyed by the pane that edits the section."""


def prompts_for(session: Session, phase: Phase) -> Phase:
    """The phase as the prompt panel should show it: the meeting's prompts in a live session,
    the writer's in an async one (same phase otherwise)."""
    if session.meeting.mode is not MeetingMode.ASYNC:
        return phase
    say, ask = WRITER_PROMPTS[phase.pane]
    return phase.model_copy(update={"say": say, "ask": ask})

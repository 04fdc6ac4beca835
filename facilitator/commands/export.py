"""Provides `facilitator export FILE`: the Markdown document, or the action items for a tracker."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from agenda.agendas import resolve_agenda
from agenda.checks.secrets import redact_session
from agenda.errors import StorageError
from agenda.export import to_markdown
from agenda.model import Session
from agenda.publish import describe_secrets, secrets_in
from agenda.safety import write_document
from agenda.storage import load_session
from agenda.trackers import TrackerFormat, render, tracker_actions
from agenda.visible import visible
from facilitator.commands.common import EXIT_OK, Parser, fail, say

MARKDOWN = "markdown"


def _parser() -> Parser:
    parser = Parser(
        prog="facilitator export",
        description="Export a session as a Markdown document, or its action items for an issue "
        "tracker: jira-csv (for Jira's CSV importer; set its date format to yyyy-MM-dd), "
        "github-json (an array of create-issue request bodies) or gh-script (a shell script of "
        "`gh issue create` calls). Tracker formats take the open actions without a ticket.",
    )
    parser.add_argument("file", type=Path, help="the session file")
    parser.add_argument(
        "--format", choices=[MARKDOWN, *(f.value for f in TrackerFormat)], default=MARKDOWN
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument(
        "--all",
        action="store_true",
        help="tracker formats: every action, also those done or with a ticket already",
    )
    parser.add_argument(
        "--link",
        metavar="URL",
        help="tracker formats: the postmortem's address, written in each issue "
        "(default: the session file's path)",
    )
    secrets = parser.add_mutually_exclusive_group()
    secrets.add_argument(
        "--redact",
        action="store_true",
        help="replace each detected secret by [REDACTED] in the output (session untouched)",
    )
    secrets.add_argument(
        "--allow-secrets", action="store_true", help="export even though secrets were detected"
    )
    return parser


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        session = load_session(args.file)
    except StorageError as error:
        return fail(visible(error.message))
    found = secrets_in(session)
    if found and args.redact:
        session = redact_session(session)
    elif found and not args.allow_secrets:
        return fail(
            visible(
                f"{args.file}: not exported: {describe_secrets(found)} — remove it, or export "
                "with --redact (or --allow-secrets)"
            )
        )
    if args.format == MARKDOWN:
        document = _markdown(session, args.file)
    else:
        actions = tracker_actions(session, include_all=args.all)
        if not actions:
            wanted = "action" if args.all else "open action without a ticket"
            hint = "" if args.all else " (--all exports every action)"
            say(f"{args.file}: no {wanted} to export{hint}")
        link = args.link if args.link is not None else str(args.file)
        document = render(TrackerFormat(args.format), session, actions, link)
    return _write(document, args.output, args.file)


def _markdown(session: Session, path: Path) -> str:
    try:
        agenda = resolve_agenda(session.meeting.agenda, path)
    except StorageError:
        agenda = None
    return to_markdown(session, agenda)


def _write(document: str, output: Path | None, source: Path) -> int:
    if output is None:
        # The same bytes as -o: control characters from the session made visible, so that
        # neither a terminal nor a pipe into `less -R` or `cat` ever receives them raw.
        sys.stdout.write(visible(document, keep="\n\t"))
        return EXIT_OK
    try:
        write_document(document, output, source)
    except StorageError as error:
        return fail(error.message)
    say(f"Wrote {output}")
    return EXIT_OK

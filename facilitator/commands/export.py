"""Provides `facilitator export FILE`: the Markdown document, to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from agenda.agendas import resolve_agenda
from agenda.checks.secrets import redact_session
from agenda.errors import StorageError
from agenda.export import to_markdown
from agenda.publish import describe_secrets, secrets_in
from agenda.storage import load_session, write_atomic
from facilitator.commands.common import EXIT_OK, fail


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="facilitator export", description="Export a session as a Markdown document."
    )
    parser.add_argument("file", type=Path, help="the session file")
    parser.add_argument("--format", choices=["markdown"], default="markdown")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    secrets = parser.add_mutually_exclusive_group()
    secrets.add_argument(
        "--redact",
        action="store_true",
        help="replace each detected secret by [REDACTED] in the document (session untouched)",
    )
    secrets.add_argument(
        "--allow-secrets", action="store_true", help="export even though secrets were detected"
    )
    args = parser.parse_args(argv)
    try:
        session = load_session(args.file)
    except StorageError as error:
        return fail(error.message)
    try:
        agenda = resolve_agenda(session.meeting.agenda, args.file)
    except StorageError:
        agenda = None
    found = secrets_in(session)
    if found and args.redact:
        session = redact_session(session)
    elif found and not args.allow_secrets:
        return fail(
            f"{args.file}: not exported: {describe_secrets(found)} — remove it, or export "
            "with --redact (or --allow-secrets)"
        )
    document = to_markdown(session, agenda)
    if args.output is None:
        sys.stdout.write(document)
        return EXIT_OK
    if args.output.exists() and args.output.resolve() == args.file.resolve():
        return fail(f"{args.output}: that is the session file itself; choose another output")
    try:
        write_atomic(args.output, document.encode("utf-8"))
    except StorageError as error:
        return fail(error.message)
    print(f"Wrote {args.output}", file=sys.stderr)
    return EXIT_OK

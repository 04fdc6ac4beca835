"""Provides the `facilitator` command: open a session, and the new and export subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from agenda.errors import StorageError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def _fail(message: str) -> int:
    print(f"facilitator: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


# ---- facilitator [FILE] [--demo] ----------------------------------------------------


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run a blameless postmortem in the terminal.",
        epilog="Subcommands: new, export, check, import-timeline. "
        "Run 'facilitator COMMAND --help' for one.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="session file (created if missing)")
    parser.add_argument(
        "--recover",
        action="store_true",
        help="restore the autosave of FILE without asking (when it is newer than the file)",
    )
    parser.add_argument(
        "--ignore-lock",
        action="store_true",
        help="open FILE for editing even though another copy of the app has it open",
    )
    parser.add_argument(
        "--demo",
        nargs="?",
        const="checkout-npe",
        metavar="SAMPLE",
        help="open a fresh copy of a sample session (the sample itself is never modified)",
    )
    return parser


def run_open(argv: Sequence[str]) -> int:
    args = _open_parser().parse_args(argv)
    from facilitator.factory import build_app
    from facilitator.samples import make_demo_copy, sample_names

    note = ""
    if args.demo is not None:
        if args.file is not None:
            return _fail("give either a FILE or --demo, not both")
        try:
            names = sample_names()
        except FileNotFoundError as error:
            return _fail(str(error))
        if args.demo not in names:
            return _fail(f"no sample {args.demo!r}; the samples are: {', '.join(names)}")
        path = make_demo_copy(args.demo)
        note = f"Demo: a fresh copy of the sample, in {path}. The sample itself is never changed."
    elif args.file is None:
        return _fail("give a session FILE to open (it is created if missing), or --demo")
    else:
        path = args.file
    try:
        app = build_app(
            path,
            note=note,
            start_clock=args.demo is not None,
            recover=args.recover,
            ignore_lock=args.ignore_lock,
        )
    except StorageError as error:
        return _fail(error.message)
    try:
        app.run()
    finally:
        if app.return_code and app.dirty:  # it crashed: keep the work where reopening finds it
            app.write_recovery_now()
            print(
                f"facilitator: unsaved changes were kept; open {path} again to restore them",
                file=sys.stderr,
            )
    return app.return_code or EXIT_OK


# ---- facilitator new FILE ---------------------------------------------------------------


def run_new(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="facilitator new", description="Create a new postmortem session file."
    )
    parser.add_argument("file", type=Path, help="the session file to create")
    parser.add_argument("--agenda", default="default", help="built-in agenda name or agenda file")
    parser.add_argument("--title", default="", help="the incident's title")
    parser.add_argument(
        "--async",
        dest="async_mode",
        action="store_true",
        help="a solo write-up with no meeting clock",
    )
    args = parser.parse_args(argv)
    from agenda.agendas import builtin_names
    from agenda.model import MeetingMode
    from agenda.storage import save_session
    from facilitator.factory import new_session, resolve_agenda

    path: Path = args.file
    if path.exists():
        return _fail(f"{path}: already exists; open it with: facilitator {path}")
    mode = MeetingMode.ASYNC if args.async_mode else MeetingMode.LIVE
    title = args.title or path.stem.replace("-", " ").replace("_", " ").strip()
    agenda = args.agenda
    if agenda not in builtin_names():
        # Given relative to here; kept relative to the session's folder, where it is looked for.
        where = Path(agenda).expanduser().absolute()
        agenda = os.path.relpath(where, path.absolute().parent)
    session = new_session(title, agenda=agenda, mode=mode)
    try:
        resolve_agenda(session, path)
        save_session(session, path)
    except StorageError as error:
        return _fail(error.message)
    print(f"Created {path} ({mode.value}, agenda {args.agenda}). Open it with: facilitator {path}")
    return EXIT_OK


# ---- facilitator export FILE -------------------------------------------------------------


def run_export(argv: Sequence[str]) -> int:
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
    from agenda.checks.secrets import redact_session
    from agenda.export import to_markdown
    from agenda.publish import describe_secrets, secrets_in
    from agenda.storage import load_session, write_atomic
    from facilitator.factory import resolve_agenda

    try:
        session = load_session(args.file)
    except StorageError as error:
        return _fail(error.message)
    try:
        agenda = resolve_agenda(session, args.file)
    except StorageError:
        agenda = None
    found = secrets_in(session)
    if found and args.redact:
        session = redact_session(session)
    elif found and not args.allow_secrets:
        return _fail(
            f"{args.file}: not exported: {describe_secrets(found)} — remove it, or export "
            "with --redact (or --allow-secrets)"
        )
    document = to_markdown(session, agenda)
    if args.output is None:
        sys.stdout.write(document)
        return EXIT_OK
    if args.output.exists() and args.output.resolve() == args.file.resolve():
        return _fail(f"{args.output}: that is the session file itself; choose another output")
    try:
        write_atomic(args.output, document.encode("utf-8"))
    except StorageError as error:
        return _fail(error.message)
    print(f"Wrote {args.output}", file=sys.stderr)
    return EXIT_OK


# ---- facilitator import-timeline SESSION TEXTFILE ------------------------------------------


def run_import_timeline(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="facilitator import-timeline",
        description="Append a pasted timeline (one event a line) to a session. Lines that cannot "
        "be read are listed with their numbers; the readable ones are imported.",
    )
    parser.add_argument("session", type=Path, help="the session file")
    parser.add_argument("textfile", type=Path, help="the timeline text, or - for stdin")
    args = parser.parse_args(argv)
    from agenda.storage import load_session, save_session
    from agenda.timeline import (
        add_events,
        incident_day,
        last_event_time,
        new_events,
        parse_timeline_text,
    )

    try:
        session = load_session(args.session)
    except StorageError as error:
        return _fail(error.message)
    try:
        raw = sys.stdin.read() if str(args.textfile) == "-" else args.textfile.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return _fail(f"{args.textfile}: cannot read: {reason}")
    result = parse_timeline_text(raw, day=incident_day(session), previous=last_event_time(session))
    for problem in result.problems:
        print(
            f"{args.textfile}:{problem.line}: {problem.message}: {problem.text.strip()}",
            file=sys.stderr,
        )
    if result.events:
        add_events(new_events(session, result.events)).apply(session)
        try:
            save_session(session, args.session)
        except StorageError as error:
            return _fail(error.message)
    print(
        f"Imported {len(result.events)} event(s) into {args.session}"
        + (f"; {len(result.problems)} line(s) could not be read" if result.problems else ""),
        file=sys.stderr,
    )
    return EXIT_FINDINGS if result.problems else EXIT_OK


# ---- facilitator check FILE... -----------------------------------------------------------------


def run_check(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="facilitator check",
        description="Check postmortems for blameful language, weak action items, missing "
        "analysis, timeline gaps, open dissent and secrets. Exit 0: no error; 1: an error "
        "(with --strict, a warning too); 2: a file could not be read.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    args = parser.parse_args(argv)
    import json
    from datetime import date

    from agenda.checks import Severity, run_checks
    from agenda.storage import load_session
    from facilitator.factory import resolve_agenda

    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    unreadable = failed = False
    report: list[dict[str, str]] = []
    for path in args.files:
        try:
            session = load_session(path)
        except StorageError as error:
            print(f"facilitator: {error.message}", file=sys.stderr)
            unreadable = True
            continue
        try:
            agenda = resolve_agenda(session, path)
        except StorageError:
            agenda = None
        for finding in run_checks(session, today=date.today(), agenda=agenda):
            failed = failed or finding.severity in failing
            if args.format == "json":
                report.append({"file": str(path), **finding.as_dict()})
            else:
                print(
                    f"{path}: {finding.severity.value} {finding.rule} {finding.item}: "
                    f"{finding.message} — {finding.suggestion}"
                )
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    if unreadable:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if failed else EXIT_OK


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": run_check,
    "new": run_new,
    "export": run_export,
    "import-timeline": run_import_timeline,
}


def main(argv: Sequence[str] | None = None) -> int:
    """The `facilitator` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    return run_open(args)

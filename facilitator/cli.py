"""Provides the `facilitator` command: open a session in the app, or run a headless subcommand.

Only opening a session imports the app (and Textual), lazily; the subcommands never do.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from agenda.errors import StorageError
from facilitator.commands.common import EXIT_OK, Parser, fail

COMMANDS: dict[str, str] = {
    "check": "facilitator.commands.check",
    "new": "facilitator.commands.new",
    "export": "facilitator.commands.export",
    "import-timeline": "facilitator.commands.import_timeline",
    "actions": "facilitator.commands.actions",
    "search": "facilitator.commands.search",
    "report": "facilitator.commands.report",
    "review": "facilitator.commands.review",
    "serve": "facilitator.commands.serve",
}
"""Subcommand name → the module whose ``run(argv)`` carries it out."""
EXIT_AT_ONCE = {"check"}
"""Subcommands that, run as the program, end it as soon as their output is written (`_exit`)."""


def _open_parser() -> Parser:
    parser = Parser(
        prog="facilitator",
        description="Run a blameless postmortem in the terminal.",
        epilog=f"Subcommands: {', '.join(COMMANDS)}. Run 'facilitator COMMAND --help' for one.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="session file (created if missing)")
    parser.add_argument(
        "--recover",
        action="store_true",
        help="restore the autosave of FILE without asking (with no terminal: write it to FILE)",
    )
    parser.add_argument(
        "--ignore-lock",
        action="store_true",
        help="open FILE for editing even though another copy of the app has it open",
    )
    parser.add_argument(
        "--follow",
        action="store_true",
        help="a read-only view of FILE that follows the facilitator's saves and autosaves "
        "(takes no lock)",
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
    """`facilitator [FILE] [--demo]`: the app on one session."""
    args = _open_parser().parse_args(argv)
    if args.follow:
        return run_follow(args.file, others=args.demo is not None or args.recover)
    gc.disable()  # no collections while starting: arrival.freeze() sets aside what it made
    from facilitator.factory import build_app

    note = ""
    if args.demo is not None:
        from facilitator.samples import make_demo_copy, sample_names  # the core, at once

        if args.file is not None:
            return fail("give either a FILE or --demo, not both")
        try:
            names = sample_names()
        except FileNotFoundError as error:
            return fail(str(error))
        if args.demo not in names:
            return fail(f"no sample {args.demo!r}; the samples are: {', '.join(names)}")
        if not _has_terminal():
            return fail("the app needs a terminal (on stdin and stderr)")
        path = make_demo_copy(args.demo)
        note = f"Demo: a fresh copy of the sample, in {path}. The sample itself is never changed."
    elif args.file is None:
        return fail("give a session FILE to open (it is created if missing), or --demo")
    else:
        path = args.file
    if args.recover and not _has_terminal():
        from facilitator.commands.recover import recover_headless

        return recover_headless(path)
    if not _has_terminal():
        return _no_terminal(path)
    try:
        app = build_app(
            path,
            note=note,
            start_clock=args.demo is not None,
            recover=args.recover,
            ignore_lock=args.ignore_lock,
        )
    except StorageError as error:
        return fail(error.message)
    try:
        app.run()
    finally:
        if app.loaded:
            app.survival.farewell()  # a crash's work kept for reopening; the lock let go
    if app.load_error is not None:  # opening failed in the worker: the app ended; say why here
        return fail(app.load_error.message)
    return app.return_code or EXIT_OK


def run_follow(path: Path | None, *, others: bool = False) -> int:
    """`facilitator FILE --follow`: the read-only view that follows FILE as it is saved."""
    from agenda.files import exists

    if path is None or others:
        return fail("--follow takes one session FILE, and neither --demo nor --recover")
    try:
        if not exists(path):
            return fail(f"{path}: no such file; --follow shows a session that exists")
    except StorageError as error:
        return fail(error.message)
    if not (_has_terminal() or _served()):
        return _no_terminal(path)
    from facilitator.follow import open_follow

    try:
        app = open_follow(path)
    except StorageError as error:
        return fail(error.message)
    app.run()
    return app.return_code or EXIT_OK


def _served() -> bool:
    """Run by `facilitator serve` for a browser: the terminal is a web page, over a pipe."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def _no_terminal(path: Path) -> int:
    """Textual reads keys from stdin: at its end of file, the app's input thread would spin at
    full CPU until killed. A file that cannot be read still gets its own message first."""
    from agenda.files import exists
    from agenda.storage import load_session

    try:
        if exists(path):
            load_session(path)
    except StorageError as error:
        return fail(error.message)
    return fail(
        f"{path}: the app needs a terminal (on stdin and stderr); in scripts use "
        "'facilitator export' or 'check', or --recover to restore an autosave"
    )


def _has_terminal() -> bool:
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stderr))


def _exit(code: int) -> None:
    """End the process without taking the interpreter down: its modules (pydantic's, the
    checks') would be freed one object at a time, about 10 ms of a CI check that has done its
    work. What was written is flushed first; should that fail (the reader has gone), the
    process ends the usual way, which says so as it always did."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        return
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """The `facilitator` command; ``argv`` None: run as the program, on its arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            command = importlib.import_module(COMMANDS[args[0]])
            code: int = command.run(args[1:])
            if argv is None and args[0] in EXIT_AT_ONCE:
                _exit(code)
            return code
        return run_open(args)
    except BrokenPipeError:  # `facilitator export s.toml | head`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1

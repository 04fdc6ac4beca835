"""Provides `facilitator review FILE`: list reviewers, record approvals and comments, and move
the document draft → in review → final (final only once every reviewer approved, or with a
recorded override, and never while an error-level finding stands)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agenda.errors import StorageError
from agenda.history import Edit
from agenda.model import Session
from agenda.review import (
    ReviewError,
    add_comment,
    add_reviewer,
    approve,
    pending_reviewers,
    remove_reviewer,
    resolve_comment,
)
from agenda.safety import acquire_lock, release_lock
from agenda.status import as_of, change_status
from agenda.storage import load_session, save_session
from agenda.visible import visible, visible_strings
from agenda.vocabulary import DocumentStatus
from facilitator.commands.common import EXIT_OK, Parser, fail


def _parser() -> Parser:
    parser = Parser(
        prog="facilitator review",
        description="Show or change a postmortem's review. Changes apply in this order: "
        "reviewers added and removed, comments, approvals, then the status. The document "
        "becomes final only from 'in review' once every reviewer approved; --force-by and "
        "--reason override that, and the override is recorded in the document. Exit 0; 2 when "
        "the file cannot be read or a step is not allowed (nothing is written then).",
    )
    parser.add_argument("file", type=Path, help="the session file")
    parser.add_argument("--add-reviewer", action="append", default=[], metavar="NAME")
    parser.add_argument("--role", default="", help="what the added reviewer(s) review for")
    parser.add_argument("--remove-reviewer", action="append", default=[], metavar="NAME")
    parser.add_argument("--comment", nargs=2, action="append", default=[], metavar=("NAME", "TEXT"))
    parser.add_argument("--resolve", type=int, action="append", default=[], metavar="N")
    parser.add_argument("--approve", action="append", default=[], metavar="NAME")
    parser.add_argument("--revoke", action="append", default=[], metavar="NAME")
    parser.add_argument("--status", type=_status, help="draft, in-review or final")
    parser.add_argument("--force-by", default="", metavar="NAME", help="who overrides the review")
    parser.add_argument("--reason", default="", help="why the override (recorded)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def _status(text: str) -> DocumentStatus:
    try:
        return DocumentStatus(text.strip().lower().replace("-", " "))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not draft, in-review or final") from None


def _steps(args: argparse.Namespace, now: datetime) -> list[Any]:
    """Each change as a function of the session at that point, in the documented order."""
    steps: list[Any] = []
    steps += [lambda s, n=name: add_reviewer(s, n, args.role) for name in args.add_reviewer]
    steps += [lambda s, n=name: remove_reviewer(s, n) for name in args.remove_reviewer]
    steps += [lambda s, c=pair: add_comment(s, c[0], c[1], now) for pair in args.comment]
    steps += [lambda s, n=number: resolve_comment(s, n) for number in args.resolve]
    steps += [lambda s, n=name: approve(s, n, now) for name in args.approve]
    steps += [lambda s, n=name: approve(s, n, now, approved=False) for name in args.revoke]
    if args.status is not None:
        steps.append(
            lambda s: change_status(
                s,
                args.status,
                today=as_of(s, now.date()),
                at=now,
                force_by=args.force_by,
                reason=args.reason,
            )
        )
    return steps


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if (args.force_by or args.reason) and args.status is not DocumentStatus.FINAL:
        return fail("--force-by and --reason go with --status final")
    steps = _steps(args, datetime.now(UTC).replace(microsecond=0))
    if not steps:
        try:
            session = load_session(args.file)
        except StorageError as error:
            return fail(visible(error.message))
        _show(session, args.format)
        return EXIT_OK
    holder = acquire_lock(args.file)
    if holder is not None:
        return fail(
            visible(f"{args.file}: open in the app by {holder.describe()}; review it there")
        )
    try:
        session = load_session(args.file)
        for step in steps:
            edit: Edit = step(session)
            edit.apply(session)
        save_session(session, args.file)
    except StorageError as error:
        return fail(visible(error.message))
    except ReviewError as error:
        hint = " — or override: --force-by NAME --reason TEXT" if error.can_override else ""
        return fail(visible(f"{args.file}: {error}; nothing was changed{hint}"))
    finally:
        release_lock(args.file)
    _show(session, args.format)
    return EXIT_OK


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _show(session: Session, format_: str) -> None:
    review, pending = session.review, pending_reviewers(session)
    if format_ == "json":
        document = {
            "status": session.incident.status.value,
            "reviewers": [
                {"name": r.name, "role": r.role, "approved": _iso(r.approved)}
                for r in review.reviewers
            ],
            "pending": [r.name for r in pending],
            "comments": [
                {
                    "reviewer": c.reviewer,
                    "text": c.text,
                    "at": _when(c.at) or None,
                    "resolved": c.resolved,
                }
                for c in review.comments
            ],
            "forced": review.forced.model_dump(mode="json") if review.forced else None,
        }
        print(json.dumps(visible_strings(document), indent=2, ensure_ascii=False))
        return
    out = [f"{visible(session.incident.id or 'Postmortem')}: {session.incident.status.value}"]
    for r in review.reviewers:
        state = f"approved {_when(r.approved)}" if r.approved else "pending"
        out.append(
            f"  {visible(r.name)}" + (f" ({visible(r.role)})" if r.role else "") + f": {state}"
        )
    if not review.reviewers:
        out.append("  no reviewers listed (add them with --add-reviewer NAME)")
    for number, c in enumerate(review.comments, start=1):
        mark = " [resolved]" if c.resolved else ""
        out.append(f"  comment {number} by {visible(c.reviewer)}: {visible(c.text)}{mark}")
    if review.forced is not None and session.incident.status is DocumentStatus.FINAL:
        forced = review.forced
        out.append(
            f"  made final by {visible(forced.by)} without every approval: {visible(forced.reason)}"
        )
    elif session.incident.status is DocumentStatus.IN_REVIEW and review.reviewers:
        out.append(
            "  waiting for " + ", ".join(visible(r.name) for r in pending)
            if pending
            else "  every reviewer approved: --status final publishes it"
        )
    print("\n".join(out), file=sys.stdout)

"""`advocacy-bot validate [PATH...]`: every problem of every file, one line each.

Admins run this before committing an edit (and CI runs it on every change), so it reports
all problems in one run, as `path:line:column: message` lines that editors and CI logs turn
into links, and exits 1 when there is anything to fix.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.cli.common import parser
from bot.cli.letters_options import add_address_max_age, warn_stale_addresses
from bot.core.loading import Report, check_content, check_paths
from bot.scheduler.clock import SystemClock


def main(argv: list[str]) -> int:
    p = parser(
        "validate",
        "Check fact and schedule files (default: the --facts and --schedules folders). "
        "A file with a top-level `posts` key is a schedule file, any other a fact file.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="a file or a folder")
    add_address_max_age(p)
    args = p.parse_intermixed_args(argv)
    if args.paths:
        report = check_paths(args.paths, args.facts)
    else:
        report = check_content(args.facts, args.schedules)
    today = SystemClock().now().date()
    warn_stale_addresses(args.paths or [args.facts], today, args.address_max_age)
    if report.problems:
        sys.stdout.writelines(f"{problem}\n" for problem in report.problems)
        files = len({problem.path for problem in report.problems})
        sys.stderr.write(f"{_count(len(report.problems), 'problem')} in {_count(files, 'file')}\n")
        return 1
    sys.stdout.write(f"ok: {summary(report)}\n")
    return 0


def summary(report: Report) -> str:
    """'42 cards in 4 files, 5 posts in 1 file'."""
    return (
        f"{_count(report.cards, 'card')} in {_count(report.fact_files, 'file')}, "
        f"{_count(report.posts, 'post')} in {_count(report.schedule_files, 'file')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"

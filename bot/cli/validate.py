"""`advocacy-bot validate [PATH...]`: every problem of every file, one line each.

Admins run this before committing an edit (and CI runs it on every change), so it reports
all problems in one run, as `path:line:column: message` lines (`path:line:column: warning:
message` for a warning) that editors and CI logs turn into links. It exits 1 when there is
an error; warnings alone exit 0 unless `--strict` counts them as errors.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot.cli.common import parser
from bot.cli.letters_options import add_address_max_age, stale_address_warnings
from bot.core.i18n import bundled
from bot.core.loading import Report, check_content, check_paths
from bot.core.problems import errors


def main(argv: list[str]) -> int:
    p = parser(
        "validate",
        "Check fact and schedule files (default: the --facts and --schedules folders). "
        "A file with a top-level `posts` key is a schedule file, any other a fact file.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="a file or a folder")
    p.add_argument(
        "--require-languages",
        type=_languages,
        default=(),
        metavar="CODES",
        help="e.g. be,ru: every card and subject name missing a translation is a problem",
    )
    p.add_argument("--strict", action="store_true", help="count warnings as errors (exit 1)")
    add_address_max_age(p)
    args = p.parse_intermixed_args(argv)
    today = date.today()  # noqa: DTZ011 - review dates are calendar days where the admin is
    if args.paths:
        report = check_paths(args.paths, args.facts, today=today)
    else:
        report = check_content(args.facts, args.schedules, today=today)
    stale = stale_address_warnings(args.paths or [args.facts], today, args.address_max_age)
    problems = sorted(report.problems + stale)
    if report.coverage is not None and args.require_languages:
        problems = sorted(problems + report.coverage.required(args.require_languages))
    sys.stdout.writelines(f"{problem}\n" for problem in problems)
    found_errors = errors(problems)
    failed = bool(found_errors) or (args.strict and bool(problems))
    if problems:
        files = len({problem.path for problem in problems})
        found = f"{_count(len(problems), 'problem')} in {_count(files, 'file')}"
        if len(found_errors) < len(problems):
            found += f" ({_count(len(problems) - len(found_errors), 'warning')})"
        sys.stderr.write(found + "\n")
    if failed:
        return 1
    sys.stdout.write(f"ok: {summary(report)}\n")
    if report.coverage is not None and report.cards:
        sys.stdout.writelines(f"{line}\n" for line in report.coverage.lines())
    return 0


def _languages(text: str) -> tuple[str, ...]:
    """'be,ru' -> ('be', 'ru'); a code the bot does not speak is a usage error."""
    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    spoken = bundled().languages
    unknown = [c for c in codes if c not in spoken]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown)}: not a language this bot speaks ({', '.join(spoken)})"
        )
    return codes


def summary(report: Report) -> str:
    """'42 cards in 4 files, 5 posts in 1 file'."""
    return (
        f"{_count(report.cards, 'card')} in {_count(report.fact_files, 'file')}, "
        f"{_count(report.posts, 'post')} in {_count(report.schedule_files, 'file')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"

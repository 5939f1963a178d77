"""What every subcommand shares: the --facts and --schedules options, and loading them."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot.core.clock import SystemClock
from bot.core.content import ContentSet
from bot.core.loading import ContentHolder


def parser(prog: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"advocacy-bot {prog}", description=description)
    p.add_argument(
        "--facts", type=Path, default=Path("facts"), metavar="DIR", help="fact files folder"
    )
    p.add_argument(
        "--schedules",
        type=Path,
        default=Path("schedules"),
        metavar="DIR",
        help="schedule files folder",
    )
    return p


def load_or_report(facts: Path, schedules: Path) -> ContentSet | None:
    """The content of the two folders, or None after printing each error to stderr."""
    holder = ContentHolder(facts, schedules)
    problems = holder.load()
    if problems:
        sys.stderr.writelines(f"{problem}\n" for problem in problems)
        return None
    return holder.current


def local_today(content: ContentSet) -> date:
    """Today in the schedules' time zone: the day a preview or a site build means."""
    return SystemClock().now().astimezone(content.zone).date()

"""`--address-max-age`: the letters address check that validate and preview share."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from bot.core.letters import DEFAULT_MAX_AGE
from bot.core.letters_check import stale_addresses
from bot.core.loading import yaml_files
from bot.core.problems import Problem


def _days(text: str) -> timedelta:
    if not text.isdecimal() or not 1 <= int(text) <= 3660:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days from 1 to 3660")
    return timedelta(days=int(text))


def add_address_max_age(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--address-max-age",
        type=_days,
        default=DEFAULT_MAX_AGE,
        metavar="DAYS",
        help="warn about a letters address last checked longer ago than this "
        f"(default {DEFAULT_MAX_AGE.days})",
    )


def stale_address_warnings(paths: Sequence[Path], day: date, max_age: timedelta) -> list[Problem]:
    """A warning per stale letters address in these files and folders; never an error."""
    files = [
        f for p in paths for f in (yaml_files(p) if p.is_dir() else [p] if p.is_file() else [])
    ]
    return stale_addresses(files, day, max_age)


def warn_stale_addresses(
    paths: Sequence[Path], day: date, max_age: timedelta, *, out: TextIO | None = None
) -> int:
    """Print a warning line per stale address in these files and folders; never fatal."""
    warnings = stale_address_warnings(paths, day, max_age)
    (out or sys.stdout).writelines(f"{w}\n" for w in warnings)
    return len(warnings)

"""What every subcommand shares: the --facts and --schedules options."""

from __future__ import annotations

import argparse
from pathlib import Path


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

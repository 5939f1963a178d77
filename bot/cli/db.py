"""`advocacy-bot db upgrade`: bring the database named by ADVOCACY_DB to the newest schema.

The bot also does this at start; the subcommand lets an operator migrate before rolling
out a new version (or check that the database is reachable) without starting the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bot.cli.common import parser as common_parser
from bot.settings import Settings
from bot.store.checks import DatabaseUnavailable


def _parser() -> argparse.ArgumentParser:
    parser = common_parser("db", "Manage the bot's database (ADVOCACY_DB).")
    sub = parser.add_subparsers(dest="action", required=True)
    up = sub.add_parser("upgrade", help="apply every pending schema migration (idempotent)")
    # Accepted after the subcommand too, like every other subcommand; ignored here.
    for option in ("--facts", "--schedules"):
        up.add_argument(option, type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


async def _upgrade(url: str) -> str | None:
    from bot.store.engine import make_engine
    from bot.store.migrate import current_revision, upgrade

    engine = make_engine(url)
    try:
        await upgrade(engine)
        return await current_revision(engine)
    finally:
        await engine.dispose()


def main(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    settings = Settings.from_env(os.environ, facts_dir=args.facts, schedules_dir=args.schedules)
    try:
        revision = asyncio.run(_upgrade(settings.db_url))
    except DatabaseUnavailable as exc:  # one line that names the database already
        sys.stderr.write(f"advocacy-bot db upgrade: {exc}\n")
        return 1
    except Exception as exc:  # noqa: BLE001 - any failure is reported, never a traceback
        sys.stderr.write(f"advocacy-bot db upgrade: {type(exc).__name__}: {exc}\n")
        return 1
    sys.stdout.write(f"database is at revision {revision}\n")
    return 0

"""`advocacy-bot run`: the bot's main job.

Every adapter whose token is set runs; with none set (or with --console) the console
adapter runs on stdin/stdout instead, through the same App: posts already due go out
first, then commands are answered until end of input (exit 0). Ctrl-C and SIGTERM stop
it cleanly in every mode.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import redaction
from bot.cli.common import parser
from bot.core.clock import Clock, ShiftedClock, SystemClock
from bot.core.commands.limits import FIRST_DAY, LAST_DAY, day_problem
from bot.core.loading import ContentHolder
from bot.settings import Settings
from bot.store.instance_lock import AnotherInstanceError

log = logging.getLogger("bot")

# Names the variables, holds no secret.
NO_TOKEN = (
    "advocacy-bot: running the console adapter (commands on stdin); set TELEGRAM_BOT_TOKEN "  # noqa: S105
    "or DISCORD_BOT_TOKEN (or their _FILE variants) to run on Telegram or Discord"
)


def _parse_now(text: str, zone: ZoneInfo) -> datetime:
    try:
        naive = datetime.strptime(text, "%Y-%m-%d %H:%M")  # noqa: DTZ007 - zone applied below
    except ValueError:
        raise SystemExit(
            f'advocacy-bot run: error: --now must look like "2026-12-13 09:00", not {text!r}'
        ) from None
    if not FIRST_DAY <= naive.date() <= LAST_DAY:
        raise SystemExit(f"advocacy-bot run: error: --now: {day_problem(naive.date().isoformat())}")
    return naive.replace(tzinfo=zone)


def _configure_logging(console: bool) -> None:
    # On the console the log shares the screen with the conversation: warnings only.
    logging.basicConfig(
        level=os.environ.get("ADVOCACY_LOG_LEVEL", "WARNING" if console else "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request URL at INFO, and a Bot API URL contains the token.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


async def _serve_stored(settings: Settings, holder: ContentHolder) -> bool:
    from bot.service.last_good import serve_last_good
    from bot.store.sql import open_store

    store = await open_store(settings.db_url)
    try:
        return await serve_last_good(holder, store)
    finally:
        await store.close()


def main(argv: list[str]) -> int:
    p = parser("run", "Run the bot: every adapter whose token is set, else the console.")
    p.add_argument("--console", action="store_true", help="run the console adapter only")
    p.add_argument(
        "--now",
        metavar='"YYYY-MM-DD HH:MM"',
        help="start the clock at this local time in the schedules' time zone (a rehearsal)",
    )
    args = p.parse_args(argv)
    try:
        settings = Settings.from_env(os.environ, facts_dir=args.facts, schedules_dir=args.schedules)
    except (ValueError, OSError) as exc:
        print(f"advocacy-bot run: error: {exc}", file=sys.stderr)  # noqa: T201 - CLI diagnostics
        return 2
    tokens = settings.telegram_token or settings.discord_token
    console = args.console or not tokens
    _configure_logging(console)
    if not tokens:
        print(NO_TOKEN, file=sys.stderr)  # noqa: T201 - the one line a new operator needs
    # For the whole process, at every level: tokens, the webhook secret, the DB password.
    redaction.install(redaction.settings_secrets(settings))
    from bot.app import serve
    from bot.store.checks import DatabaseUnavailable

    holder = ContentHolder(settings.facts_dir, settings.schedules_dir)
    try:
        problems = holder.load()
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)  # noqa: T201 - CLI diagnostics
            # A broken edit must not keep the bot down: serve the last good set it stored
            # (the console keeps its store in ADVOCACY_DB too).
            if not asyncio.run(_serve_stored(settings, holder)):
                sys.stderr.write(
                    "advocacy-bot run: no valid content to serve; fix the files above\n"
                )
                return 1
        zone = holder.current.zone
        clock: Clock = ShiftedClock(_parse_now(args.now, zone)) if args.now else SystemClock()
        return asyncio.run(serve(settings, holder, clock, console=console))
    except KeyboardInterrupt:  # Ctrl-C before the signal handlers were installed
        return 0
    except DatabaseUnavailable as exc:  # unreachable, or a file that is not a database
        print(f"advocacy-bot run: {exc}", file=sys.stderr)  # noqa: T201 - CLI diagnostics
        return 1
    # One line for what an operator can fix: a taken HTTP port, a second instance on one
    # SQLite file.
    except (OSError, AnotherInstanceError) as exc:
        print(f"advocacy-bot run: error: {exc}", file=sys.stderr)  # noqa: T201 - CLI diagnostics
        return 1

"""`advocacy-bot run`: the bot's main job.

With no token set (or with --console) it runs the console adapter on stdin/stdout: posts
already due go out first, then commands are answered until end of input (exit 0).
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
from bot.core.commands.limits import FIRST_DAY, LAST_DAY, day_problem
from bot.core.loading import ContentHolder
from bot.scheduler.clock import Clock, ShiftedClock, SystemClock
from bot.settings import Settings

log = logging.getLogger("bot")


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


async def _run_console(holder: ContentHolder, clock: Clock) -> int:
    from bot.adapters.console.adapter import ConsoleAdapter
    from bot.core.content import ScheduledPost
    from bot.core.messages import Post
    from bot.core.timing import Occurrence
    from bot.scheduler.memory_runner import MemoryRunner
    from bot.service.bot_service import BotService

    console = ConsoleAdapter(sys.stdin, sys.stdout)
    service = BotService(holder, clock)

    async def publish(occ: Occurrence, post: Post) -> None:
        when = occ.local.strftime("%Y-%m-%d %H:%M %Z")
        console.write(f"[scheduled post {post.post_id} for {when}]")
        await console.sender.send("console", post.messages, delivery_key=occ.key)

    def to_console(post: ScheduledPost) -> bool:
        return "console" in post.spec.to

    runner = MemoryRunner(lambda: holder.current, clock, publish, accepts=to_console)
    await console.start(service)
    await runner.catch_up()
    stop = asyncio.Event()
    ticking = asyncio.create_task(runner.run(stop))
    try:
        await console.serve(service)
    finally:
        stop.set()
        await ticking
        await console.stop()
    return 0


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
    settings = Settings.from_env(os.environ, facts_dir=args.facts, schedules_dir=args.schedules)
    console = args.console or not (settings.telegram_token or settings.discord_token)
    # On the console the log shares the screen with the conversation: warnings only.
    logging.basicConfig(
        level=os.environ.get("ADVOCACY_LOG_LEVEL", "WARNING" if console else "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request URL at INFO: noise, and a Bot API URL contains the token.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # For the whole process, at every level: tokens, the webhook secret, the DB password.
    redaction.install(redaction.settings_secrets(settings))
    holder = ContentHolder(settings.facts_dir, settings.schedules_dir)
    problems = holder.load()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)  # noqa: T201 - CLI diagnostics
        # A broken edit must not keep the bot down: serve the last good set it stored.
        if console or not asyncio.run(_serve_stored(settings, holder)):
            sys.stderr.write("advocacy-bot run: no valid content to serve; fix the files above\n")
            return 1
    zone = holder.current.zone
    clock: Clock = ShiftedClock(_parse_now(args.now, zone)) if args.now else SystemClock()
    if console:
        return asyncio.run(_run_console(holder, clock))
    from bot.app import serve_platforms
    from bot.store.checks import DatabaseUnavailable

    try:
        return asyncio.run(serve_platforms(settings, holder, clock))
    except DatabaseUnavailable as exc:
        print(f"advocacy-bot run: {exc}", file=sys.stderr)  # noqa: T201 - CLI diagnostics
        return 1

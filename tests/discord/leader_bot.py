"""A whole bot process for the several-instances test: the real App, store and Discord adapter.

    python tests/discord/leader_bot.py --db URL --facts DIR --schedules DIR
        --api http://127.0.0.1:PORT/api/v10 --gateway ws://127.0.0.1:PORT/gateway

It is `advocacy-bot run` with Discord only, the start-up waits and the leader poll shortened,
and every log line on stderr, where the test reads "following" and "took over". It runs
until SIGTERM or SIGINT (or a SIGKILL from the test).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from bot.adapters.discord.adapter import DiscordOptions
from bot.adapters.supervisor import Backoff
from bot.app import App, AppOptions, platform_adapters
from bot.core.clock import SystemClock
from bot.core.loading import ContentHolder
from bot.settings import Settings
from bot.store.sql import open_store

POLL = 0.2  # seconds between a follower's tries for the leader lock


async def main(args: argparse.Namespace) -> int:
    settings = Settings(
        facts_dir=args.facts,
        schedules_dir=args.schedules,
        db_url=args.db,
        discord_token=args.token,
        discord_api_url=args.api,
        discord_gateway_url=args.gateway,
    )
    holder = ContentHolder(args.facts, args.schedules)
    if holder.load():
        return 2
    clock = SystemClock()
    store = await open_store(settings.db_url, clock=clock)
    options = DiscordOptions(guild_ready_timeout=0.1, ready_timeout=20.0)
    adapters = platform_adapters(settings, discord=options)
    app_options = AppOptions(backoff=Backoff(first=0.2, cap=1.0), leader_poll=POLL)
    app = App(settings, holder, clock, store, adapters, options=app_options)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await app.run_until(stop)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--facts", type=Path, required=True)
    parser.add_argument("--schedules", type=Path, required=True)
    parser.add_argument("--api", required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--token", default="test-token")
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(name)s %(message)s")
    sys.exit(asyncio.run(main(parser.parse_args())))

"""`advocacy-bot preview`: what would be posted on a day, as each platform would show it."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date

from bot.cli.common import load_or_report, local_today, parser
from bot.cli.letters_options import add_address_max_age, warn_stale_addresses
from bot.core.commands.limits import FIRST_DAY, LAST_DAY, day_problem, parse_day
from bot.core.i18n import bundled
from bot.core.messages import Message
from bot.service.preview import posts_of_day

PLATFORMS = ("console", "telegram", "discord")


def render_for(platform: str, msg: Message) -> str:
    if platform == "telegram":
        from bot.adapters.telegram.render import preview_text as telegram_preview

        return telegram_preview(msg)
    if platform == "discord":
        from bot.adapters.discord.render import preview_text as discord_preview
        from bot.adapters.discord.render import render as discord_render

        return discord_preview(discord_render(msg))
    from bot.adapters.console.render import render as console_render

    return console_render(msg)


def _day(text: str) -> date:
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(day_problem(text) or text)
    return day


def main(argv: list[str]) -> int:
    p = parser("preview", "Print the posts that would go out on a day.")
    p.add_argument(
        "--date",
        type=_day,
        metavar="YYYY-MM-DD",
        help=f"default: today; from {FIRST_DAY} to {LAST_DAY}",
    )
    p.add_argument("--platform", choices=PLATFORMS, help="default: all three")
    p.add_argument(
        "--language",
        choices=bundled().languages,
        help="as a chat in this language gets the posts (default: each post's language:)",
    )
    add_address_max_age(p)
    args = p.parse_args(argv)
    content = load_or_report(args.facts, args.schedules)
    if content is None:
        return 1
    day = args.date or local_today(content)
    warn_stale_addresses([args.facts], day, args.address_max_age, out=sys.stderr)
    found = asyncio.run(posts_of_day(content, day, language=args.language))
    out = sys.stdout
    platforms = (args.platform,) if args.platform else PLATFORMS
    if not found:
        out.write(f"Nothing would be posted on {day.isoformat()}.\n")
        return 0
    out.write(f"Posts for {day.isoformat()}: {len(found)}\n")
    for occ, post in found:
        when = occ.local.strftime("%H:%M %Z")
        out.write(f"\n=== {post.post_id} at {when} to {', '.join(post.targets)} ===\n")
        for platform in platforms:
            if len(platforms) > 1:
                out.write(f"\n--- {platform} ---\n")
            for msg in post.messages:
                out.write(render_for(platform, msg) + "\n")
    return 0

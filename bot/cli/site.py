"""`advocacy-bot site`: write the public site (pages, calendar, feeds, data) to a folder."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot.cli.common import load_or_report, local_today, parser
from bot.core.safe_text import safe_url
from bot.site import SiteOptions, build_site, write_site


def _base_url(text: str) -> str:
    url = safe_url(text)
    if url is None:
        raise argparse.ArgumentTypeError(f"not an http(s) address: {text!r}")
    return url if url.endswith("/") else url + "/"


def main(argv: list[str]) -> int:
    p = parser("site", "Write the public site: pages, calendar.ics, feed.atom, cards.json.")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    p.add_argument(
        "--base-url",
        type=_base_url,
        metavar="URL",
        help="the address the folder is served at (for Open Graph, feed and calendar links)",
    )
    p.add_argument(
        "--date", type=date.fromisoformat, metavar="YYYY-MM-DD", help="build as of this day"
    )
    p.add_argument("--feed-days", type=int, default=30, metavar="N", help="days in the feed")
    args = p.parse_args(argv)
    if args.feed_days < 1:
        p.error("--feed-days must be at least 1")
    content = load_or_report(args.facts, args.schedules)
    if content is None:
        return 1
    day = args.date or local_today(content)
    site = build_site(content, SiteOptions(day, args.base_url, args.feed_days))
    try:
        count = write_site(site, args.out)
    except OSError as exc:
        print(f"advocacy-bot site: cannot write {args.out}: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    print(f"Wrote {count} files to {args.out} (as of {day.isoformat()}).")  # noqa: T201
    return 0

"""What the platform benchmarks (bench/telegram.py, bench/discord.py) share: the post they
send, a canned BotApi, percentiles, and writing their section of docs/benchmarks.md.

Imported as `bench.common`, once the script has put the repository root on sys.path.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from bot.core.commands.context import ChatContext
from bot.core.messages import Button, Link, Message, Reply
from bot.service.api import BotApi, CardHit

ROOT = Path(__file__).resolve().parents[1]

POST = Message(
    title="On this day: arrested in Minsk",
    paragraphs=("Ales Bialiatski, founder of Viasna, was detained in Minsk. " * 6,),
    sources=(Link("https://example.org/article", "Viasna, report"),),
    footer="ales-bialiatski/arrest-2021",
    buttons=(Button("More", command="/fact ales-bialiatski/arrest-2021"),),
)


class CannedApi:
    """A BotApi answering every command and card search with POST: the benchmarks measure
    the adapter path, not the service."""

    async def handle(self, name: str, args: str, ctx: ChatContext) -> Reply:
        return Reply((POST,))

    def complete_cards(self, text: str, language: str | None, limit: int = 25) -> list[CardHit]:
        return [CardHit("ales-bialiatski/arrest-2021", "Arrested", "", POST)][:limit]

    def find_cards(
        self, query: str, language: str | None, offset: int, limit: int
    ) -> tuple[list[CardHit], int | None]:
        return self.complete_cards(query, language, limit), None

    async def chat_migrated(self, platform: str, old_chat: str, new_chat: str) -> None:
        return None

    async def chat_removed(self, platform: str, chat: str) -> None:
        return None


def bot_api(kind: str) -> BotApi:
    """`real`: the bot's own service on the bundled facts (what a person's reply costs);
    `canned`: CannedApi, to see the adapter path alone."""
    if kind == "canned":
        return CannedApi()
    from bot.core.clock import SystemClock
    from bot.core.loading import ContentHolder
    from bot.service.bot_service import BotService

    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    if problems := holder.load():
        raise SystemExit("\n".join(str(p) for p in problems))
    return BotService(holder, SystemClock())


def percentile(values: list[float], p: int) -> float:
    """The p-th percentile, interpolated between the closest ranks (p=50: the median)."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def record(section: str) -> Path:
    """Replace this benchmark's section of docs/benchmarks.md (from its heading, the first
    line of `section`, to the next `## `), or add it at the end."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    heading = section.split("\n", 1)[0]
    start = text.find(heading)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("" if end < 0 else "\n" + text[end + 1 :])
    path.write_text(text, encoding="utf-8")
    return path

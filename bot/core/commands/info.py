"""/help and /about: what the bot does, whom it is about and where its facts come from."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.registry import COMMANDS
from bot.core.content import ContentSet
from bot.core.i18n import texts
from bot.core.messages import Item, Message, Reply
from bot.core.search import SearchIndex
from bot.core.wording import subject_name

TOP_SITES = 5


def help_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    """Built from the one command table, so /help never lists a command that does not exist."""
    items = tuple(
        Item(c.usage(), c.description + (" (admins)" if c.admin_only else ""))
        for c in COMMANDS
        if ctx.is_bot_admin or not c.admin_only
    )
    return Reply(
        (
            Message(
                title="What I can do",
                paragraphs=("Sourced facts, anniversaries and reminders. Commands:",),
                items=items,
            ),
        )
    )


def about_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    """Who the cards are about and which sites back them: counted from the cards themselves."""
    t = texts(ctx.language)
    names = sorted(subject_name(s, ctx.language) for s in content.subjects.values())
    whom = t.and_list(names) if names else "the people and cases in its fact files"
    links = {s.url for rec in content.cards for s in rec.sources}
    sites = Counter(_site(url) for url in links)
    paragraphs = [
        f"This bot keeps the record about {whom}: sourced fact cards, with reminders of "
        "anniversaries, birthdays and milestones, so that they are not forgotten.",
        f"It holds {t('cards', count=len(content.cards))}. Every card cites its sources: "
        f"{t('links', count=len(links))} to {t('websites', count=len(sites))}.",
    ]
    if sites:
        paragraphs.append("Open a card with /fact <id> for its own sources. The sites cited most:")
    items = tuple(Item(site, t("links", count=n)) for site, n in sites.most_common(TOP_SITES))
    return Reply((Message(title="About this bot", paragraphs=tuple(paragraphs), items=items),))


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")

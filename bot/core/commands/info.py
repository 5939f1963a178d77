"""/help and /about: what the bot does, whom it is about and where its facts come from."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.registry import COMMANDS, CommandSpec
from bot.core.content import ContentSet
from bot.core.i18n import Texts, texts
from bot.core.messages import Item, Message, Reply
from bot.core.search import SearchIndex
from bot.core.wording import subject_name

TOP_SITES = 5


def help_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    """Built from the one command table, so /help never lists a command that does not exist."""
    t = texts(ctx.language)
    items = []
    for c in COMMANDS:
        if c.admin_only and not ctx.is_bot_admin:
            continue
        description = _description(t, c)
        if c.admin_only:
            description = t("help-admins-only", description=description)
        items.append(Item(c.usage(), description))
    return Reply(
        (Message(title=t("help-title"), paragraphs=(t("help-intro"),), items=tuple(items)),)
    )


def _description(t: Texts, command: CommandSpec) -> str:
    """The command's description from the catalogues (`command-<name>`), where they have
    it, else the command table's English."""
    msg_id = f"command-{command.name}"
    return t(msg_id) if texts(None).has(msg_id) else command.description


def about_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    """Who the cards are about and which sites back them: counted from the cards themselves."""
    t = texts(ctx.language)
    names = sorted(subject_name(s, ctx.language) for s in content.subjects.values())
    links = {s.url for rec in content.cards for s in rec.sources}
    sites = Counter(_site(url) for url in links)
    paragraphs = [
        t("about-record", whom=t.and_list(names)) if names else t("about-record-anyone"),
        t(
            "about-holds",
            cards=t("cards", count=len(content.cards)),
            links=t("links", count=len(links)),
            websites=t("websites", count=len(sites)),
        ),
    ]
    if sites:
        paragraphs.append(t("about-sites"))
    items = tuple(Item(site, t("links", count=n)) for site, n in sites.most_common(TOP_SITES))
    return Reply((Message(title=t("about-title"), paragraphs=tuple(paragraphs), items=items),))


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")

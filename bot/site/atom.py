"""`feed.atom`: the posts the schedule made on the last days up to the build day.

Only the kinds whose words follow from the date alone are in it (on-this-day, birthday,
milestone): what a card rotation showed depends on the running bot's stored rotation,
which a static build does not see. So the feed is the same for the same files and day.
"""

from __future__ import annotations

import calendar as _cal
import uuid
from datetime import date, datetime, time, timedelta

from feedgen.feed import FeedGenerator

from bot.core.content import ContentSet
from bot.core.messages import Message
from bot.core.posts import compose
from bot.core.rotation import MemoryRotationState
from bot.core.safe_text import visible
from bot.core.schedule_files import MilestonePost
from bot.core.timing import Occurrence, occurrences
from bot.site.layout import esc, link
from bot.site.model import SiteOptions, absolute, card_path, feed_path, href, index_path
from bot.site.words import Words

DATED_KINDS = frozenset({"on-this-day", "birthday", "milestone"})
# Entry ids are URNs derived from what the entry is, not from where the site is hosted:
# moving the site to another address must not make every reader show every post again.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/advocacy-bot/feed")


def window(content: ContentSet, first: date, last: date) -> ContentSet:
    """The part of `content` the dated posts can speak of from `first` to `last`.

    Each day's on-this-day post scans every card: a 30-day feed in three languages read
    10,000 cards 90 times. Only these cards can matter: those whose day and month fall in
    the window (a 29 February card with a common year's 28 February), every card tagged
    biography (a birthday post may cite one, see `birth_card`; a card dated on the birth
    date is in the window with the birthday), and the cards milestone posts name, with
    every card sharing such a short id, so a reference resolves (or does not) as before.
    """
    if (last - first).days >= 365:
        return content
    days: set[tuple[int, int]] = set()
    day = first
    while day <= last:
        days.add((day.month, day.day))
        if (day.month, day.day) == (2, 28) and not _cal.isleap(day.year):
            days.add((2, 29))
        day += timedelta(days=1)
    named = {
        ref
        for post in content.posts
        if isinstance(post.spec, MilestonePost)
        for ref in (post.spec.since, post.spec.until)
        if ref
    }
    kept = [
        rec
        for rec in content.cards
        if (rec.date is not None and (rec.date.month, rec.date.day) in days)
        or "biography" in rec.card.tags
        or rec.global_id in named
        or rec.short_id in named
    ]
    return ContentSet.build(kept, content.subjects, list(content.posts))


async def feed_posts(
    content: ContentSet, options: SiteOptions, language: str
) -> list[tuple[Occurrence, Message]]:
    """Every message the dated posts made in the feed's window, oldest first."""
    first = options.day - timedelta(days=options.feed_days - 1)
    content = window(content, first, options.day)
    found: list[tuple[Occurrence, Message]] = []
    rotation = MemoryRotationState()
    for post in content.posts:
        if not post.spec.enabled or post.spec.kind not in DATED_KINDS:
            continue
        start = datetime.combine(first, time(0), tzinfo=post.zone) - timedelta(microseconds=1)
        end = datetime.combine(options.day + timedelta(days=1), time(0), tzinfo=post.zone)
        for occ in occurrences(post, start, end - timedelta(microseconds=1)):
            made = await compose(content, post, occ, rotation, advance=False, language=language)
            if made is not None:
                found.extend((occ, msg) for msg in made.messages)
    found.sort(key=lambda pair: (pair[0].due_utc, pair[0].post_id))
    return found


def _html(msg: Message) -> str:
    parts = [f"<p>{esc(p)}</p>" for p in msg.paragraphs]
    if msg.sources:
        items = "".join(f"<li>{link(s.url, s.title)}</li>" for s in msg.sources)
        parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


async def atom_feed(content: ContentSet, lang: str, options: SiteOptions) -> bytes:
    t = Words(lang)
    posts = await feed_posts(content, options, lang)
    fg = FeedGenerator()
    fg.id(uuid.uuid5(_NAMESPACE, f"feed/{lang}").urn)
    fg.title(visible(f"{t('site-name')}: {t('site-feed-title', count=options.feed_days)}"))
    fg.language(lang)
    fg.author({"name": t("site-name")})
    # Without a base URL links are relative, which readers resolve against the feed's own
    # address (RFC 4287 section 2; feedparser does).
    here = feed_path(lang)
    home = absolute(options, index_path(lang)) or href(here, index_path(lang))
    fg.link(href=home, rel="alternate", type="text/html", hreflang=lang)
    own = absolute(options, here)
    if own is not None:
        fg.link(href=own, rel="self")
    fg.generator("advocacy-bot")
    end_of_day = datetime.combine(options.day, time(23, 59, 59), tzinfo=content.zone)
    fg.updated(max((occ.due_utc for occ, _ in posts), default=end_of_day))
    for index, (occ, msg) in enumerate(posts):
        entry = fg.add_entry(order="append")
        key = f"{lang}/{occ.post_id}/{occ.key}/{msg.card_id or index}"
        entry.id(uuid.uuid5(_NAMESPACE, key).urn)
        entry.title(visible(msg.title or occ.post_id))
        entry.published(occ.due_utc)
        entry.updated(occ.due_utc)
        entry.content(_html(msg), type="html")
        if msg.card_id:
            page = card_path(lang, msg.card_id)
            target = absolute(options, page) or href(here, page)
            entry.link(href=target, rel="alternate", type="text/html")
    return bytes(fg.atom_str(pretty=True))

"""/today and /upcoming: the calendar, read in the chat's "today"."""

from __future__ import annotations

from bot.core.calendar import (
    Anniversary,
    anniversaries,
    birthdays,
    milestone_posts,
    milestones_on,
    said_once,
    upcoming,
)
from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.registry import spec
from bot.core.commands.replies import clip, notice
from bot.core.content import ContentSet
from bot.core.i18n import texts
from bot.core.messages import Button, Item, Message, Reply
from bot.core.posts import anniversary_message, birthday_message, milestone_message
from bot.core.search import SearchIndex
from bot.core.wording import years_since

DEFAULT_DAYS = 30
MAX_DAYS = 366
FULL_CARDS = 3  # more anniversaries than this on one day are listed, not shown in full
MAX_ITEMS = 40  # a longer list would be split into several chat messages


def today_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    day = moment.local.date()
    lang = ctx.language
    t = texts(lang)
    born = birthdays(content, day)
    # One event, one post: a birthday tells its birth card, so the anniversaries skip it.
    told = {b.card.global_id for b in born if b.card is not None}
    found = [a for a in anniversaries(content, day) if a.record.global_id not in told]
    if len(found) <= FULL_CARDS:
        messages = [anniversary_message(a, lang, day=day) for a in found]
    else:
        items = tuple(
            Item(a.record.global_id, clip(f"{years_since(a.years, lang)}: {_title(a, lang)}", 80))
            for a in found
        )
        messages = [
            Message(
                title=t("today-title", date=t.long_date(day)),
                paragraphs=(t("open-one"),),
                items=items[:MAX_ITEMS],
            )
        ]
    messages.extend(birthday_message(b, lang) for b in born)
    for refs in milestone_posts(content, content.posts):
        for m in said_once(milestones_on(refs.start, refs.end, day)):
            messages.append(milestone_message(m, refs, lang))
    if not messages:
        return notice(
            t("today-nothing-title", date=t.long_date(day)),
            t("today-nothing"),
            t("today-see-upcoming"),
            buttons=(Button(t("button-upcoming"), command="/upcoming"),),
            private=False,
        )
    return Reply(tuple(messages))


def upcoming_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    t = texts(ctx.language)
    days = _days(args)
    if days is None:
        usage = spec("upcoming")
        return notice(
            t("usage", usage=usage.usage() if usage else "/upcoming [days]"),
            t("upcoming-days-range", max=MAX_DAYS, default=DEFAULT_DAYS),
        )
    start = moment.local.date()
    events = upcoming(content, content.posts, start, days)
    if not events:
        return notice(t("upcoming-nothing-title", days=days), t("upcoming-nothing"), private=False)
    shown = events[:MAX_ITEMS]
    items = tuple(Item(t.short_day(e.day), clip(e.text(ctx.language), 80)) for e in shown)
    paragraphs: tuple[str, ...] = ()
    if len(events) > len(shown):
        paragraphs = (t("upcoming-first-of", shown=len(shown), total=len(events)),)
    title = t("upcoming-title", days=days)
    return Reply((Message(title=title, paragraphs=paragraphs, items=items),))


def _title(ann: Anniversary, language: str | None) -> str:
    return ann.record.localized(language)[0]


def _days(args: str) -> int | None:
    """The day count asked for: default when empty, None when it is not 1..366."""
    text = args.strip()
    if not text:
        return DEFAULT_DAYS
    if not text.isdecimal() or len(text) > 3:
        return None
    days = int(text)
    return days if 1 <= days <= MAX_DAYS else None

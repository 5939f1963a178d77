"""`kind: digest`: what is coming in the next `days` days, from `/upcoming`'s calendar.

Birthdays carry their letter deadline: international mail takes two to three weeks, so a
letter should leave `LETTER_LEAD` before the day; once that day has passed, the digest
says to write now.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.calendar import UpcomingEvent, upcoming
from bot.core.commands.replies import clip
from bot.core.content import ContentSet, ScheduledPost
from bot.core.i18n import texts
from bot.core.messages import Item, Message
from bot.core.schedule_files import DIGEST_DAYS, DigestPost

LETTER_LEAD = timedelta(days=21)
MAX_ITEMS = 40  # as /upcoming: a longer list would split into several chat messages
ITEM_CHARS = 160


def event_line(event: UpcomingEvent, today: date, language: str | None) -> str:
    """The /upcoming line, and for a birthday of someone one can write to, the deadline."""
    line = event.text(language)
    b = event.birthday
    if b is None or b.subject.letters is None:
        return line
    t = texts(language)
    deadline = event.day - LETTER_LEAD
    if deadline >= today:
        return t("digest-birthday-by", line=line, date=t.day_month(deadline), id=b.subject.id)
    return t("digest-birthday-now", line=line, id=b.subject.id)


def digest_message(
    content: ContentSet, post: ScheduledPost, today: date, language: str | None = None
) -> Message | None:
    """The digest of `today`, or None when nothing is coming."""
    days = post.spec.days if isinstance(post.spec, DigestPost) else DIGEST_DAYS
    events = upcoming(content, content.posts, today, days)
    if not events:
        return None
    t = texts(language)
    items = tuple(
        Item(t.short_day(e.day), clip(event_line(e, today, language), ITEM_CHARS))
        for e in events[:MAX_ITEMS]
    )
    return Message(title=t("digest-title", days=days), items=items)

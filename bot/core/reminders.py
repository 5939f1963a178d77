"""Letter-writing reminders: a birthday post's `before:` occurrences.

"Ales Bialiatski turns 64 on 25 September: letters take two to three weeks, write now",
posted that many days before the birthday with the letters kit, so that a letter arrives
in time. Each lead time is its own occurrence (see `bot.core.timing`); the birthday it
announces is found with the calendar's own rule, so a 29 February birthday's reminder in a
common year counts back from 28 February.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from bot.core.calendar import Birthday, birthdays
from bot.core.content import ContentSet, ScheduledPost
from bot.core.i18n import texts
from bot.core.letters import DEFAULT_MAX_AGE, is_stale, kit, subject_sources
from bot.core.messages import Message
from bot.core.schedule_files import BirthdayPost
from bot.core.wording import subject_name

log = logging.getLogger(__name__)


def reminders_on(
    content: ContentSet, post: ScheduledPost, today: date, days: int
) -> list[tuple[Birthday, date]]:
    """The birthdays `days` days after `today` that `post` covers, with their dates."""
    spec = post.spec
    subjects = spec.subjects if isinstance(spec, BirthdayPost) else []
    day = today + timedelta(days=days)
    return [(b, day) for b in birthdays(content, day, subjects=subjects)]


def reminder_message(
    content: ContentSet, b: Birthday, day: date, today: date, language: str | None = None
) -> Message:
    """The call to write, the days left, and the kit (or the subject's sources)."""
    t = texts(language)
    name = subject_name(b.subject, language)
    when = t.day_month(day)
    # Without letters (a freed prisoner, an address nobody can cite) there is no "write
    # now": the reminder says when the day is and where to read about the person.
    call = "title" if b.subject.letters is not None else "soon"
    title = (
        t(f"reminder-{call}", name=name, date=when)
        if b.age is None
        else t(f"reminder-{call}-age", name=name, age=b.age, date=when)
    )
    paragraphs = [t("reminder-days-left", count=(day - today).days)]
    shown = kit(b.subject, language, today)
    letters = b.subject.letters
    if letters is not None and is_stale(letters, today):
        # The post itself tells readers to check the page; admins see it in the log.
        log.warning(
            "%s: the letters address was last checked on %s, more than %d days ago",
            b.subject.id,
            letters.checked,
            DEFAULT_MAX_AGE.days,
        )
    if letters is None:
        paragraphs.append(t("write-no-letters"))
        links = subject_sources(content, b.subject)
    else:
        paragraphs.extend(shown.paragraphs)
        links = shown.links
    return Message(
        title=title,
        paragraphs=tuple(paragraphs),
        preformatted=shown.address,
        sources=links,
    )


def reminder_messages(
    content: ContentSet, post: ScheduledPost, today: date, days: int, language: str | None = None
) -> list[Message]:
    return [
        reminder_message(content, b, day, today, language)
        for b, day in reminders_on(content, post, today, days)
    ]

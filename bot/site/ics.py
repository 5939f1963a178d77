"""`calendar.ics`: every anniversary and birthday as a yearly all-day event (RFC 5545).

The 29 February choice (see docs/admin-guide.md, "The public site"): a bare yearly rule
on 29 February is skipped by calendar apps in common years (RFC 5545 drops invalid
dates), while the bot speaks on 28 February. So a leap-day card or birthday is written
as one single event per year, on 28 February in common years and 29 February in leap
years, for `SiteOptions.leap_years` years from the build year. Each has its own stable
UID, so a subscribed calendar that refreshes after the next build replaces them cleanly.

All-day events carry dates without a time zone ("floating"), so they fall on the same
day everywhere; `X-WR-TIMEZONE` names the schedules' zone for apps that read it.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from icalendar import Calendar, Event

from bot.core.calendar import birth_card
from bot.core.content import CardRecord, ContentSet
from bot.core.i18n import texts
from bot.core.wording import subject_name
from bot.site.model import SiteOptions, absolute, card_path
from bot.site.text import safe_url, visible

PRODID = "-//advocacy-bot//public site//EN"
UID_DOMAIN = "advocacy-bot"


def _days(when: date, options: SiteOptions) -> Iterator[tuple[date, str | None]]:
    """(DTSTART, year suffix of the UID): once with a yearly rule, or one per year."""
    if (when.month, when.day) != (2, 29):
        yield when, None
        return
    first = max(options.day.year, when.year + 1)
    for year in range(first, first + options.leap_years):
        yield date(year, 2, 29 if _cal.isleap(year) else 28), str(year)


def _description(rec: CardRecord | None, lang: str, options: SiteOptions) -> str:
    if rec is None:
        return ""
    t = texts(lang)
    parts = [rec.localized(lang)[1], t("site-sources") + ":"]
    for s in rec.sources:
        url = safe_url(str(s.url))
        if url is not None:
            parts.append(f"- {s.title}: {url}" if s.title else f"- {url}")
    page = absolute(options, card_path(lang, rec))
    if page is not None:
        parts.append(t("site-read-card", url=page))
    return visible("\n".join(parts))


def _events(
    uid: str, summary: str, when: date, rec: CardRecord | None, lang: str, options: SiteOptions
) -> Iterator[Event]:
    stamp = datetime.combine(options.day, time(0), tzinfo=UTC)
    description = _description(rec, lang, options)
    page = absolute(options, card_path(lang, rec)) if rec is not None else None
    for start, suffix in _days(when, options):
        event = Event()
        event.add("uid", f"{lang}/{uid}{'/' + suffix if suffix else ''}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        if suffix is None:
            event.add("rrule", {"freq": "yearly"})
        event.add("summary", visible(summary))
        if description:
            event.add("description", description)
        if page is not None:
            event.add("url", page)
        event.add("transp", "TRANSPARENT")
        yield event


def ics_calendar(content: ContentSet, lang: str, options: SiteOptions) -> bytes:
    t = texts(lang)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{t('site-name')}: {t('site-calendar-name')}")
    cal.add("x-wr-timezone", content.zone.key)
    for rec in content.cards:
        d = rec.date
        if d is None or not d.is_exact:
            continue
        title = rec.localized(lang)[0]
        for event in _events(f"card/{rec.global_id}", title, d.as_date(), rec, lang, options):
            cal.add_component(event)
    for subject in content.subjects.values():
        born = subject.born
        if born is None or not born.is_exact:
            continue
        summary = t("site-birthday-event", name=subject_name(subject, lang))
        card = birth_card(content, subject)
        for event in _events(
            f"birthday/{subject.id}", summary, born.as_date(), card, lang, options
        ):
            cal.add_component(event)
    return bytes(cal.to_ical())

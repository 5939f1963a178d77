"""`calendar.ics`: every anniversary and birthday as a yearly all-day event (RFC 5545).

The 29 February choice (see docs/admin-guide.md, "The public site"): a bare yearly rule
on 29 February is skipped by calendar apps in common years (RFC 5545 drops invalid
dates), while the bot speaks on 28 February. So a leap-day card or birthday is written
as one single event per year, on 28 February in common years and 29 February in leap
years, for `SiteOptions.leap_years` years from the build year. Each has its own stable
UID, so a subscribed calendar that refreshes after the next build replaces them cleanly.

Built from icalendar's value types (`vText` escapes `\\ ; ,` and newlines, `vDate`,
`vDatetime`, `vRecur`, `vUri` encode), with the lines assembled here: icalendar's
`Calendar`/`Event` objects and their character-by-character folding cost 0.2 ms per
event, which made the calendars two thirds of the site's build for 10,000 cards
(docs/benchmarks.md). `fold` applies the same RFC 5545 rule a UTF-8 chunk at a time: at
most 75 octets a line, never inside a character, never right after a backslash or caret
(as icalendar does, for picky clients). Both icalendar and recurring-ical-events read
the result back in the tests.

All-day events carry dates without a time zone ("floating"), so they fall on the same
day everywhere; `X-WR-TIMEZONE` names the schedules' zone for apps that read it.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from icalendar.prop import vDate, vDatetime, vRecur, vText, vUri

from bot.core.calendar import birth_card
from bot.core.content import CardRecord, ContentSet
from bot.core.safe_text import safe_url, visible
from bot.core.wording import subject_name
from bot.site.model import SiteOptions, absolute, card_path
from bot.site.words import Words

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
    t = Words(lang)
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
    uid: str,
    summary: str,
    when: date,
    rec: CardRecord | None,
    lang: str,
    options: SiteOptions,
    stamp: bytes,
) -> Iterator[bytes]:
    description = _description(rec, lang, options)
    page = absolute(options, card_path(lang, rec)) if rec is not None else None
    common = [_line("SUMMARY", vText(visible(summary)))]
    if description:
        common.append(_line("DESCRIPTION", vText(description)))
    if page is not None:
        common.append(_line("URL", vUri(page)))
    common.append(b"TRANSP:TRANSPARENT")
    for start, suffix in _days(when, options):
        yield b"BEGIN:VEVENT"
        yield _line("UID", vText(f"{lang}/{uid}{'/' + suffix if suffix else ''}@{UID_DOMAIN}"))
        yield stamp
        yield _line("DTSTART", vDate(start), ";VALUE=DATE")
        if suffix is None:
            yield _line("RRULE", vRecur({"freq": "yearly"}))
        yield from common
        yield b"END:VEVENT"


def _line(name: str, value: vText | vUri | vDate | vDatetime | vRecur, params: str = "") -> bytes:
    """One content line: icalendar encodes (and escapes) the value, `fold` folds it."""
    return fold(f"{name}{params}:".encode() + value.to_ical())


def ics_calendar(content: ContentSet, lang: str, options: SiteOptions) -> bytes:
    t = Words(lang)
    stamp = _line("DTSTAMP", vDatetime(datetime.combine(options.day, time(0), tzinfo=UTC)))
    lines = [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        _line("PRODID", vText(PRODID)),
        b"CALSCALE:GREGORIAN",
        _line("X-WR-CALNAME", vText(f"{t('site-name')}: {t('site-calendar-name')}")),
        _line("X-WR-TIMEZONE", vText(content.zone.key)),
    ]
    for rec in content.cards:
        d = rec.date
        if d is None or not d.is_exact:
            continue
        title = rec.localized(lang)[0]
        uid = f"card/{rec.global_id}"
        lines.extend(_events(uid, title, d.as_date(), rec, lang, options, stamp))
    for subject in content.subjects.values():
        born = subject.born
        if born is None or not born.is_exact:
            continue
        summary = t("site-birthday-event", name=subject_name(subject, lang))
        card = birth_card(content, subject)
        lines.extend(
            _events(f"birthday/{subject.id}", summary, born.as_date(), card, lang, options, stamp)
        )
    lines.append(b"END:VCALENDAR")
    return b"\r\n".join(lines) + b"\r\n"


def fold(data: bytes, limit: int = 75) -> bytes:
    """One content line, folded into lines of at most `limit` octets (RFC 5545 3.1)."""
    if len(data) <= limit:
        return data
    parts: list[bytes] = []
    start, room = 0, limit
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: not a boundary
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        parts.append(data[start:end])
        start, room = end, limit - 1  # a continuation line starts with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts)

"""calendar.ics read back by two independent calendar implementations."""

from __future__ import annotations

from datetime import date

import pytest
import recurring_ical_events
from icalendar import Calendar

from bot.core.content import ContentSet
from bot.site import Site, SiteOptions, build_site
from tests.site.conftest import BASE_URL, DAY, HOSTILE_TITLE


def _calendar(site: Site, lang: str = "en") -> Calendar:
    return Calendar.from_ical(site.files[f"{lang}/calendar.ics"])


def _summaries_on(cal: Calendar, day: date) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in recurring_ical_events.of(cal).at(day))


def test_the_leap_day_card_is_on_the_day_the_bot_posts_it(site: Site) -> None:
    cal = _calendar(site)
    assert "Leap-day protest" in _summaries_on(cal, date(2027, 2, 28))
    assert "Leap-day protest" in _summaries_on(cal, date(2028, 2, 29))
    assert "Leap-day protest" not in _summaries_on(cal, date(2028, 2, 28))
    assert "Leap-day protest" not in _summaries_on(cal, date(2027, 3, 1))
    # One event per year, never two in one year, for the years the build covers.
    for year in range(2027, 2027 + 10):
        found = [
            e
            for e in recurring_ical_events.of(cal).at(year)
            if str(e["SUMMARY"]) == "Leap-day protest"
        ]
        assert len(found) == 1, year


def test_birthday_is_on_25_september_every_year(site: Site) -> None:
    cal = _calendar(site)
    for year in (2026, 2027, 2028, 2040, 2062):
        assert "Birthday: Ales Bialiatski" in _summaries_on(cal, date(year, 9, 25))
        assert "Birthday: Ales Bialiatski" not in _summaries_on(cal, date(year, 9, 24))
    be = _calendar(site, "be")
    assert "Дзень нараджэння: Алесь Бяляцкі" in _summaries_on(be, date(2030, 9, 25))


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_events_are_all_day_with_text_sources_and_page(site: Site, lang: str) -> None:
    cal = _calendar(site, lang)
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Minsk"
    arrest = next(e for e in cal.walk("VEVENT") if "arrest-2021" in str(e["UID"]))
    assert arrest.decoded("DTSTART") == date(2021, 7, 14)  # a date: an all-day event
    assert str(arrest["RRULE"].to_ical().decode()) == "FREQ=YEARLY"
    description = str(arrest["DESCRIPTION"])
    assert "https://example.org/arrest" in description
    page = f"{BASE_URL}{lang}/cards/ales-bialiatski/arrest-2021.html"
    assert str(arrest["URL"]) == page
    expected = {"en": "Arrested in Minsk", "be": "Арыштаваны ў Мінску", "ru": "Арестован в Минске"}
    assert str(arrest["SUMMARY"]) == expected[lang]


def test_uids_are_stable_across_builds_and_unique(content: ContentSet, site: Site) -> None:
    again = build_site(content, SiteOptions(DAY, BASE_URL, feed_days=7))
    assert again.files["en/calendar.ics"] == site.files["en/calendar.ics"]
    uids = [str(e["UID"]) for e in _calendar(site).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    next_year = build_site(content, SiteOptions(date(2027, 1, 5), BASE_URL))
    later = {str(e["UID"]) for e in _calendar(next_year).walk("VEVENT")}
    yearly = {u for u in uids if "leap-protest" not in u}
    assert yearly <= later
    # A leap-day event of a year both builds cover keeps its UID.
    assert "en/card/ales-bialiatski/leap-protest/2028@advocacy-bot" in set(uids) & later


def test_hostile_text_is_plain_text_and_lines_are_folded(site: Site) -> None:
    raw = site.files["en/calendar.ics"]
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    assert "\u202e".encode() not in raw
    hostile = next(e for e in _calendar(site).walk("VEVENT") if "hostile" in str(e["UID"]))
    assert str(hostile["SUMMARY"]) == HOSTILE_TITLE.replace("\u202e", "[U+202E]")
    description = str(hostile["DESCRIPTION"])
    # Escaped on the wire (\; \, \\), read back exactly as written.
    assert "[U+202E]gnp.exe; a, b\\c" in description
    assert b"gnp.exe\\; a\\, b\\\\c" in raw.replace(b"\r\n ", b"")

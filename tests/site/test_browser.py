"""The site as a person sees it: a real headless Chromium on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from bot.site import Site
from tests.site.browser import count_colour, dump_dom, screenshot, serve

TITLES = {"en": "Calendar 2026", "be": "Каляндар 2026", "ru": "Календарь 2026"}
MARKED = ("2026-02-28", "2026-03-10", "2026-07-14", "2026-09-25")
ANNIVERSARY_RED, BIRTHDAY_GREEN = (0x8A, 0x1C, 0x1C), (0x1D, 0x5E, 0x2B)


@pytest.fixture(scope="module")
def url(site: Site) -> Iterator[str]:
    with serve(site) as base:
        yield base


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_calendar_page_shows_the_marked_days_in_its_language(
    url: str, lang: str, tmp_path: Path
) -> None:
    dom = dump_dom(tmp_path, f"{url}{lang}/calendar.html")
    assert f'<html lang="{lang}">' in dom
    assert f"<h1>{TITLES[lang]}</h1>" in dom
    marked = set(re.findall(r'<td class="marked[^"]*"><a href="#d-([0-9-]+)"', dom))
    assert set(MARKED) <= marked
    for day in marked:  # every marked day leads to its entry on the page
        assert f'id="d-{day}"' in dom
    if lang == "be":
        assert "Дзень нараджэння" in dom and "Алесь Бяляцкі" in dom


def test_links_lead_to_pages_in_the_browser(url: str, tmp_path: Path) -> None:
    calendar = f"{url}en/calendar.html"
    dom = dump_dom(tmp_path, calendar)
    entry = re.search(r'<a href="([^"#]+)">5 years since: Arrested in Minsk</a>', dom)
    assert entry is not None
    card = dump_dom(tmp_path, urljoin(calendar, entry.group(1)))
    assert "<h1>Arrested in Minsk</h1>" in card
    other = re.search(r'<a href="([^"]+)" hreflang="ru" lang="ru">русский</a>', card)
    assert other is not None
    ru = dump_dom(tmp_path, urljoin(urljoin(calendar, entry.group(1)), other.group(1)))
    assert '<html lang="ru">' in ru and "<h1>Арестован в Минске</h1>" in ru


def test_no_script_runs_from_card_text(url: str, tmp_path: Path) -> None:
    """The card's scripts would set the title to 'pwned'; none is even an element.

    (The pages' Content-Security-Policy would also block an inline script: the element
    checks are what prove the escaping.)
    """
    for page in ("en/cards/hostile/hostile.html", "ru/subjects/hostile.html", "be/calendar.html"):
        dom = dump_dom(tmp_path, url + page)
        title = re.search(r"<title>(.*?)</title>", dom, re.S)
        assert title is not None and title.group(1) != "pwned", page
        assert "<script" not in dom and "<img" not in dom, page
        assert '<a href="javascript' not in dom, page
        assert "&lt;/script&gt;&lt;script&gt;document.title='pwned'" in dom, page


def test_screenshot_shows_the_marked_days(url: str, tmp_path: Path) -> None:
    png = screenshot(tmp_path, f"{url}en/calendar.html", tmp_path / "calendar.png").read_bytes()
    # 28 Feb, 10 Mar and 14 Jul are anniversaries, 25 Sep a birthday: both colours show.
    assert count_colour(png, ANNIVERSARY_RED) > 500
    assert count_colour(png, BIRTHDAY_GREEN) > 500

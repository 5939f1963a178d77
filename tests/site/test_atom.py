"""feed.atom read back by feedparser: ids, dates, links, languages and hostile text."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import feedparser
import pytest

from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.core.posts import compose
from bot.core.rotation import MemoryRotationState
from bot.core.timing import Occurrence
from bot.site import Site, SiteOptions, build_site
from bot.site.atom import DATED_KINDS, window
from tests.site.conftest import BASE_URL, DAY


def _parse(site: Site, lang: str = "en") -> feedparser.FeedParserDict:
    feed = feedparser.parse(site.files[f"{lang}/feed.atom"])
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _when(entry: feedparser.FeedParserDict) -> datetime:
    return datetime.fromtimestamp(calendar.timegm(entry.published_parsed), UTC)


def test_feed_holds_the_dated_posts_of_the_window(site: Site) -> None:
    feed = _parse(site)
    titles = [e.title for e in feed.entries]
    # 14 July 2026: the arrest's fifth anniversary (09:00 Minsk) and the milestone.
    assert "5 years ago today: Arrested in Minsk" in titles
    assert any("5 years since the arrest" in t for t in titles)
    for entry in feed.entries:
        when = _when(entry)
        assert date(2026, 7, 8) <= when.date() <= DAY
        assert entry.id.startswith("urn:uuid:")
    arrest = next(e for e in feed.entries if e.title.endswith("Arrested in Minsk"))
    assert _when(arrest) == datetime(2026, 7, 14, 6, 0, tzinfo=UTC)  # 09:00 in Minsk
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_entry_links_lead_to_pages_of_the_site(site: Site) -> None:
    feed = _parse(site, "be")
    assert feed.feed.language == "be"
    assert any(link.rel == "self" for link in feed.feed.links)
    linked = [e for e in feed.entries if e.get("link")]
    assert linked
    for entry in linked:
        assert entry.link.startswith(BASE_URL)
        assert entry.link.removeprefix(BASE_URL) in site.files
    assert "5 гадоў таму ў гэты дзень: Арыштаваны ў Мінску" in [e.title for e in feed.entries]


def test_relative_links_without_a_base_url_resolve_against_the_feed(content: ContentSet) -> None:
    plain = build_site(content, SiteOptions(DAY, None, feed_days=7))
    where = "https://mirror.example/any/path/en/feed.atom"
    feed = feedparser.parse(
        plain.files["en/feed.atom"], response_headers={"content-location": where}
    )
    entry = next(e for e in feed.entries if e.get("link"))
    assert entry.link == urljoin(where, "cards/ales-bialiatski/arrest-2021.html")


def test_feed_is_the_same_for_the_same_day(content: ContentSet, site: Site) -> None:
    again = build_site(content, SiteOptions(DAY, BASE_URL, feed_days=7))
    assert again.files["en/feed.atom"] == site.files["en/feed.atom"]


def test_card_rotation_is_not_in_the_feed(content: ContentSet) -> None:
    """The rotation's pick lives in the running bot's store: a static feed cannot know it."""
    thursday = date(2026, 7, 16)
    built = build_site(content, SiteOptions(thursday, BASE_URL, feed_days=1))
    assert _parse(built).entries == []


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_hostile_card_is_text_in_the_feed(content: ContentSet, lang: str) -> None:
    built = build_site(content, SiteOptions(date(2027, 3, 10), BASE_URL, feed_days=1))
    raw = built.files[f"{lang}/feed.atom"]
    assert "\u202e".encode() not in raw
    feed = _parse(built, lang)
    entry = next(e for e in feed.entries if "pwned" in e.title)
    assert "</script><script>document.title='pwned'</script>[U+202E]evil" in entry.title
    # The entry's HTML, exactly as written (before any reader's own sanitising).
    html = raw.decode().split('<content type="html">', 1)[1].split("</content>", 1)[0]
    tags = _Tags()
    tags.feed(html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    assert {tag for tag, _ in tags.tags} <= {"p", "ul", "li", "a"}
    hrefs = [value for tag, attrs in tags.tags for name, value in attrs if name == "href"]
    assert hrefs and all(h is not None and h.startswith("https://") for h in hrefs)


@pytest.mark.parametrize("folder", ["bundled", "test"])
async def test_the_feed_window_loses_no_post(content: ContentSet, folder: str) -> None:
    """`window` narrows the cards for speed; every day's posts must stay the same."""
    if folder == "bundled":
        holder = ContentHolder(Path("facts"), Path("schedules"))
        assert not holder.load()
        content = holder.current
    rotation, compared = MemoryRotationState(), 0
    start = date(2027, 1, 1)
    for offset in range(0, 2 * 366, 3):  # a common year and a leap year, every third day
        day = start + timedelta(days=offset)
        narrow = window(content, day - timedelta(days=2), day)
        for post in content.posts:
            if post.spec.kind not in DATED_KINDS:
                continue
            local = datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("Europe/Minsk"))
            occ = Occurrence(post.id, day.isoformat(), local.astimezone(UTC), local)
            whole = await compose(content, post, occ, rotation, advance=False, language="be")
            part = await compose(narrow, post, occ, rotation, advance=False, language="be")
            assert part == whole, (day, post.id)
            compared += whole is not None
    # The comparison saw real posts, not only empty days (in the test files: the arrest
    # and leap-day anniversaries and the birthday, which tells the birth card itself).
    assert compared >= 3

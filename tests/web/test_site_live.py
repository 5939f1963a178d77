"""The public site served live by a whole bot (ADVOCACY_HTTP), over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime

import pytest
from aiohttp import ClientSession, web
from yarl import URL

from bot.core.clock import FakeClock
from bot.core.content import ContentSet
from bot.settings import Settings
from bot.web.server import HttpServer
from bot.web.site_routes import LiveSite
from tests.app.conftest import Bot, minsk
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.telegram_api import FakeTelegram
from tests.web.test_health import base

DEADLINE = 30.0
CARD = "/en/cards/viasna/viasna-about.html"
OLD_TITLE = "Viasna: Belarus's oldest human rights group"
NEW_TITLE = "Viasna: the oldest human rights group in Belarus"


async def settled(bot: Bot) -> None:
    """Until the site's background rebuild is done (a condition, not a timed guess)."""
    site = bot.running.site
    assert site is not None
    async with asyncio.timeout(DEADLINE):
        await site.settled()


async def test_calendar_is_served_with_its_media_type_and_caching_headers(
    web_bot: Bot, http: ClientSession
) -> None:
    async with http.get(f"{base(web_bot)}/en/calendar.ics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.headers["Cache-Control"] == "public, max-age=300"
        body = await response.read()
    site = web_bot.running.site
    assert site is not None and site.site is not None
    assert body == site.site.files["en/calendar.ics"]
    assert body.startswith(b"BEGIN:VCALENDAR")
    assert response.headers["ETag"] == site.site.etag("en/calendar.ics")
    assert parsedate_to_datetime(response.headers["Last-Modified"]) == web_bot.clock.now()


async def test_root_is_the_language_choice(web_bot: Bot, http: ClientSession) -> None:
    async with http.get(f"{base(web_bot)}/") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert 'href="en/index.html"' in await response.text()


async def test_a_known_etag_or_date_gets_304_without_a_body(
    web_bot: Bot, http: ClientSession
) -> None:
    url = f"{base(web_bot)}/en/calendar.ics"
    async with http.get(url) as first:
        tag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    async with http.get(url, headers={"If-None-Match": tag}) as again:
        assert again.status == 304
        assert again.headers["ETag"] == tag
        assert await again.read() == b""
    async with http.get(url, headers={"If-None-Match": '"other", W/' + tag}) as weak:
        assert weak.status == 304  # If-None-Match compares weakly, in a list
    async with http.get(url, headers={"If-Modified-Since": modified}) as since:
        assert since.status == 304
    async with http.get(url, headers={"If-None-Match": '"other"'}) as stale:
        assert stale.status == 200  # a tag that does not match wins over any date
        assert (await stale.read()).startswith(b"BEGIN:VCALENDAR")
    earlier = parsedate_to_datetime(modified) - timedelta(seconds=1)
    async with http.get(url, headers={"If-Modified-Since": format_datetime(earlier)}) as old:
        assert old.status == 200


async def test_a_reload_changes_the_page_and_its_etag_and_only_what_changed(
    web_bot: Bot, http: ClientSession
) -> None:
    card, calendar = f"{base(web_bot)}/{CARD.lstrip('/')}", f"{base(web_bot)}/en/calendar.ics"
    async with http.get(card) as before:
        page = await before.text()
        assert "oldest human rights group" in page and NEW_TITLE not in page
        assert 'property="og:url"' not in page  # no ADVOCACY_SITE_URL: relative links only
        tag = before.headers["ETag"]
    async with http.get(calendar) as response:
        calendar_tag = response.headers["ETag"]
    facts = web_bot.settings.facts_dir / "viasna.yaml"
    facts.write_text(facts.read_text("utf-8").replace(OLD_TITLE, NEW_TITLE), "utf-8")
    assert not await web_bot.running.reloader.reload("test")

    await settled(web_bot)  # the rebuild runs in a thread: the old page is served meanwhile
    async with http.get(card, headers={"If-None-Match": tag}) as after:
        text = await after.text()
        assert after.status == 200
    assert after.headers["ETag"] != tag
    assert NEW_TITLE in text
    async with http.get(calendar, headers={"If-None-Match": calendar_tag}) as unchanged:
        assert unchanged.status == 304  # the calendar holds no titles of undated cards


async def test_health_routes_are_not_shadowed(web_bot: Bot, http: ClientSession) -> None:
    async with http.get(f"{base(web_bot)}/healthz") as response:
        assert (response.status, await response.json()) == (200, {"status": "ok"})
    async with http.get(f"{base(web_bot)}/metrics") as response:
        assert response.status == 200
        assert "advocacy_bot_" in await response.text()


async def test_unknown_paths_and_traversal_are_404(web_bot: Bot, http: ClientSession) -> None:
    root = base(web_bot)
    raw = [
        "/nothing-here.html",
        "/en/",  # folders are not listed
        "/en/../index.html",
        "/../pyproject.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/en/..%2f..%2fpyproject.toml",
        "//etc/passwd",
    ]
    for path in raw:
        # encoded=True: the client sends the path as written, without resolving `..`
        async with http.get(URL(root + path, encoded=True)) as response:
            assert response.status == 404, path
            assert b"root:" not in await response.read()


async def test_a_new_day_rebuilds_the_site(web_bot: Bot, http: ClientSession) -> None:
    url = f"{base(web_bot)}/cards.json"
    async with http.get(url) as response:
        tag = response.headers["ETag"]
        assert (await response.json())["generated"] == "2026-07-14"
    web_bot.clock.set(minsk(2026, 7, 15, 0, 1))
    # The first request of the day starts the build and gets yesterday's (or, if the
    # build was quick, today's).
    async with http.get(url, headers={"If-None-Match": tag}) as response:
        assert response.status in (200, 304)
    await settled(web_bot)
    async with http.get(url, headers={"If-None-Match": tag}) as response:
        assert response.status == 200
        body = await response.json()
    assert body["generated"] == "2026-07-15"


def test_site_url_setting_is_an_http_address_ending_in_a_slash(settings: Settings) -> None:
    def site_url(value: str) -> str | None:
        env = {"ADVOCACY_SITE_URL": value}
        dirs = {"facts_dir": settings.facts_dir, "schedules_dir": settings.schedules_dir}
        return Settings.from_env(env, **dirs).site_url

    assert site_url("https://example.org/facts") == "https://example.org/facts/"
    assert site_url("") is None
    with pytest.raises(ValueError, match="ADVOCACY_SITE_URL"):
        site_url("javascript:alert(1)")


@pytest.fixture
async def addressed_bot(
    restore_endpoints: None, settings: Settings, telegram: FakeTelegram, discord: FakeDiscord
) -> AsyncIterator[Bot]:
    configured = replace(settings, http_listen="127.0.0.1:0", site_url="https://example.org/facts/")
    deployment = Bot(configured, FakeClock(minsk(2026, 7, 14, 8)), telegram, discord)
    await deployment.start()
    try:
        yield deployment
    finally:
        await deployment.stop()


async def test_site_url_makes_the_served_links_absolute(
    addressed_bot: Bot, http: ClientSession
) -> None:
    want = '<meta property="og:url" content="https://example.org/facts/en/cards/viasna/'
    async with http.get(base(addressed_bot) + CARD) as response:
        assert want in await response.text()


async def test_a_failed_build_leaves_the_server_up_with_503(http: ClientSession) -> None:
    def broken() -> ContentSet:
        raise RuntimeError("a bug in the site")

    live = LiveSite(broken, lambda: minsk(2026, 7, 14, 8))
    await live.start()
    server = HttpServer("127.0.0.1:0")
    server.mount([web.get("/healthz", _ok)])
    server.mount(live.routes())
    await server.start()
    try:
        async with http.get(f"{server.url}/en/calendar.ics") as response:
            assert response.status == 503
        async with http.get(f"{server.url}/healthz") as response:
            assert response.status == 200
    finally:
        await server.stop()
        await live.close()


async def _ok(_request: web.Request) -> web.Response:
    return web.Response(text="ok")

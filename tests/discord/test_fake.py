"""The fake itself: it must not hide a route the bot should not call, nor bend Discord's rules."""

from __future__ import annotations

import aiohttp

from tests.fakes.discord_api import FakeDiscord


async def test_unknown_route_is_404_and_remembered(fake: FakeDiscord) -> None:
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": f"Bot {fake.token}"}
        async with session.get(f"{fake.api_url}/guilds/1/members", headers=headers) as r:
            assert r.status == 404
            assert r.headers["Content-Type"] == "application/json"
    assert [c.key for c in fake.unexpected()] == ["GET /guilds/1/members"]


async def test_oversized_embed_is_refused_like_discord(fake: FakeDiscord) -> None:
    body = {"embeds": [{"title": "x", "description": "y" * 4097}]}
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": f"Bot {fake.token}"}
        url = f"{fake.api_url}/channels/{fake.channels[0]}/messages"
        async with session.post(url, json=body, headers=headers) as r:
            assert r.status == 400
            assert (await r.json())["code"] == 50035

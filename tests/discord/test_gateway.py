"""The gateway side: heartbeats, a dropped connection and the resume that follows."""

from __future__ import annotations

import asyncio
import math

import pytest

from bot.adapters.discord.adapter import DiscordAdapter
from tests.discord.conftest import FakeBotApi
from tests.discord.helpers import message_body
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_payloads import text_channel


async def test_dropped_connection_resumes_and_commands_still_work(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    session, seq = fake.gateway.session_id, fake.gateway.seq
    assert seq >= 2  # READY and GUILD_CREATE
    await fake.drop_connection(code=4000)
    (resume,) = await fake.wait_for(lambda: fake.gateway.resumes, what="a RESUME")
    assert resume == {"token": fake.token, "session_id": session, "seq": seq}
    interaction = await fake.interact(fake.slash("today"))
    (callback,) = await fake.wait_response(interaction)
    assert callback.body["type"] == 4 and message_body(callback)["embeds"]
    assert bot_api.calls[-1][0] == "today"
    assert len(fake.gateway.identifies) == 1 and fake.gateway.connections == 2


@pytest.mark.parametrize("heartbeat_interval_ms", [50])
async def test_heartbeats_are_acknowledged(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    await fake.wait_for(lambda: fake.gateway.heartbeats >= 4, what="four heartbeats")
    # discord.py's latency stays infinite until a heartbeat is acknowledged: finite means
    # the fake's ACKs arrived (how long they took is a benchmark's business, not a test's).
    assert adapter.client is not None and math.isfinite(adapter.client.latency)


async def test_a_deleted_channel_ends_its_subscription(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    gone = fake.channels[1]
    await fake.dispatch("CHANNEL_DELETE", text_channel(gone, fake.guild_id, name="channel-1"))
    async with asyncio.timeout(5):
        await bot_api.removal.wait()
    assert bot_api.removed == [("discord", gone)]

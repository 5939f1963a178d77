"""/write on Discord through the fake gateway and REST API: the subject option's
autocomplete offers only people with letters, and the kit's address is a literal code
block that pings nobody."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.adapters.discord.adapter import DiscordAdapter
from bot.core.clock import FakeClock
from bot.service.api import BotApi
from bot.service.bot_service import BotService
from tests.discord.conftest import (
    adapter,
    fake,
    fake_limits,
    heartbeat_interval_ms,
    options,
    restore_endpoints,
    settings,
    time_scale,
)
from tests.discord.helpers import assert_pings_nobody, message_body
from tests.fakes.discord_api import FakeDiscord
from tests.letters.content import holder

__all__ = [
    "adapter",
    "fake",
    "fake_limits",
    "heartbeat_interval_ms",
    "options",
    "restore_endpoints",
    "settings",
    "time_scale",
]


@pytest.fixture
def bot_api(tmp_path: Path) -> BotApi:
    return BotService(holder(tmp_path), FakeClock(datetime(2026, 7, 1, 12, tzinfo=UTC)))


async def choices(fake: FakeDiscord, typed: str) -> list[dict[str, str]]:
    interaction = await fake.interact(fake.slash("write", {"subject": typed}, focused="subject"))
    (callback,) = await fake.wait_response(interaction)
    assert callback.body["type"] == 8
    found: list[dict[str, str]] = callback.body["data"]["choices"]
    return found


async def test_the_subject_option_has_autocomplete(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    _, command = fake.command_id("write")
    assert command["options"] == [
        {
            "type": 3,
            "name": "subject",
            "description": "The person to write to",
            "required": False,
            "autocomplete": True,
            "description_localizations": {
                "en-US": "The person to write to",
                "en-GB": "The person to write to",
                "ru": "Кому писать",
            },
        }
    ]


async def test_autocomplete_offers_only_subjects_with_letters(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    assert await choices(fake, "") == [
        {"name": "Ales Bialiatski · ales-bialiatski", "value": "ales-bialiatski"},
        {"name": "Jana Example · jana-example", "value": "jana-example"},
    ]
    assert await choices(fake, "бяляц") == [
        {"name": "Ales Bialiatski · ales-bialiatski", "value": "ales-bialiatski"}
    ]
    assert await choices(fake, "leap") == []  # born, but no letters block: not offered


async def test_the_kit_shows_the_address_as_a_literal_code_block(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    interaction = await fake.interact(fake.slash("write", {"subject": "ales-bialiatski"}))
    answers = await fake.wait_response(interaction)
    [embed] = message_body(answers[0])["embeds"]
    assert embed["title"] == "Write to Ales Bialiatski"
    assert embed["description"].endswith(
        "The address, exactly as it must be written on the envelope:\n\n"
        "```\nИК № 9 <b>\nул. Добролюбова, 16 @\u200beveryone \u02cb\u02cb\u02cb\n"
        "213410, г. Горки\n```"
    )
    assert_pings_nobody(answers)


async def test_a_subject_without_letters_is_told_plainly(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    interaction = await fake.interact(fake.slash("write", {"subject": "leap-example"}))
    answers = await fake.wait_response(interaction)
    [embed] = message_body(answers[0])["embeds"]
    assert embed["title"] == "No letters are being collected for Leap Example"
    assert "example.org/leap" in embed["fields"][0]["value"]

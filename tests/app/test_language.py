"""/language: a chat's admins pick the language of card texts for everyone in that chat.

The chat's setting wins over each person's own language (Telegram's language_code,
Discord's locale), which wins over English; only cards with that translation change.
"""

from __future__ import annotations

import yaml

from bot.service.subscriptions import NOT_A_CODE, REFUSAL
from tests.app.conftest import GROUP, GROUP_ADMIN, MEMBER, ROOT, SUB_CHANNEL, Bot
from tests.discord.helpers import EPHEMERAL, embeds, message_body, unescape
from tests.fakes import discord_payloads as dp
from tests.fakes.telegram_api import private_chat, user

SENTENCED = "ales-bialiatski/bialiatski-sentenced-2023"


def bundled_titles() -> tuple[str, str]:
    """The card's English and Russian titles as the bundled file has them today, so that
    editors can reword the card without breaking this test."""
    data = yaml.safe_load((ROOT / "facts" / "ales-bialiatski.yaml").read_text(encoding="utf-8"))
    (card,) = [c for c in data["cards"] if c["id"] == SENTENCED.split("/")[1]]
    return card["title"], card["translations"]["ru"]["title"]


ENGLISH, RUSSIAN = bundled_titles()
assert ENGLISH != RUSSIAN
SETTINGS_REFUSAL = REFUSAL.replace("subscription", "settings")
SET_RU = "Language set to ru: cards with a ru translation are shown in it."
RESET = (
    "Language reset: cards are shown in each person's own language where translated, else English."
)


async def telegram_title(bot: Bot, chat: dict, sender: dict) -> str:
    card = await bot.telegram_says(f"/fact {SENTENCED}", chat, sender)
    assert card.plain is not None
    return card.plain.split("\n\n", 1)[0]


async def test_a_telegram_group_admin_sets_the_groups_language(bot: Bot) -> None:
    assert MEMBER.get("language_code") == "en"
    assert await telegram_title(bot, GROUP, MEMBER) == ENGLISH

    refused = await bot.telegram_says("/language ru", GROUP, MEMBER)
    assert refused.params["text"] == SETTINGS_REFUSAL
    assert await bot.running.store.get_language("telegram", str(GROUP["id"])) is None

    assert (await bot.telegram_says("/language ru", GROUP, GROUP_ADMIN)).plain == SET_RU
    assert await bot.running.store.get_language("telegram", str(GROUP["id"])) == "ru"
    shown = await bot.telegram_says("/language", GROUP, MEMBER)  # anyone may ask
    assert shown.plain == "This chat's language: ru."

    # The member's own language is English, but in this group the group's setting wins.
    assert await telegram_title(bot, GROUP, MEMBER) == RUSSIAN
    # Only in this group: the same member's private chat keeps their own language.
    assert await telegram_title(bot, private_chat(MEMBER["id"]), MEMBER) == ENGLISH

    malformed = await bot.telegram_says("/language Russian", GROUP, GROUP_ADMIN)
    assert malformed.plain == NOT_A_CODE
    assert await bot.running.store.get_language("telegram", str(GROUP["id"])) == "ru"

    refused = await bot.telegram_says("/language default", GROUP, MEMBER)
    assert refused.params["text"] == SETTINGS_REFUSAL
    assert (await bot.telegram_says("/language default", GROUP, GROUP_ADMIN)).plain == RESET
    assert await bot.running.store.get_language("telegram", str(GROUP["id"])) is None
    assert await telegram_title(bot, GROUP, MEMBER) == ENGLISH
    # With nothing set, a Russian-speaking member gets their own language again.
    russian_member = user(MEMBER["id"], "Maks", language_code="ru")
    assert await telegram_title(bot, GROUP, russian_member) == RUSSIAN


async def test_the_setting_survives_a_restart(bot: Bot) -> None:
    await bot.telegram_says("/language ru", GROUP, GROUP_ADMIN)
    await bot.restart()
    assert await telegram_title(bot, GROUP, MEMBER) == RUSSIAN


async def discord_title(bot: Bot) -> str:
    (embed,) = embeds([await bot.discord_says("fact", {"id": SENTENCED}, channel=SUB_CHANNEL)])
    return unescape(embed["title"])


async def test_a_discord_channel_manager_sets_the_channels_language(bot: Bot) -> None:
    assert await discord_title(bot) == ENGLISH

    refusal = message_body(await bot.discord_says("language", {"code": "ru"}, channel=SUB_CHANNEL))
    assert refusal["flags"] & EPHEMERAL
    assert [e["description"] for e in refusal["embeds"]] == [SETTINGS_REFUSAL]
    assert await bot.running.store.get_language("discord", SUB_CHANNEL) is None

    answer = message_body(
        await bot.discord_says(
            "language", {"code": "ru"}, channel=SUB_CHANNEL, permissions=dp.MANAGE_CHANNELS
        )
    )
    assert not (answer.get("flags") or 0) & EPHEMERAL
    assert [e["description"] for e in answer["embeds"]] == [SET_RU]
    assert await bot.running.store.get_language("discord", SUB_CHANNEL) == "ru"

    # The member's locale is en-US; in this channel the channel's setting wins.
    assert await discord_title(bot) == RUSSIAN

    cleared = message_body(
        await bot.discord_says(
            "language", {"code": "default"}, channel=SUB_CHANNEL, permissions=dp.MANAGE_CHANNELS
        )
    )
    assert [e["description"] for e in cleared["embeds"]] == [RESET]
    assert await bot.running.store.get_language("discord", SUB_CHANNEL) is None
    assert await discord_title(bot) == ENGLISH

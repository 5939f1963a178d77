"""Who gets which language: the chat's /language setting, else the person's own language
(Telegram's language_code, Discord's locale), else the schedules' `language:`, else English.

Everything the bot writes itself follows that choice; a card's text follows it where the
card has that translation.
"""

from __future__ import annotations

import yaml

from bot.core.i18n import texts
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
SETTINGS_REFUSAL = texts("en")("refusal-settings")
SET_RU = texts("ru")("language-set", language="русский", code="ru")
RESET_RU = texts("ru")("language-reset")
CHOICES = "be (беларуская), en (English), ru (русский)"


async def telegram_title(bot: Bot, chat: dict, sender: dict) -> str:
    card = await bot.telegram_says(f"/fact {SENTENCED}", chat, sender)
    assert card.plain is not None
    return card.plain.split("\n\n", 1)[0]


async def test_a_belarusian_telegram_user_is_answered_in_belarusian(bot: Bot) -> None:
    """14 July 2026 is the fifth anniversary of the 2021 arrest."""
    reader = user(2001, "Alesia", language_code="be")
    chat = private_chat(2001)
    today = (await bot.telegram_says("/today", chat, reader)).plain
    assert today is not None
    assert today.startswith("5 гадоў таму ў гэты дзень: ")
    assert "14 ліпеня 2021\u202fг." in today
    helped = (await bot.telegram_says("/help", chat, reader)).plain
    assert helped is not None
    assert helped.startswith("Што я ўмею\n\nФакты з крыніцамі, гадавіны і напаміны. Каманды:")
    card = (await bot.telegram_says(f"/fact {SENTENCED}", chat, reader)).plain
    assert card is not None
    assert card.split("\n\n")[1] == "3 сакавіка 2023\u202fг."
    unknown = (await bot.telegram_says("/fact no-such-card", chat, reader)).plain
    assert unknown is not None and unknown.startswith("Няма карткі з id “no-such-card”")


async def test_a_russian_telegram_user_is_answered_in_russian(bot: Bot) -> None:
    reader = user(2002, "Maks", language_code="ru")
    chat = private_chat(2002)
    today = (await bot.telegram_says("/today", chat, reader)).plain
    assert today is not None
    assert today.startswith("5 лет назад в этот день: ")
    assert "14 июля 2021\u202fг." in today
    helped = (await bot.telegram_says("/help", chat, reader)).plain
    assert helped is not None and helped.startswith("Что я умею\n\n")
    card = (await bot.telegram_says(f"/fact {SENTENCED}", chat, reader)).plain
    assert card is not None
    assert card.split("\n\n")[:2] == [RUSSIAN, "3 марта 2023\u202fг."]


async def test_a_language_the_bot_does_not_speak_falls_through_to_english(bot: Bot) -> None:
    """The bundled schedules set no `language:`, so a pt-BR reader gets English."""
    reader = user(2003, "Ana", language_code="pt-BR")
    helped = (await bot.telegram_says("/help", private_chat(2003), reader)).plain
    assert helped is not None and helped.startswith("What I can do\n\n")


async def test_a_telegram_group_admin_sets_the_groups_language(bot: Bot) -> None:
    assert MEMBER.get("language_code") == "en"
    assert await telegram_title(bot, GROUP, MEMBER) == ENGLISH

    refused = await bot.telegram_says("/language ru", GROUP, MEMBER)
    assert refused.params["text"] == SETTINGS_REFUSAL
    assert await bot.running.store.get_language("telegram", str(GROUP["id"])) is None

    assert (await bot.telegram_says("/language ru", GROUP, GROUP_ADMIN)).plain == SET_RU
    assert await bot.running.store.get_language("telegram", str(GROUP["id"])) == "ru"
    shown = (await bot.telegram_says("/language", GROUP, MEMBER)).plain  # anyone may ask
    assert shown is not None
    assert shown.startswith("Язык этого чата: русский (ru).")
    assert "ru: русский (текущий)" in shown and "be: беларуская" in shown

    # The member's own language is English, but in this group the group's setting wins,
    # for the card and for the bot's own words.
    assert await telegram_title(bot, GROUP, MEMBER) == RUSSIAN
    helped = (await bot.telegram_says("/help", GROUP, MEMBER)).plain
    assert helped is not None and helped.startswith("Что я умею")
    # Only in this group: the same member's private chat keeps their own language.
    assert await telegram_title(bot, private_chat(MEMBER["id"]), MEMBER) == ENGLISH

    unknown = await bot.telegram_says("/language Russian", GROUP, GROUP_ADMIN)
    assert unknown.plain is not None and unknown.plain.endswith(f"{CHOICES}.")
    assert unknown.plain.startswith("Извините, “Russian” — не язык")
    assert await bot.running.store.get_language("telegram", str(GROUP["id"])) == "ru"

    refused = await bot.telegram_says("/language default", GROUP, MEMBER)
    assert refused.params["text"] == texts("ru")("refusal-settings")
    assert (await bot.telegram_says("/language default", GROUP, GROUP_ADMIN)).plain == RESET_RU
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
    assert [unescape(e["description"]) for e in answer["embeds"]] == [SET_RU]
    assert await bot.running.store.get_language("discord", SUB_CHANNEL) == "ru"

    # The member's locale is en-US; in this channel the channel's setting wins.
    assert await discord_title(bot) == RUSSIAN

    cleared = message_body(
        await bot.discord_says(
            "language", {"code": "default"}, channel=SUB_CHANNEL, permissions=dp.MANAGE_CHANNELS
        )
    )
    assert [unescape(e["description"]) for e in cleared["embeds"]] == [RESET_RU]
    assert await bot.running.store.get_language("discord", SUB_CHANNEL) is None
    assert await discord_title(bot) == ENGLISH

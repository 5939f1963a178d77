"""What the bot's admins do in chat: /status after a broadcast, /reload with a broken file
(the bot keeps serving the last good set and says where the problem is), then fixed."""

from __future__ import annotations

from pathlib import Path

from bot import __version__
from tests.app.conftest import (
    DISCORD_ADMIN,
    DISCORD_TOKEN,
    GROUP,
    GROUP_ADMIN,
    SUB_CHANNEL,
    TELEGRAM_ADMIN,
    TELEGRAM_TOKEN,
    Bot,
    minsk,
)
from tests.discord.helpers import EPHEMERAL, embeds, message_body, unescape
from tests.fakes import discord_payloads as dp
from tests.fakes.telegram_api import private_chat

ADMIN_CHAT = private_chat(TELEGRAM_ADMIN["id"])
ARREST = "ales-bialiatski/bialiatski-arrest-2021"


async def test_status_shows_subscribers_per_platform_and_the_last_broadcast(bot: Bot) -> None:
    await bot.telegram_says("/subscribe", GROUP, GROUP_ADMIN)
    await bot.discord_says("subscribe", channel=SUB_CHANNEL, permissions=dp.MANAGE_CHANNELS)
    await bot.tick(minsk(2026, 7, 14, 9))
    cards = len(bot.running.holder.current.cards)

    status = await bot.telegram_says("/status", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert status.params["text"].startswith("<b>Status</b>\n\n")
    assert status.plain is not None
    assert status.plain.split("\n\n") == [
        "Status",
        f"Version {__version__}, up 0h 0m.",
        f"Loaded {cards} cards and 1 post.",
        # The bundled card's review date (2026-03-15) is before this day.
        "Awaiting review (not posted until their review_by date moves):\n"
        "valiantsin-stefanovich/stefanovich-still-jailed",
        "Next runs:\n" + "\n".join(f"2026-07-{d} 09:00 +03  on-this-day" for d in range(15, 20)),
        "Subscribers: discord: 1, telegram: 1.",
        "Last broadcasts:\non-this-day 2026-07-14: sent 5",
        "No failed or in-doubt deliveries.",
    ]

    answer = await bot.discord_says("status", user_id=DISCORD_ADMIN)
    body = message_body(answer)
    assert body["flags"] & EPHEMERAL
    (embed,) = embeds([answer])
    assert embed["title"] == "Status"
    shown = unescape(embed["description"])
    assert "Subscribers: discord: 1, telegram: 1." in shown
    assert "Last broadcasts:\non-this-day 2026-07-14: sent 5" in shown

    for text in (status.params["text"], str(body)):
        assert TELEGRAM_TOKEN not in text and DISCORD_TOKEN not in text

    refused = await bot.telegram_says("/status", GROUP, GROUP_ADMIN)
    assert refused.params["text"] == "Sorry, only the bot's admins can use this command."


def break_value(path: Path, key: str, good: str, bad: str) -> str:
    """Change the one line `key: good` to `key: bad`; the `file:line:column` of `bad`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if line.strip() == f"{key}: {good}"]
    lines[index] = lines[index].replace(good, bad)
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"{path}:{index + 1}:{lines[index].index(bad) + 1}"


async def test_reload_with_a_broken_file_keeps_the_last_good_set(bot: Bot) -> None:
    facts = bot.settings.facts_dir / "ales-bialiatski.yaml"
    original = facts.read_text(encoding="utf-8")
    where = break_value(facts, "date", "2021-07-14", "2021-13-45")
    cards = len(bot.running.holder.current.cards)

    failed = await bot.telegram_says("/reload", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert failed.plain == (
        "Reload failed: still serving the last good files\n\n"
        f"{where}: date '2021-13-45' has no month 13"
    )
    assert failed.params["text"].startswith(
        "<b>Reload failed: still serving the last good files</b>\n\n"
    )

    card = await bot.telegram_says(f"/fact {ARREST}", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert card.params["text"].split("\n")[0] == (
        "<b>Second arrest in a sweep against rights groups</b>"
    )
    assert card.plain is not None and "14 July 2021" in card.plain
    status = await bot.telegram_says("/status", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert status.plain is not None
    assert (
        "The last reload failed; still serving the previous files:\n"
        f"{where}: date '2021-13-45' has no month 13"
    ) in status.plain

    # The anniversary still goes out from the last good set.
    (result,) = await bot.tick(minsk(2026, 7, 14, 9))
    assert dict(result.outcomes) == {"sent": 3}

    facts.write_text(original, encoding="utf-8")
    fixed = await bot.telegram_says("/reload", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert fixed.params["text"] == (
        f"<b>Reloaded</b>\n\nNow serving {cards} cards and 1 post.\n\n"
        # The bundled card's review date (2026-03-15) is before this day: /reload says so.
        "Awaiting review (not posted until their review_by date moves):\n"
        "valiantsin-stefanovich/stefanovich-still-jailed"
    )
    status = await bot.telegram_says("/status", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert status.plain is not None and "The last reload failed" not in status.plain


async def test_reload_is_for_bot_admins_only(bot: Bot) -> None:
    refused = await bot.telegram_says("/reload", GROUP, GROUP_ADMIN)
    assert refused.params["text"] == "Sorry, only the bot's admins can use this command."
    answer = await bot.discord_says("reload", user_id=DISCORD_ADMIN)
    assert message_body(answer)["flags"] & EPHEMERAL
    assert embeds([answer])[0]["title"] == "Reloaded"


async def test_admin_answers_typed_in_a_group_go_to_the_admins_private_chat(bot: Bot) -> None:
    """Telegram has no ephemeral replies: /status lists failing chats and counts, which are
    for the operator, not for everyone in the group."""
    admin_id = str(TELEGRAM_ADMIN["id"])
    before = len(bot.telegram.sent(admin_id))
    bot.telegram.command("/status", chat=GROUP, sender=TELEGRAM_ADMIN)
    calls = await bot.telegram.wait_for(
        lambda c: c.method == "sendMessage" and c.chat_id == admin_id, before + 1
    )
    assert (
        [c for c in calls if c.chat_id == admin_id][before]
        .params["text"]
        .startswith("<b>Status</b>")
    )
    assert not bot.telegram.sent(str(GROUP["id"]))

    # An admin who never opened a private chat with the bot is told how, in the group.
    bot.telegram.fail_next(
        "sendMessage",
        403,
        "Forbidden: bot can't initiate conversation with a user",
        chat_id=admin_id,
    )
    note = await bot.telegram_says("/status", GROUP, TELEGRAM_ADMIN)
    assert note.params["text"].startswith("I answer admin commands in a private chat: open")

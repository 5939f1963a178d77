"""A day of the bot, end to end: subscriptions, the 09:00 post everywhere exactly once, a
restart that sends nothing twice, and chats that block the bot dropped for good.

Everything runs as in production (real python-telegram-bot and discord.py against the
fakes, the real store, the real service over the bundled facts); only the clock is fake.
The main scenario runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import pytest

from bot.adapters.discord.sender import make_nonce
from bot.core.i18n import texts
from bot.scheduler.ledger import nonce_for
from bot.store.sql import SqlStore
from tests.app.conftest import (
    GONE_CHANNEL,
    GROUP,
    GROUP_ADMIN,
    MEMBER,
    POST_CHANNEL,
    SUB_CHANNEL,
    SUPPORTER,
    Bot,
    Records,
    minsk,
)
from tests.discord.helpers import EPHEMERAL, embeds, message_body
from tests.fakes import discord_payloads as dp
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.telegram_api import FakeTelegram, private_chat

SUBSCRIBED = "Subscribed: this chat will get the scheduled posts. Send /unsubscribe to stop."
TITLE = "Second arrest in a sweep against rights groups"
CARD_ID = "ales-bialiatski/bialiatski-arrest-2021"
BLOCKED = str(SUPPORTER["id"])


def telegram_attempts(fake: FakeTelegram, chat: str | int) -> int:
    """sendMessage calls to `chat`, answered or refused."""
    return len([c for c in fake.of("sendMessage") if c.chat_id == str(chat)])


def posts_to(fake: FakeTelegram, chat: str | int) -> list[str]:
    """The HTML of the scheduled posts (not the command replies) delivered to `chat`."""
    return [c.params["text"] for c in fake.sent(chat) if c.params["text"].startswith("<b>")]


def discord_attempts(fake: FakeDiscord, channel: str) -> int:
    return len([c for c in fake.calls if c.key == f"POST /channels/{channel}/messages"])


def wire_counts(bot: Bot) -> tuple[int, int, str]:
    """Everything the bot ever tried to post: compared before and after "nothing more"."""
    discord = [c for c in bot.discord.calls if c.path.startswith("/channels/")]
    return len(bot.telegram.of("sendMessage")), len(discord), bot.console.getvalue()


async def subscribe_everyone(bot: Bot) -> None:
    """Admins subscribe a group and two channels, a supporter their private chat; a
    member without the rights is refused on each platform."""
    refused = await bot.telegram_says("/subscribe", GROUP, MEMBER)
    assert refused.params["text"] == texts("en")("refusal-subscription")
    assert (await bot.telegram_says("/subscribe", GROUP, GROUP_ADMIN)).params["text"] == SUBSCRIBED
    lookups = {(c.params["chat_id"], c.params["user_id"]) for c in bot.telegram.of("getChatMember")}
    assert lookups == {(str(GROUP["id"]), str(MEMBER["id"])), (str(GROUP["id"]), "1002")}
    private = private_chat(SUPPORTER["id"])
    assert (await bot.telegram_says("/subscribe", private, SUPPORTER)).params["text"] == SUBSCRIBED

    refusal = message_body(await bot.discord_says("subscribe", channel=SUB_CHANNEL))
    assert refusal["flags"] & EPHEMERAL
    assert [e["description"] for e in refusal["embeds"]] == [texts("en")("refusal-subscription")]
    for channel in (SUB_CHANNEL, GONE_CHANNEL):
        answer = message_body(
            await bot.discord_says("subscribe", channel=channel, permissions=dp.MANAGE_CHANNELS)
        )
        assert [e["description"] for e in answer["embeds"]] == [SUBSCRIBED]
        assert not (answer.get("flags") or 0) & EPHEMERAL
        assert answer["allowed_mentions"] == {"parse": []}

    store = bot.running.store
    assert await store.subscriber_counts() == {"telegram": 2, "discord": 2}
    sub = await store.get_subscription("telegram", str(GROUP["id"]))
    assert sub is not None and (sub.chat_kind, sub.title, sub.subscribed_by) == (
        "group",
        "Supporters",
        "1002",
    )


async def assert_deactivated(store: SqlStore) -> None:
    assert await store.subscriber_counts() == {"telegram": 1, "discord": 1}
    for platform, chat in (("telegram", BLOCKED), ("discord", GONE_CHANNEL)):
        sub = await store.get_subscription(platform, chat)
        assert sub is not None and not sub.active, (platform, sub)
        assert sub.deactivated_reason, sub


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_day_of_the_bot(bot: Bot, backend: str) -> None:
    telegram, discord = bot.telegram, bot.discord
    await subscribe_everyone(bot)
    telegram.blocked.add(BLOCKED)  # the supporter blocks the bot
    discord.channel_state[GONE_CHANNEL] = 403  # the bot loses access to a channel

    # 09:00 in Minsk: the anniversary of the 2021 arrest goes out everywhere, once.
    (result,) = await bot.tick(minsk(2026, 7, 14, 9))
    assert (result.post_id, result.occurrence_key) == ("on-this-day", "2026-07-14")
    assert dict(result.outcomes) == {"sent": 5, "failed": 2}

    title_line = f"<b>5 years ago today: {TITLE}</b>"
    for chat in ("@example_channel", GROUP["id"]):
        (html,) = posts_to(telegram, chat)
        assert html.split("\n")[0] == title_line
        assert f"<i>{CARD_ID}</i>" in html
    (post,) = telegram.sent("@example_channel")
    assert post.params["parse_mode"] == "HTML"
    assert post.params["link_preview_options"] == {"is_disabled": True}
    assert telegram_attempts(telegram, "@example_channel") == 1
    assert telegram_attempts(telegram, GROUP["id"]) == 3  # two replies and the post
    assert telegram_attempts(telegram, BLOCKED) == 2  # the reply, then the refused post

    for channel in (POST_CHANNEL, SUB_CHANNEL):
        (call,) = discord.channel_posts(channel)
        body = call.body
        assert body["allowed_mentions"] == {"parse": []}
        key = nonce_for("on-this-day", "2026-07-14", f"discord:{channel}")
        assert (body["nonce"], body["enforce_nonce"]) == (make_nonce(channel, key, 0), True)
        (embed,) = embeds([call])
        assert embed["title"] == f"5 years ago today: {TITLE}"
        assert embed["description"].startswith("14 July 2021\n\nPolice searched the offices")
        assert embed["footer"] == {"text": CARD_ID}
        assert [f["name"] for f in embed["fields"]] == ["Sources"]
        assert len(discord.messages[channel]) == 1
    assert discord_attempts(discord, GONE_CHANNEL) == 1
    assert GONE_CHANNEL not in discord.messages

    console = bot.console.getvalue()
    assert console.count(f"5 years ago today: {TITLE}") == 1
    assert console.count(CARD_ID) == 1

    await assert_deactivated(bot.running.store)
    rows = await bot.running.store.ledger.deliveries("on-this-day", "2026-07-14")
    assert {r.target: r.state for r in rows} == {
        "telegram:@example_channel": "sent",
        f"telegram:{GROUP['id']}": "sent",
        f"telegram:{BLOCKED}": "failed",
        f"discord:{POST_CHANNEL}": "sent",
        f"discord:{SUB_CHANNEL}": "sent",
        f"discord:{GONE_CHANNEL}": "failed",
        "console": "sent",
    }

    # A minute later, and after a restart on the same database: nothing more.
    before = wire_counts(bot)
    await bot.tick(minsk(2026, 7, 14, 9, 1))
    assert wire_counts(bot) == before
    await bot.restart()
    await bot.tick(minsk(2026, 7, 14, 9, 2))
    assert wire_counts(bot) == before
    assert len(discord.gateway.identifies) == 2  # really a second client

    # The next anniversary reaches the chats still subscribed, never the two gone ones.
    (result,) = await bot.tick(minsk(2027, 7, 14, 9))
    assert (result.occurrence_key, dict(result.outcomes)) == ("2027-07-14", {"sent": 5})
    for chat in ("@example_channel", GROUP["id"]):
        assert [h.split("\n")[0] for h in posts_to(telegram, chat)] == [
            title_line,
            f"<b>6 years ago today: {TITLE}</b>",
        ]
    for channel in (POST_CHANNEL, SUB_CHANNEL):
        titles = [e["title"] for e in embeds(discord.channel_posts(channel))]
        assert titles == [f"5 years ago today: {TITLE}", f"6 years ago today: {TITLE}"]
    assert telegram_attempts(telegram, BLOCKED) == 2
    assert discord_attempts(discord, GONE_CHANNEL) == 1
    assert bot.console.getvalue().count(f"6 years ago today: {TITLE}") == 1
    await assert_deactivated(bot.running.store)


async def _reason(store: SqlStore, platform: str, chat: str) -> str | None:
    sub = await store.get_subscription(platform, chat)
    assert sub is not None and not sub.active, sub
    return sub.deactivated_reason


async def test_removing_the_bot_ends_the_subscription_at_once(
    bot: Bot, log_records: Records
) -> None:
    await subscribe_everyone(bot)
    store = bot.running.store
    bot.telegram.member_status(GROUP, "kicked", old="administrator")
    await log_records.wait_for(f"telegram chat {GROUP['id']} removed the bot")
    assert await _reason(store, "telegram", str(GROUP["id"])) == "the bot was removed"
    gone = dp.text_channel(GONE_CHANNEL, bot.discord.guild_id, name="gone")
    await bot.discord.dispatch("CHANNEL_DELETE", gone)
    await log_records.wait_for(f"discord chat {GONE_CHANNEL} removed the bot")
    assert await _reason(store, "discord", GONE_CHANNEL) == "the bot was removed"
    assert await store.subscriber_counts() == {"telegram": 1, "discord": 1}

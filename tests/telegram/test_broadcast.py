"""Scheduled posts through the real sender: all delivered once, no flood limit broken."""

from __future__ import annotations

from bot.adapters.telegram.adapter import TelegramAdapter
from bot.core.messages import Link, Message
from bot.scheduler.sender import Outcome
from tests.fakes.telegram_api import FakeTelegram, channel_chat
from tests.telegram.driver import broadcast

POST = (
    Message(
        title="On this day",
        paragraphs=("In 2021 the Viasna office was searched.",),
        sources=(Link("https://example.org/viasna", "Example"),),
    ),
)


async def test_a_post_to_a_channel(fake: FakeTelegram, adapter: TelegramAdapter) -> None:
    fake.add_chat(channel_chat(-1009001, "example_channel"))
    results = await broadcast(adapter.sender, ["@example_channel"], POST)
    assert [o.outcome for o in results["@example_channel"]] == [Outcome.SENT]
    (sent,) = fake.sent()
    assert sent.result["chat"]["type"] == "channel"
    assert sent.params["text"].startswith("<b>On this day</b>")


async def test_200_subscribers_and_a_channel_with_a_429_mid_broadcast(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.add_chat(channel_chat(-1009001, "example_channel"))
    chats = ["@example_channel", *(str(10_000 + n) for n in range(100))]
    chats += [str(-1_000_000_000_000 - n) for n in range(100)]  # supergroups
    fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 0.2", retry_after=0.2, skip=100
    )
    results = await broadcast(adapter.sender, chats, POST, in_flight=8)

    final = {chat: outcomes[-1].outcome for chat, outcomes in results.items()}
    assert set(final.values()) == {Outcome.SENT}
    delivered = [c.chat_id for c in fake.sent()]
    assert sorted(delivered) == sorted(chats), "each chat exactly once"
    retried = [chat for chat, outcomes in results.items() if len(outcomes) > 1]
    assert len(retried) == 1
    assert results[retried[0]][0].outcome is Outcome.RATE_LIMITED
    assert not fake.violations, fake.violations


async def test_a_blocked_subscriber_is_reported_gone_and_not_retried(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.blocked.add("20001")
    results = await broadcast(adapter.sender, ["20000", "20001", "20002"], POST)
    assert [o.outcome for o in results["20001"]] == [Outcome.TARGET_GONE]
    assert results["20000"][-1].outcome is results["20002"][-1].outcome is Outcome.SENT
    assert len(fake.of("sendMessage", ok=False)) == 1

"""Channel posts: outcomes for every answer, nonces, mentions, long texts, pacing."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.adapters.discord.adapter import DiscordAdapter, DiscordOptions, create_adapter
from bot.adapters.discord.pacing import PacingLimits
from bot.adapters.discord.sender import make_nonce
from bot.core.messages import Button, Link, Message
from bot.scheduler.sender import Outcome
from bot.settings import Settings
from tests.discord.conftest import TIME_SCALE, FakeBotApi
from tests.discord.helpers import assert_pings_nobody, embeds, shown_prose, squashed
from tests.fakes.clock import ManualClock, drive
from tests.fakes.discord_api import FakeDiscord

POST = Message(
    title="On this day",
    paragraphs=("Ales Bialiatski was arrested in Minsk.",),
    sources=(Link("https://example.org/a", "Viasna"),),
    footer="ales-bialiatski/arrest-2021",
    buttons=(Button("Read more", command="/fact ales-bialiatski/arrest-2021"),),
)


def key(target: str) -> str:
    return f"on-this-day|2026-07-14|{target}"


async def test_post_to_two_channels_with_a_429_injected(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    one, two = fake.channels
    fake.fail_next(f"POST /channels/{one}/messages", 429, {"retry_after": 0.2, "global": False})
    results = await asyncio.gather(
        *(adapter.sender.send(c, [POST], delivery_key=key(f"discord:{c}")) for c in (one, two))
    )
    assert [r.outcome for r in results] == [Outcome.SENT, Outcome.SENT]
    assert [len(fake.messages[c]) for c in (one, two)] == [1, 1]
    attempts = [c for c in fake.calls if c.path == f"/channels/{one}/messages"]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.2  # the 429's retry_after was obeyed
    assert attempts[0].body["nonce"] == attempts[1].body["nonce"]
    assert results[0].message_ids == (fake.messages[one][0]["id"],)
    assert adapter.sender.stats.rate_limited_answers == 1
    assert_pings_nobody(fake.channel_posts())
    posted = embeds(fake.channel_posts(two))[0]
    assert posted["title"] == "On this day" and posted["footer"]["text"] == POST.footer


async def test_forbidden_channel_is_target_gone(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    fake.channel_state["920000000000000003"] = 403
    fake.channel_state["920000000000000004"] = 404
    for channel, code in (("920000000000000003", "50001"), ("920000000000000004", "10003")):
        result = await adapter.sender.send(channel, [POST], delivery_key=key(channel))
        assert result.outcome is Outcome.TARGET_GONE
        assert code in (result.error or "")
        assert not result.message_ids


async def test_server_error_is_transient_fast_and_a_resend_is_safe(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    channel = fake.channels[0]
    path = f"/channels/{channel}/messages"
    for status in (500, 503):
        fake.fail_next(f"POST {path}", status)
        async with asyncio.timeout(20):  # a hang guard only: discord.py alone would take 25 s
            result = await adapter.sender.send(channel, [POST], delivery_key=key(str(status)))
        assert result.outcome is Outcome.TRANSIENT, result
    # One request per attempt: discord.py's own 5xx retries (1 + 3 + 5 + 7 + 9 s) were cut.
    assert [c.status for c in fake.calls if c.path == path] == [500, 503]
    again = await adapter.sender.send(channel, [POST], delivery_key=key("500"))
    assert again.outcome is Outcome.SENT
    assert len(fake.messages[channel]) == 1


async def test_bad_request_is_rejected(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    channel = fake.channels[0]
    body = {"message": "Invalid Form Body", "code": 50035}
    fake.fail_next(f"POST /channels/{channel}/messages", 400, body)
    result = await adapter.sender.send(channel, [POST], delivery_key=key("bad"))
    assert result.outcome is Outcome.REJECTED and "50035" in (result.error or "")
    assert (await adapter.sender.send("not-a-channel", [POST], delivery_key="k")).outcome is (
        Outcome.REJECTED
    )


async def test_answer_lost_after_write_is_ambiguous_and_the_nonce_dedupes_the_resend(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    channel = fake.channels[1]
    fake.fail_next(f"POST /channels/{channel}/messages", 200, {}, action="drop")
    result = await adapter.sender.send(channel, [POST], delivery_key=key("drop"))
    assert result.outcome is Outcome.AMBIGUOUS, result
    assert len(fake.messages[channel]) == 1  # Discord did create it
    again = await adapter.sender.send(channel, [POST], delivery_key=key("drop"))
    assert again.outcome is Outcome.SENT
    assert again.message_ids == (fake.messages[channel][0]["id"],)
    assert len(fake.messages[channel]) == 1 and fake.counters.nonce_dedupes == 1


async def test_same_delivery_key_twice_creates_one_message(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    channel = fake.channels[0]
    long_post = Message(title="Long", paragraphs=("word " * 1800,))  # two parts
    first = await adapter.sender.send(channel, [long_post, POST], delivery_key=key(channel))
    second = await adapter.sender.send(channel, [long_post, POST], delivery_key=key(channel))
    assert first.outcome is second.outcome is Outcome.SENT
    assert first.message_ids == second.message_ids
    parts = len(first.message_ids)
    assert parts >= 3 and len(fake.messages[channel]) == parts
    assert fake.counters.nonce_dedupes == parts
    nonces = [c.body["nonce"] for c in fake.channel_posts(channel)]
    assert len(set(nonces)) == parts and all(len(n) <= 25 for n in nonces)
    assert all(c.body["enforce_nonce"] is True for c in fake.channel_posts(channel))
    other = await adapter.sender.send(channel, [POST], delivery_key=key("another"))
    assert other.message_ids != first.message_ids[-1:]


def test_nonces_are_deterministic_short_and_distinct() -> None:
    a = make_nonce("1", "post|2026-07-14|discord:1", 0)
    assert a == make_nonce("1", "post|2026-07-14|discord:1", 0)
    assert len(a) == 25 and a.isalnum()
    assert len({a, make_nonce("1", "post|2026-07-14|discord:1", 1), make_nonce("2", "x", 0)}) == 3


async def test_mentions_markdown_and_5000_characters_arrive_intact_and_ping_nobody(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    unit = "@everyone <@123> <@&456> @here **bold** _it_ `code` ~~s~~ ||spoiler|| # not a heading. "
    text = (unit * (5000 // len(unit) + 1))[:5000]
    channel = fake.channels[1]
    result = await adapter.sender.send(
        channel, [Message(title="@everyone <@123>", paragraphs=(text,))], delivery_key=key("m")
    )
    assert result.outcome is Outcome.SENT
    posts = fake.channel_posts(channel)
    assert len(embeds(posts)) >= 2  # split: a description holds at most 4096
    assert squashed(shown_prose(posts)) == squashed("@everyone <@123>\n" + text)
    assert_pings_nobody(posts)
    assert all(m["mention_everyone"] is False for m in fake.messages[channel])


async def test_per_channel_pacing_avoids_429(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    channel = fake.channels[0]
    window = 5.0 / TIME_SCALE
    results = [
        await adapter.sender.send(channel, [POST], delivery_key=key(str(i))) for i in range(7)
    ]
    assert all(r.outcome is Outcome.SENT for r in results)
    posts = fake.channel_posts(channel)
    assert len(posts) == 7 and fake.counters.channel_429 == 0
    assert posts[5].at - posts[0].at >= window


async def test_global_pacing_keeps_an_even_48_in_any_second(
    restore_endpoints: None, options: DiscordOptions
) -> None:
    """On a clock the test drives and the fake shares: every post leaves on its slot."""
    clock = ManualClock()
    fake = await FakeDiscord(clock=clock.now).start()
    settings = Settings(
        discord_token=fake.token, discord_api_url=fake.api_url, discord_gateway_url=fake.gateway_url
    )
    limits = PacingLimits()
    started = create_adapter(settings, replace(options, pacing=limits, pace_clock=clock))
    await started.start(FakeBotApi())
    clock.advance_to(clock.now() + 1.0)  # start-up requests count too: let them age out
    try:
        channels = [str(930000000000000000 + i) for i in range(60)]
        tasks = [
            asyncio.create_task(started.sender.send(c, [POST], delivery_key=key(c)))
            for c in channels
        ]
        await drive(clock, tasks, lambda: started.pacer.waiting)
    finally:
        await started.stop()
        await fake.close()
    assert {t.result().outcome for t in tasks} == {Outcome.SENT}
    assert fake.counters.global_429 == fake.counters.channel_429 == 0
    times = sorted(c.at for c in fake.channel_posts())
    slot = limits.global_window / limits.global_count
    assert [t - times[0] for t in times] == pytest.approx([n * slot for n in range(60)])
    assert max(sum(1 for u in times if t - 1.0 < u <= t) for t in times) == 48  # of 50


async def test_global_429_is_waited_out(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    channel = fake.channels[0]
    fake.fail_next("POST /channels/*/messages", 429, {"retry_after": 0.1, "global": True})
    result = await adapter.sender.send(channel, [POST], delivery_key=key("global"))
    assert result.outcome is Outcome.SENT
    assert [c.status for c in fake.calls if c.path.startswith("/channels/")] == [429, 200]


async def test_long_retry_after_is_handed_back_to_the_ledger(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    channel = fake.channels[0]
    fake.fail_next(f"POST /channels/{channel}/messages", 429, {"retry_after": 120.0})
    async with asyncio.timeout(60):  # a hang guard only: discord.py did not sleep 120 s
        result = await adapter.sender.send(channel, [POST], delivery_key=key("long"))
    assert result.outcome is Outcome.RATE_LIMITED and result.retry_after == 120.0
    assert [c.status for c in fake.calls if c.path == f"/channels/{channel}/messages"] == [429]


async def test_sender_before_start_reports_transient(adapter: DiscordAdapter) -> None:
    from bot.adapters.discord.adapter import DiscordAdapter as Fresh

    idle = Fresh(adapter.settings)
    result = await idle.sender.send("1", [POST], delivery_key="k")
    assert result.outcome is Outcome.TRANSIENT


@pytest.mark.parametrize("request_timeout", [0.3])
async def test_request_without_answer_is_ambiguous(
    restore_endpoints: None,
    settings: Settings,
    options: DiscordOptions,
    fake: FakeDiscord,
    request_timeout: float,
) -> None:
    started = create_adapter(settings, replace(options, request_timeout=request_timeout))
    await started.start(FakeBotApi())
    try:
        channel = fake.channels[0]
        fake.fail_next(f"POST /channels/{channel}/messages", 200, {}, action="hang")
        result = await started.sender.send(channel, [POST], delivery_key=key("hang"))
        assert result.outcome is Outcome.AMBIGUOUS and "no answer" in (result.error or "")
        fake.release()
        again = await started.sender.send(channel, [POST], delivery_key=key("hang"))
        assert again.outcome is Outcome.SENT and len(fake.messages[channel]) == 1
        assert started.alive and not fake.unexpected()
    finally:
        await started.stop()

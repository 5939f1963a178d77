"""/healthz, /readyz and /metrics of a whole bot on fake platforms."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import ClientSession
from prometheus_client.parser import text_string_to_metric_families

from tests.app.conftest import POST_CHANNEL, TELEGRAM_ADMIN, Bot, minsk
from tests.fakes import telegram_api as tg

DEADLINE = 30.0


def base(bot: Bot) -> str:
    assert bot.running.http is not None
    return bot.running.http.url


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Until `check()` holds, asking again every 50 ms, within a deadline."""
    async with asyncio.timeout(DEADLINE):
        while not await check():  # noqa: ASYNC110 - the state is behind HTTP: look again
            await asyncio.sleep(0.05)
    assert await check(), what


async def readiness(http: ClientSession, bot: Bot) -> tuple[int, dict]:
    async with http.get(f"{base(bot)}/readyz") as response:
        return response.status, await response.json()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def scrape(
    http: ClientSession, bot: Bot
) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    async with http.get(f"{base(bot)}/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=")
        return samples(await response.text())


async def test_healthz_answers(web_bot: Bot, http: ClientSession) -> None:
    async with http.get(f"{base(web_bot)}/healthz") as response:
        assert (response.status, await response.json()) == (200, {"status": "ok"})


async def test_readyz_flips_to_503_and_back_when_telegram_goes_away_and_returns(
    web_bot: Bot, http: ClientSession
) -> None:
    assert await readiness(http, web_bot) == (200, {"status": "ready", "reasons": []})
    up = ("advocacy_bot_adapter_up", (("platform", "telegram"),))
    assert (await scrape(http, web_bot))[up] == 1.0

    await web_bot.telegram.close()

    async def down() -> bool:
        return (await readiness(http, web_bot))[0] == 503

    await eventually(down, "/readyz never said 503 with Telegram gone")
    status, body = await readiness(http, web_bot)
    assert body == {"status": "not ready", "reasons": ["telegram: not connected"]}
    assert (await scrape(http, web_bot))[up] == 0.0

    await web_bot.telegram.start()  # on the same port, as a server coming back

    async def ready() -> bool:
        return (await readiness(http, web_bot))[0] == 200

    await eventually(ready, "/readyz never came back to 200")
    assert (await scrape(http, web_bot))[up] == 1.0
    # And it really works again: a command is answered.
    reply = await web_bot.telegram_says(
        "/help", tg.private_chat(TELEGRAM_ADMIN["id"]), TELEGRAM_ADMIN
    )
    assert "/facts" in reply.params["text"]


async def test_metrics_count_a_broadcast_exactly(web_bot: Bot, http: ClientSession) -> None:
    before = await scrape(http, web_bot)
    assert before[("advocacy_bot_content_cards", ())] == len(web_bot.running.holder.current.cards)

    # 09:00: the on-this-day post goes to the Telegram channel, the Discord channel and
    # the console (no subscribers yet): three deliveries, one of each.
    (result,) = await web_bot.tick(minsk(2026, 7, 14, 9))
    assert dict(result.outcomes) == {"sent": 3}
    after = await scrape(http, web_bot)
    for platform in ("telegram", "discord", "console"):
        key = ("advocacy_bot_deliveries_total", (("outcome", "sent"), ("platform", platform)))
        assert after[key] == 1.0, platform
    assert len(web_bot.telegram.sent("@example_channel")) == 1
    assert len(web_bot.discord.channel_posts(POST_CHANNEL)) == 1
    assert after[("advocacy_bot_broadcast_duration_seconds_count", ())] == 1.0
    assert after[("advocacy_bot_deliveries_in_doubt_total", ())] == 0.0
    assert (
        after[("advocacy_bot_next_run_timestamp_seconds", ())] > minsk(2026, 7, 14, 9).timestamp()
    )

    await web_bot.telegram_says("/help", tg.private_chat(TELEGRAM_ADMIN["id"]), TELEGRAM_ADMIN)
    commands = await scrape(http, web_bot)
    assert (
        commands[("advocacy_bot_commands_total", (("command", "help"), ("outcome", "ok")))] == 1.0
    )


async def test_two_bots_in_one_process_count_apart(web_bot: Bot, http: ClientSession) -> None:
    from bot.web.metrics import Metrics

    other = Metrics()
    other.reloaded(ok=False)
    mine = await scrape(http, web_bot)
    assert mine.get(("advocacy_bot_reloads_total", (("outcome", "failure"),)), 0.0) == 0.0


async def test_reloads_are_counted_by_outcome(web_bot: Bot, http: ClientSession) -> None:
    app = web_bot.running
    broken = web_bot.settings.facts_dir / "broken.yaml"
    broken.write_text("cards:\n  - id: a\n    titel: x\n", encoding="utf-8")
    assert await app.reloader.reload("test")  # problems: the last good files stay
    broken.unlink()
    assert not await app.reloader.reload("test")
    found = await scrape(http, web_bot)
    assert found[("advocacy_bot_reloads_total", (("outcome", "failure"),))] == 1.0
    assert found[("advocacy_bot_reloads_total", (("outcome", "success"),))] == 1.0

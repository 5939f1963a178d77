"""Webhook mode: updates arrive over HTTP and only with Telegram's secret token."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.adapters.telegram.adapter import TelegramAdapter
from bot.adapters.telegram.webhook import SECRET_HEADER, derive_secret, parse_listen
from bot.settings import Settings
from tests.fakes.telegram_api import FakeTelegram, private_chat, user
from tests.telegram.conftest import FakeApi, make_adapter, started

PUBLIC_URL = "https://bot.example.org/telegram/hook"
SECRET = "s3cret-Token_1"


@pytest.fixture
async def hooked(
    fake: FakeTelegram, settings: Settings, api: FakeApi
) -> AsyncIterator[TelegramAdapter]:
    settings = dataclasses.replace(
        settings,
        telegram_webhook_url=PUBLIC_URL,
        telegram_webhook_listen="127.0.0.1:0",
        telegram_webhook_secret=SECRET,
    )
    async with started(settings, api) as adapter:
        assert adapter.webhook is not None
        # What a load balancer does: the public URL reaches the port the adapter listens on.
        fake.webhook_target = f"http://127.0.0.1:{adapter.webhook.port}/telegram/hook"
        yield adapter


def update_body(fake: FakeTelegram, text: str) -> dict:
    return {"update_id": 900, "message": fake.message(text, private_chat(), user())}


async def test_start_registers_the_webhook_with_its_secret(
    fake: FakeTelegram, hooked: TelegramAdapter
) -> None:
    (call,) = fake.of("setWebhook")
    assert call.params["url"] == PUBLIC_URL
    assert call.params["secret_token"] == SECRET
    assert call.params["allowed_updates"] == [
        "message",
        "channel_post",
        "inline_query",
        "callback_query",
        "my_chat_member",
    ]
    assert not fake.of("getUpdates") and not fake.of("deleteWebhook")


async def test_updates_with_the_right_secret_are_handled(
    fake: FakeTelegram, hooked: TelegramAdapter, api: FakeApi
) -> None:
    fake.command("/today")  # the fake POSTs it to the webhook with the secret header
    (sent,) = await fake.wait_for("sendMessage")
    assert sent.params["text"] == "<b>On this day</b>\n\nNothing today."
    assert fake.webhook_statuses == [200]


async def test_a_wrong_or_missing_secret_is_refused(
    fake: FakeTelegram, hooked: TelegramAdapter, api: FakeApi
) -> None:
    assert hooked.webhook is not None
    url = f"http://127.0.0.1:{hooked.webhook.port}/telegram/hook"
    async with aiohttp.ClientSession() as http:
        for headers in ({SECRET_HEADER: "wrong"}, {}, {SECRET_HEADER: SECRET + "x"}):
            async with http.post(url, json=update_body(fake, "/today"), headers=headers) as r:
                assert r.status == 403
        async with http.post(url, data=b"not json", headers={SECRET_HEADER: SECRET}) as r:
            assert r.status == 400
        async with http.post(
            url, json=update_body(fake, "/about"), headers={SECRET_HEADER: SECRET}
        ) as r:
            assert r.status == 200
    (sent,) = await fake.wait_for("sendMessage")
    assert sent.params["text"] == "<b>About</b>\n\nAdvocacy bot"
    assert [c[0] for c in api.calls] == ["about"]
    assert hooked.webhook.rejected == 3


async def test_stopping_leaves_the_webhook_for_other_instances(
    fake: FakeTelegram, settings: Settings, api: FakeApi
) -> None:
    settings = dataclasses.replace(
        settings, telegram_webhook_url=PUBLIC_URL, telegram_webhook_listen="127.0.0.1:0"
    )
    adapter = make_adapter(settings)
    await adapter.start(api)
    await adapter.stop()
    (call,) = fake.of("setWebhook")
    assert call.params["secret_token"] == derive_secret(fake.token)
    assert not fake.of("deleteWebhook")


def test_listen_addresses() -> None:
    assert parse_listen("0.0.0.0:8443") == ("0.0.0.0", 8443)
    assert parse_listen("[::]:8443") == ("::", 8443)
    assert parse_listen(":8443") == ("0.0.0.0", 8443)
    with pytest.raises(ValueError, match="host:port"):
        parse_listen("8443x")

"""Slash commands end to end: interaction in over the gateway, callback out over REST."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.adapters.discord.adapter import DiscordAdapter, DiscordOptions, create_adapter
from bot.core.commands.registry import COMMANDS, CommandSpec
from bot.core.messages import Message
from bot.settings import Settings
from tests.discord.conftest import ADMIN_ID, FakeBotApi
from tests.discord.helpers import (
    EPHEMERAL,
    assert_pings_nobody,
    embeds,
    message_body,
    unescape,
)
from tests.fakes import discord_payloads as p
from tests.fakes.discord_api import FakeDiscord

SAMPLE_ARGS: dict[str, Any] = {
    "text": "bialiatski",
    "card": "ales-bialiatski/nobel-2022",
    "subject": "ales-bialiatski",
    "int": 7,
    "date": "2026-07-14",
}


def _options(command: CommandSpec) -> dict[str, Any]:
    return {a.name: SAMPLE_ARGS[a.kind] for a in command.arguments}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
async def test_every_command_end_to_end(
    command: CommandSpec, adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    user = ADMIN_ID if command.admin_only else "700000000000000001"
    interaction = await fake.interact(
        fake.slash(command.name, _options(command), user_id=user, permissions=p.MANAGE_CHANNELS)
    )
    (callback,) = await fake.wait_response(interaction)
    assert callback.path == f"/interactions/{interaction['id']}/{interaction['token']}/callback"
    assert callback.body["type"] == 4
    name, args, ctx = bot_api.calls[-1]
    assert name == command.name
    assert args == " ".join(str(v) for v in _options(command).values())
    assert (ctx.platform, ctx.chat_id, ctx.chat_kind) == ("discord", fake.channels[0], "group")
    assert ctx.language == "en" and ctx.is_bot_admin == command.admin_only
    data = message_body(callback)
    assert data["embeds"], data
    private = bool((data.get("flags") or 0) & EPHEMERAL)
    assert private == command.admin_only
    assert_pings_nobody([callback])


async def test_fact_card_embed_fields_and_button(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    interaction = await fake.interact(fake.slash("fact", {"id": "ales-bialiatski/nobel-2022"}))
    (callback,) = await fake.wait_response(interaction)
    (embed,) = embeds([callback])
    assert embed["title"] == "Nobel Peace Prize"
    assert embed["description"] == "Awarded in October 2022."
    assert embed["fields"][0]["name"] == "Sources"
    assert "https://example.org/source" in embed["fields"][0]["value"]
    assert embed["footer"]["text"] == "ales-bialiatski/nobel-2022"
    (row,) = message_body(callback)["components"]
    assert row["components"][0]["custom_id"] == "cmd:/facts ales-bialiatski"
    assert message_body(callback)["allowed_mentions"] == {"parse": []}


async def test_unknown_card_is_answered_privately(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    interaction = await fake.interact(fake.slash("fact", {"id": "nope"}))
    (callback,) = await fake.wait_response(interaction)
    assert message_body(callback)["flags"] & EPHEMERAL


async def test_button_runs_its_command(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    interaction = await fake.interact(fake.button("cmd:/facts ales-bialiatski"))
    (callback,) = await fake.wait_response(interaction)
    assert callback.body["type"] == 4
    assert bot_api.calls[-1][:2] == ("facts", "ales-bialiatski")
    names = [unescape(f["name"]) for f in embeds([callback])[0]["fields"]]
    assert names == ["ales-bialiatski/arrest-2021", "ales-bialiatski/nobel-2022"]
    assert_pings_nobody([callback])


async def test_foreign_button_is_ignored(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    await fake.interact(fake.button("someone-else:42"))
    interaction = await fake.interact(fake.slash("help"))
    await fake.wait_response(interaction)
    assert [c[0] for c in bot_api.calls] == ["help"]


@pytest.mark.parametrize(("command", "option"), [("fact", "id"), ("facts", "query")])
async def test_autocomplete_offers_cards(
    command: str, option: str, adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    interaction = await fake.interact(fake.slash(command, {option: "nob"}, focused=option))
    (callback,) = await fake.wait_response(interaction)
    assert callback.body == {
        "type": 8,
        "data": {
            "choices": [
                {
                    "name": "Nobel Peace Prize · ales-bialiatski/nobel-2022",
                    "value": "ales-bialiatski/nobel-2022",
                }
            ]
        },
    }


async def test_autocomplete_stays_within_discord_limits(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    for i in range(40):
        bot_api.cards[f"x/card-{i}"] = Message(title="A very long title " * 10, card_id=f"x/{i}")
    bot_api.cards["y/" + "z" * 120] = Message(title="id too long for a choice value")
    interaction = await fake.interact(fake.slash("fact", {"id": ""}, focused="id"))
    (callback,) = await fake.wait_response(interaction)
    choices = callback.body["data"]["choices"]
    assert len(choices) == 25
    assert all(1 <= len(c["name"]) <= 100 and 1 <= len(c["value"]) <= 100 for c in choices)


async def test_subscribe_refused_without_manage_channels(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    interaction = await fake.interact(fake.slash("subscribe", permissions=p.MEMBER_PERMISSIONS))
    (callback,) = await fake.wait_response(interaction)
    assert message_body(callback)["flags"] & EPHEMERAL
    assert "manage this channel" in embeds([callback])[0]["description"]
    assert bot_api.subscribed == set()


@pytest.mark.parametrize(
    ("user", "permissions"),
    [("700000000000000001", p.MEMBER_PERMISSIONS | p.MANAGE_CHANNELS), (ADMIN_ID, 0)],
    ids=["manage-channels", "bot-admin"],
)
async def test_subscribe_allowed_to_channel_managers_and_bot_admins(
    user: str, permissions: int, adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    interaction = await fake.interact(
        fake.slash("subscribe", user_id=user, permissions=permissions, channel=fake.channels[1])
    )
    await fake.wait_response(interaction)
    assert bot_api.subscribed == {f"discord:{fake.channels[1]}"}


async def test_admin_command_refused_to_members_even_if_permissions_were_regranted(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    interaction = await fake.interact(fake.slash("status", permissions=p.ALL_PERMISSIONS))
    (callback,) = await fake.wait_response(interaction)
    assert message_body(callback)["flags"] & EPHEMERAL
    assert "admins" in embeds([callback])[0]["description"]
    assert bot_api.calls == []


async def test_direct_message_context(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    interaction = await fake.interact(
        fake.slash("subscribe", dm=True, channel="930000000000000001", locale="pt-BR")
    )
    await fake.wait_response(interaction)
    ctx = bot_api.calls[-1][2]
    assert (ctx.chat_kind, ctx.chat_id, ctx.language) == ("private", "930000000000000001", "pt")
    assert bot_api.subscribed == {"discord:930000000000000001"}


async def test_slow_command_is_deferred_then_edited(
    restore_endpoints: None, settings: Settings, options: DiscordOptions, fake: FakeDiscord
) -> None:
    api = FakeBotApi(delay=0.3)
    started = create_adapter(settings, replace(options, defer_after=0.05))
    await started.start(api)
    try:
        interaction = await fake.interact(fake.slash("fact", {"id": "ales-bialiatski/nobel-2022"}))
        defer, edit = await fake.wait_response(interaction, 2)
        assert defer.body["type"] == 5
        assert not (defer.body.get("data") or {}).get("flags", 0) & EPHEMERAL
        assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
        assert embeds([edit])[0]["title"] == "Nobel Peace Prize"
        assert_pings_nobody([edit])

        # A private reply after a public deferral: the public placeholder is taken back.
        interaction = await fake.interact(fake.slash("fact", {"id": "missing"}))
        defer, delete, followup = await fake.wait_response(interaction, 3)
        assert (delete.method, followup.method) == ("DELETE", "POST")
        assert followup.body["flags"] & EPHEMERAL
        assert started.alive and not fake.unexpected()
    finally:
        await started.stop()


async def test_failing_autocomplete_answers_with_no_choices(
    adapter: DiscordAdapter, fake: FakeDiscord, bot_api: FakeBotApi
) -> None:
    bot_api.cards["broken"] = None  # type: ignore[assignment]
    interaction = await fake.interact(fake.slash("fact", {"id": "b"}, focused="id"))
    (callback,) = await fake.wait_response(interaction)
    assert callback.body == {"type": 8, "data": {"choices": []}}


async def test_rate_limited_callback_is_retried(adapter: DiscordAdapter, fake: FakeDiscord) -> None:
    fake.fail_next("POST /interactions/*/callback", 429, {"retry_after": 0.05, "global": False})
    interaction = await fake.interact(fake.slash("help"))
    await fake.wait_response(interaction)
    attempts = [c.status for c in fake.calls if c.path.endswith(f"{interaction['token']}/callback")]
    assert attempts == [429, 200]

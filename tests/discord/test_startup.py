"""Start-up against the fake: endpoints, login, command sync, gateway handshake, intents."""

from __future__ import annotations

import discord
import discord.gateway
import discord.http
import pytest
import yarl

from bot.adapters.discord import endpoints
from bot.adapters.discord.adapter import DiscordAdapter, DiscordOptions, create_adapter
from bot.core.commands.registry import COMMANDS
from bot.settings import DEFAULT_DISCORD_API_URL, DEFAULT_DISCORD_GATEWAY_URL, Settings
from tests.discord.conftest import FakeBotApi
from tests.fakes.discord_api import FakeDiscord


def test_canary_discord_py_still_has_the_two_endpoint_attributes() -> None:
    """If this fails, a discord.py release moved the REST base or the gateway URL:
    DISCORD_API_URL / DISCORD_GATEWAY_URL would be ignored and the bot would reach
    discord.com from tests. Update bot/adapters/discord/endpoints.py before upgrading."""
    assert isinstance(discord.http.Route.__dict__.get("BASE"), str)
    assert isinstance(discord.gateway.DiscordWebSocket.__dict__.get("DEFAULT_GATEWAY"), yarl.URL)
    route = discord.http.Route("GET", "/users/@me")
    assert route.url == discord.http.Route.BASE + "/users/@me"
    assert discord.version_info[:2] == (2, 7), "re-verify endpoints.py and docs/architecture.md §5"


def test_defaults_are_discords_own(restore_endpoints: None) -> None:
    endpoints.apply(endpoints.Endpoints(DEFAULT_DISCORD_API_URL, DEFAULT_DISCORD_GATEWAY_URL))
    assert discord.http.Route("GET", "/gateway").url == "https://discord.com/api/v10/gateway"
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "wss://gateway.discord.gg/"


def test_factory_applies_settings_urls(restore_endpoints: None) -> None:
    settings = Settings(
        discord_token="t",
        discord_api_url="http://127.0.0.1:9/api/v10/",
        discord_gateway_url="ws://127.0.0.1:9/gateway",
    )
    create_adapter(settings)
    assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/gateway"


def test_bad_urls_are_refused() -> None:
    with pytest.raises(ValueError, match="DISCORD_GATEWAY_URL"):
        endpoints.Endpoints("https://discord.com/api/v10", "https://gateway.discord.gg")


async def test_start_logs_in_syncs_and_identifies(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    keys = [c.key for c in fake.calls]
    assert keys[:4] == [
        "GET /users/@me",
        "GET /oauth2/applications/@me",
        "GET /gateway/bot",  # the sharded client asks how many shards
        f"PUT /applications/{fake.application_id}/commands",
    ]
    synced = {c["name"]: c for c in fake.commands["global"]}
    assert set(synced) == {c.name for c in COMMANDS}
    (card_id,) = synced["fact"]["options"]
    card_id.pop("description_localizations")  # see test_slash_commands_carry_russian_...
    assert card_id == {
        "type": 3,
        "name": "id",
        "description": "Card id, e.g. bialiatski-nobel-ceremony",
        "required": True,
        "autocomplete": True,
    }
    assert synced["upcoming"]["options"][0]["type"] == 4  # an integer option
    assert synced["facts"]["options"][0]["autocomplete"] is True
    for name in ("reload", "preview", "status"):
        assert int(synced[name]["default_member_permissions"]) == 1 << 5  # Manage Server
    assert synced["subscribe"]["default_member_permissions"] is None
    assert synced["language"]["default_member_permissions"] is None  # the service checks
    (code,) = synced["language"]["options"]
    code.pop("description_localizations")
    assert code == {
        "type": 3,
        "name": "code",
        "description": "Language code, e.g. be or ru; default to clear",
        "required": False,
    }
    assert all(len(c["description"]) <= 100 for c in synced.values())
    identify = fake.gateway.identifies[0]
    assert identify["token"] == fake.token
    assert identify["intents"] == discord.Intents(guilds=True).value == 1  # nothing privileged
    assert identify["shard"] == [0, 1]
    assert adapter.client is not None and adapter.client.user is not None


async def test_the_gateway_is_the_configured_one_not_the_one_discord_names(
    restore_endpoints: None, fake: FakeDiscord, settings: Settings, options: DiscordOptions
) -> None:
    """GET /gateway/bot gives the shard count; DISCORD_GATEWAY_URL (a proxy) is still used."""
    fake.bot_gateway_url = "ws://127.0.0.1:9/gateway"  # nothing listens there
    started = create_adapter(settings, options)
    await started.start(FakeBotApi())
    try:
        assert started.connected and len(fake.gateway.identifies) == 1
    finally:
        await started.stop()


async def test_guild_sync_when_guild_id_is_set(
    restore_endpoints: None, fake: FakeDiscord, settings: Settings, options: DiscordOptions
) -> None:
    from dataclasses import replace

    started = create_adapter(replace(settings, discord_guild_id=fake.guild_id), options)
    await started.start(FakeBotApi())
    try:
        assert set(fake.commands) == {fake.guild_id}
        assert len(fake.commands[fake.guild_id]) == len(COMMANDS)
        assert not fake.unexpected()
    finally:
        await started.stop()


async def test_wrong_token_fails_start_loudly(
    restore_endpoints: None, fake: FakeDiscord, settings: Settings, options: DiscordOptions
) -> None:
    from dataclasses import replace

    started = create_adapter(replace(settings, discord_token="wrong"), options)
    with pytest.raises(discord.LoginFailure):
        await started.start(FakeBotApi())
    await started.stop()
    assert not started.alive


async def test_slash_commands_carry_russian_and_english_descriptions(
    restore_endpoints: None, fake: FakeDiscord, settings: Settings, options: DiscordOptions
) -> None:
    started = create_adapter(settings, options)
    await started.start(FakeBotApi())
    try:
        synced = {c["name"]: c for c in fake.commands["global"]}
        facts = synced["facts"]
        assert facts["description"] == "Search the fact cards"
        localized = facts["description_localizations"]
        assert localized["ru"] == "Поиск по карточкам с фактами"
        assert localized["en-US"] == localized["en-GB"] == "Search the fact cards"
        # Only languages the bot speaks; Discord has no Belarusian locale.
        assert set(localized) == {"ru", "en-US", "en-GB"}
        (query,) = facts["options"]
        assert query["description"] == "Words to look for, e.g. nobel"
        assert query["description_localizations"]["ru"] == "Слова для поиска, например nobel"
        status = synced["status"]["description_localizations"]
        assert status["ru"] == "Состояние, ближайшие запуски и проблемы с доставкой"
        # Names stay the English ones everywhere, as /help and Telegram show them.
        assert not any(c.get("name_localizations") for c in synced.values())
        assert all(
            0 < len(text) <= 100
            for c in synced.values()
            for text in [c["description"], *c["description_localizations"].values()]
        )
    finally:
        await started.stop()

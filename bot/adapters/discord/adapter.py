"""The Discord adapter: one discord.py client beside the other adapters in the bot's loop.

`create_adapter(settings)` is the factory the composition root calls when DISCORD_BOT_TOKEN
is set, and the one place that applies DISCORD_API_URL / DISCORD_GATEWAY_URL (tests use it
too, pointed at the fake server). `start` never calls `client.run()`, which would own the
event loop: it runs `client.start(token)` as a task and races it against
`wait_until_ready()`, so a failed login is raised instead of waited on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
from discord import app_commands

from bot.adapters.base import PlatformUnreachable, TokenRejected
from bot.adapters.discord import endpoints
from bot.adapters.discord.commands import CatalogueTranslator, Interactions, build_commands
from bot.adapters.discord.pacing import Pacer, PacingLimits
from bot.adapters.discord.probe import ChannelProbe
from bot.adapters.discord.sender import DiscordSender
from bot.adapters.pace import PaceClock
from bot.service.api import BotApi
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiscordOptions:
    """Tunables; the defaults are production's, tests shrink the waits."""

    guild_ready_timeout: float = 2.0  # quiet time after READY before on_ready (discord.py)
    ready_timeout: float = 60.0  # give up starting after this long
    defer_after: float = 1.0  # defer an interaction whose reply is not ready by then
    request_timeout: float = 15.0  # a channel post with no answer after this is in doubt
    max_in_flight: int = 8
    pacing: PacingLimits = field(default_factory=PacingLimits)
    pace_clock: PaceClock | None = None  # None: the event loop's; tests pass their own


class DiscordTokenRejected(discord.LoginFailure, TokenRejected):
    """Discord answered 401 to the login: DISCORD_BOT_TOKEN is wrong or was reset."""


def intents() -> discord.Intents:
    """Guilds only: slash commands need no message content and no member list."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    return chosen


class _Client(discord.AutoShardedClient):
    """discord.py's sharded client with our command tree, synced in `setup_hook` before
    connecting. Sharded from the start: Discord requires shards past 2,500 servers, and
    `GET /gateway/bot` says how many (one for a small bot, the same as a plain client)."""

    def __init__(self, adapter: DiscordAdapter, interactions: Interactions, **options: Any) -> None:
        super().__init__(**options)
        self._adapter = adapter
        self._interactions = interactions
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        for command in build_commands(interactions):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        if self.shard_count is None:
            # Discord says how many shards; connecting to DISCORD_GATEWAY_URL rather than the
            # URL it names alongside keeps a configured gateway proxy in the path.
            self.shard_count, _, _ = await self.http.get_bot_gateway()
        await self.tree.set_translator(CatalogueTranslator())
        guild_id = self._adapter.settings.discord_guild_id
        if guild_id:
            guild = discord.Object(int(guild_id))
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("discord: %d slash commands synced (%s)", len(synced), guild_id or "global")

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """A deleted channel can get no posts: stop its subscription now."""
        await self._interactions.api.chat_removed("discord", str(channel.id))

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.type is discord.InteractionType.component:
            await self._interactions.button(interaction)

    async def _on_tree_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        log.error("discord: interaction %s failed", interaction.id, exc_info=error)


class DiscordAdapter:
    """Implements `bot.adapters.base.Adapter` for Discord."""

    platform = "discord"

    def __init__(self, settings: Settings, options: DiscordOptions | None = None) -> None:
        if not settings.discord_token:
            raise ValueError("DISCORD_BOT_TOKEN is not set")
        self.settings = settings
        self.options = options or DiscordOptions()
        self.pacer = Pacer(self.options.pacing, clock=self.options.pace_clock)
        self._probe = ChannelProbe()
        self._client: _Client | None = None
        self._task: asyncio.Task[None] | None = None
        self._sender = DiscordSender(
            lambda: self._client,
            self.pacer,
            self._probe,
            request_timeout=self.options.request_timeout,
            max_in_flight=self.options.max_in_flight,
        )

    @property
    def sender(self) -> DiscordSender:
        return self._sender

    @property
    def client(self) -> discord.AutoShardedClient | None:
        return self._client

    @property
    def connected(self) -> bool:
        """Logged in and every shard's gateway socket is open (discord.py reconnects them)."""
        client = self._client
        if client is None or not client.is_ready() or client.is_closed():
            return False
        shards = client.shards
        return bool(shards) and not any(shard.is_closed() for shard in shards.values())

    @property
    def alive(self) -> bool:
        """Whether the client task still runs (it ends only on a fatal error or `stop`)."""
        return self._task is not None and not self._task.done()

    async def start(self, api: BotApi) -> None:
        interactions = Interactions(api, self.settings, defer_after=self.options.defer_after)
        self._client = client = _Client(
            self,
            interactions,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=self.options.guild_ready_timeout,
            chunk_guilds_at_startup=False,
            max_ratelimit_timeout=30.0,
            http_trace=self._probe.trace_config(),
        )
        token = self.settings.discord_token or ""  # checked in __init__
        self._task = task = asyncio.create_task(client.start(token), name="discord-client")
        ready = asyncio.ensure_future(client.wait_until_ready())
        done, _ = await asyncio.wait(
            {task, ready}, timeout=self.options.ready_timeout, return_when="FIRST_COMPLETED"
        )
        if ready in done:
            log.info("discord: ready as %s", client.user)
            return
        ready.cancel()
        # Close this client before raising: a later attempt (see the supervisor) builds a
        # new one, and nothing of this one may keep running.
        await self.stop()
        if task in done:
            try:
                task.result()  # raises LoginFailure, PrivilegedIntentsRequired, HTTPException...
            except discord.LoginFailure:
                raise DiscordTokenRejected(
                    "Discord refused the bot token (401): check DISCORD_BOT_TOKEN"
                ) from None
            except discord.HTTPException as exc:
                if exc.status < 500:
                    raise
                raise PlatformUnreachable(f"HTTP {exc.status}") from exc
            except (OSError, aiohttp.ClientError, discord.ConnectionClosed) as exc:
                raise PlatformUnreachable(type(exc).__name__) from exc
            raise PlatformUnreachable("the client stopped before it was ready")
        raise PlatformUnreachable(f"not ready after {self.options.ready_timeout:.0f}s")

    async def stop(self) -> None:
        client, task = self._client, self._task
        if client is not None:
            await client.close()
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


def create_adapter(settings: Settings, options: DiscordOptions | None = None) -> DiscordAdapter:
    """The factory: points discord.py at the configured endpoints, then builds the adapter."""
    endpoints.apply(endpoints.Endpoints(settings.discord_api_url, settings.discord_gateway_url))
    return DiscordAdapter(settings, options)

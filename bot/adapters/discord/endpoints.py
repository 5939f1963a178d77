"""Where discord.py connects: the one place that points it at `DISCORD_API_URL` and friends.

discord.py 2.x has no constructor option for the REST base or the gateway URL: both are class
attributes (`discord.http.Route.BASE`, `discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`;
docs/architecture.md §5). Setting them is configuration, done here for production and tests
alike, so a REST or gateway proxy and the fake server use the same code path. They are process-wide:
every Discord client in one process talks to the same endpoints. The canary test fails
loudly if a release moves either attribute.
"""

from __future__ import annotations

from dataclasses import dataclass

import discord.gateway
import discord.http
import yarl


@dataclass(frozen=True, slots=True)
class Endpoints:
    api_url: str  # REST base, e.g. "https://discord.com/api/v10"
    gateway_url: str  # first gateway connection; resumes go to READY's resume_gateway_url

    def __post_init__(self) -> None:
        if not self.api_url.startswith(("http://", "https://")):
            raise ValueError(f"DISCORD_API_URL must be an http(s) URL, not {self.api_url!r}")
        if not self.gateway_url.startswith(("ws://", "wss://")):
            raise ValueError(f"DISCORD_GATEWAY_URL must be a ws(s) URL, not {self.gateway_url!r}")


def current() -> Endpoints:
    """What discord.py would connect to right now."""
    return Endpoints(
        api_url=discord.http.Route.BASE,
        gateway_url=str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY),
    )


def apply(endpoints: Endpoints) -> None:
    """Point discord.py at `endpoints` (before any Route is built: a Route reads BASE once)."""
    if not hasattr(discord.http.Route, "BASE") or not hasattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY"
    ):  # pragma: no cover - the canary test pins this
        raise RuntimeError(
            "this discord.py release moved Route.BASE or DiscordWebSocket.DEFAULT_GATEWAY; "
            "update bot/adapters/discord/endpoints.py"
        )
    discord.http.Route.BASE = endpoints.api_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(endpoints.gateway_url)

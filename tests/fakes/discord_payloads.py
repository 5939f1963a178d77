"""Gateway and REST payloads with every field discord.py 2.7 requires.

A dispatch missing a mandatory key (for example `attachment_size_limit`) raises inside
discord.py's parser and kills the client task (docs/architecture.md §5), so tests never write these
by hand: they call the builders here, which mirror what Discord sends.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
ALL_PERMISSIONS = (1 << 51) - 1
# Send Messages, View Channel, Read History... but not Manage Channels (1 << 4).
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 6) | (1 << 14) | (1 << 31)
MANAGE_CHANNELS = 1 << 4
OPTION_TYPES = {str: 3, int: 4, bool: 5, float: 10}


class Snowflakes:
    """Discord-shaped ids that increase like real ones (time in the high bits)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next(self) -> str:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (next(self._counter) & 0x3FFFFF))


def user(user_id: str, name: str = "ann", *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": bot,
    }


def text_channel(channel_id: str, guild_id: str, name: str = "general") -> dict[str, Any]:
    return {
        "id": channel_id,
        "type": 0,
        "guild_id": guild_id,
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
    }


def dm_channel(channel_id: str, recipient: dict[str, Any]) -> dict[str, Any]:
    return {"id": channel_id, "type": 1, "recipients": [recipient], "last_message_id": None}


def guild_create(guild_id: str, channels: list[str], name: str = "Advocacy") -> dict[str, Any]:
    """GUILD_CREATE as sent after READY, enough for `client.get_channel` to work."""
    return {
        "id": guild_id,
        "name": name,
        "unavailable": False,
        "member_count": 2,
        "large": False,
        "features": [],
        "owner_id": "1",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "vanity_url_code": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "roles": [
            {
                "id": guild_id,
                "name": "@everyone",
                "permissions": str(MEMBER_PERMISSIONS),
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "channels": [
            text_channel(c, guild_id, name=f"channel-{i}") | {"position": i}
            for i, c in enumerate(channels)
        ],
        "emojis": [],
        "stickers": [],
        "members": [],
        "presences": [],
        "voice_states": [],
        "threads": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "joined_at": "2024-01-01T00:00:00+00:00",
    }


def message(
    message_id: str, channel_id: str, author: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    """A message object as Discord returns it from create-message and webhooks."""
    return {
        "id": message_id,
        "channel_id": channel_id,
        "type": 0,
        "content": body.get("content") or "",
        "author": author,
        "timestamp": "2024-01-01T00:00:00.000000+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "pinned": False,
        "flags": body.get("flags", 0) or 0,
        "components": body.get("components") or [],
        "nonce": body.get("nonce"),
    }


def interaction(
    *,
    interaction_id: str,
    application_id: str,
    kind: int,
    data: dict[str, Any],
    channel_id: str,
    guild_id: str | None,
    user_id: str,
    permissions: int,
    locale: str,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """INTERACTION_CREATE `d` with every key discord.py reads unconditionally."""
    who = user(user_id)
    payload: dict[str, Any] = {
        "id": interaction_id,
        "application_id": application_id,
        "type": kind,
        "token": f"itoken-{interaction_id}",
        "version": 1,
        "data": data,
        "channel_id": channel_id,
        "locale": locale,
        "app_permissions": str(ALL_PERMISSIONS),
        "entitlements": [],
        "attachment_size_limit": 10485760,
    }
    if guild_id is not None:
        payload |= {
            "guild_id": guild_id,
            "guild_locale": "en-US",
            "channel": text_channel(channel_id, guild_id),
            "member": {
                "user": who,
                "roles": [],
                "joined_at": "2024-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": str(permissions),
            },
            "authorizing_integration_owners": {"0": guild_id},
            "context": 0,
        }
    else:
        payload |= {
            "channel": dm_channel(channel_id, who),
            "user": who,
            "authorizing_integration_owners": {"0": guild_id or "0"},
            "context": 1,
        }
    return payload | (extra or {})


def command_options(options: dict[str, Any], focused: str | None = None) -> list[dict[str, Any]]:
    """Slash-command options as Discord sends them: typed, the focused one flagged."""
    out: list[dict[str, Any]] = []
    for name, value in options.items():
        option: dict[str, Any] = {"name": name, "type": OPTION_TYPES[type(value)], "value": value}
        if name == focused:
            option["focused"] = True
        out.append(option)
    return out

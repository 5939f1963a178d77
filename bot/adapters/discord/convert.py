"""Rendered payloads (plain dicts from render.py) as discord.py send arguments.

render.py stays free of discord.py so `preview` runs without it; discord.py only sends
`Embed` objects and `View`s, so this is the one translation between the two. Views are
stopped before sending: they are built only to carry components, and a stopped view is not
kept in discord.py's view store (which would otherwise grow with every post). Button presses
arrive as interactions with `custom_id` "cmd:<command line>" and run that command.
"""

from __future__ import annotations

from typing import Any

import discord

COMMAND_PREFIX = "cmd:"


def send_kwargs(payload: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for `send`/`send_message`/`followup.send` from one payload.

    Must run inside the event loop (a View creates a future).
    """
    kwargs: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(e) for e in payload.get("embeds") or []],
        "allowed_mentions": discord.AllowedMentions.none(),  # besides the client default
    }
    if payload.get("content"):
        kwargs["content"] = payload["content"]
    view = _view(payload.get("components") or [])
    if view is not None:
        kwargs["view"] = view
    return kwargs


def _view(rows: list[dict[str, Any]]) -> discord.ui.View | None:
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for index, row in enumerate(rows):
        for c in row.get("components", []):
            if c.get("type") != 2:
                continue
            view.add_item(
                discord.ui.Button(
                    style=discord.ButtonStyle(c.get("style", 2)),
                    label=c.get("label"),
                    custom_id=c.get("custom_id"),
                    url=c.get("url"),
                    row=index,
                )
            )
    view.stop()
    return view


def command_of(custom_id: str) -> tuple[str, str] | None:
    """("fact", "x/y") for "cmd:/fact x/y"; None if the id is not one of our buttons."""
    if not custom_id.startswith(COMMAND_PREFIX):
        return None
    line = custom_id.removeprefix(COMMAND_PREFIX).strip().lstrip("/")
    name, _, args = line.partition(" ")
    return (name.lower(), args.strip()) if name else None

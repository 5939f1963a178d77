"""What Discord's REST answers look like on the wire, and what it refuses.

Kept apart from the fake server so the rules read in one place: the exact Content-Type
discord.py needs, the headers of a real 429, and create-message validation (the embed limits a
renderer must respect, so a renderer bug shows up as the 400 Discord would answer).
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


def respond(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with Content-Type exactly `application/json`: discord.py parses nothing else."""
    return web.Response(
        status=status,
        body=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"} | (headers or {}),
    )


def error_body(status: int, message: str | None = None, code: int = 0) -> dict[str, Any]:
    if status == 429:
        return {"message": "You are being rate limited.", "retry_after": 0.1, "global": False}
    default = {403: ("Missing Access", 50001), 404: ("Unknown Channel", 10003)}
    text, default_code = default.get(status, (f"{status}: error", 0))
    return {"message": message or text, "code": code or default_code}


def rate_limit_headers(retry_after: float, is_global: bool) -> dict[str, str]:
    """The headers of a real 429; without `Via`, discord.py takes it for a Cloudflare ban."""
    headers = {
        "Via": "1.1 google",
        "Retry-After": str(max(1, round(retry_after))),
        "X-RateLimit-Scope": "global" if is_global else "user",
    }
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    return headers


EMBED_LIMITS = {"title": 256, "description": 4096}


def message_problem(body: Any) -> dict[str, Any] | None:
    """Discord's create-message validation (the limits a renderer must respect), or None."""
    if not isinstance(body, dict):
        return {"_errors": [{"code": "DICT_TYPE_CONVERT", "message": "Only dictionaries"}]}
    problems: dict[str, Any] = {}
    content = body.get("content") or ""
    embeds = body.get("embeds") or []
    if len(content) > 2000:
        problems["content"] = "Must be 2000 or fewer in length."
    if not content and not embeds and not body.get("components"):
        problems["content"] = "Cannot send an empty message"
    nonce = body.get("nonce")
    if nonce is not None and len(str(nonce)) > 25:
        problems["nonce"] = "Must be 25 or fewer in length."
    if len(embeds) > 10:
        problems["embeds"] = "Must be 10 or fewer in length."
    total = 0
    for i, embed in enumerate(embeds):
        for key, cap in EMBED_LIMITS.items():
            size = len(embed.get(key) or "")
            total += size
            if size > cap:
                problems[f"embeds.{i}.{key}"] = f"Must be {cap} or fewer in length."
        fields = embed.get("fields") or []
        if len(fields) > 25:
            problems[f"embeds.{i}.fields"] = "Must be 25 or fewer in length."
        for f in fields:
            total += len(f.get("name", "")) + len(f.get("value", ""))
            if len(f.get("name", "")) > 256 or len(f.get("value", "")) > 1024:
                problems[f"embeds.{i}.fields"] = "Field too long."
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        total += len(footer) + len(author)
        if len(footer) > 2048 or len(author) > 256:
            problems[f"embeds.{i}"] = "Footer or author too long."
    if total > 6000:
        problems["embeds"] = "Embed size exceeds maximum size of 6000"
    return problems or None

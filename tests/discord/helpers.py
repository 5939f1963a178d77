"""Reading what the bot sent: embeds out of recorded calls, escaped text back to plain."""

from __future__ import annotations

import re
from typing import Any

from tests.fakes.discord_api import Call

NO_PINGS = {"parse": []}
EPHEMERAL = 1 << 6
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
# A mention Discord would resolve: "<@", "<@&", "<#" not escaped by a backslash, or
# "@everyone" / "@here" not broken by a zero-width space.
_LIVE_MENTION = re.compile(r"(?<!\\)<[@#]|@(?:everyone|here)")


def message_body(call: Call) -> dict[str, Any]:
    """The message part of a request: an interaction callback's `data`, else the body."""
    body = call.body or {}
    if call.path.endswith("/callback"):
        return body.get("data") or {}
    return body


def embeds(calls: list[Call]) -> list[dict[str, Any]]:
    return [e for c in calls for e in message_body(c).get("embeds") or []]


def unescape(text: str) -> str:
    """Undo the renderer's escaping: what a reader sees on Discord."""
    return _AUTOLINK.sub(r"\1", _ESCAPED.sub(r"\1", text.replace("\u200b", "")))


def shown_prose(calls: list[Call]) -> str:
    """Titles and descriptions of every embed, unescaped, in order."""
    parts = []
    for e in embeds(calls):
        parts += [e[k] for k in ("title", "description") if k in e]
    return unescape("\n".join(parts))


def squashed(text: str) -> str:
    """Text without whitespace, to compare content across split boundaries."""
    return "".join(text.split())


def assert_pings_nobody(calls: list[Call]) -> None:
    for call in calls:
        body = message_body(call)
        if call.method == "DELETE":
            continue
        assert body.get("allowed_mentions") == NO_PINGS, (call.key, body.get("allowed_mentions"))
        for text in _strings(body):
            found = _LIVE_MENTION.search(text)
            assert found is None, (found, text[:200], call.key)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []

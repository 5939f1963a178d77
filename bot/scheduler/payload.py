"""Composed messages as JSON, so the ledger can replay exactly what an occurrence says.

A broadcast resumed after a crash, a restart or a reload must send the same text to the
remaining chats as to the first ones (and the same rotation card), so the occurrence row
stores its composed messages rather than re-composing them from the current files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from bot.core.messages import Button, Item, Link, Message


def encode(messages: Sequence[Message]) -> str:
    return json.dumps([_message(m) for m in messages], ensure_ascii=False, sort_keys=True)


def decode(payload: str) -> tuple[Message, ...]:
    return tuple(_from_dict(d) for d in json.loads(payload))


def content_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _message(m: Message) -> dict[str, Any]:
    return {
        "title": m.title,
        "paragraphs": list(m.paragraphs),
        "preformatted": m.preformatted,
        "items": [[i.key, i.text] for i in m.items],
        "sources": [[s.url, s.title] for s in m.sources],
        "footer": m.footer,
        "buttons": [[b.label, b.command, b.url] for b in m.buttons],
        "card_id": m.card_id,
    }


def _from_dict(d: dict[str, Any]) -> Message:
    return Message(
        title=d.get("title"),
        paragraphs=tuple(d.get("paragraphs", ())),
        preformatted=d.get("preformatted"),
        items=tuple(Item(k, t) for k, t in d.get("items", ())),
        sources=tuple(Link(u, t) for u, t in d.get("sources", ())),
        footer=d.get("footer"),
        buttons=tuple(Button(label, command, url) for label, command, url in d.get("buttons", ())),
        card_id=d.get("card_id"),
    )

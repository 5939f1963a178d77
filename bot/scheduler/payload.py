"""Composed messages as JSON, so the ledger can replay exactly what an occurrence says.

A broadcast resumed after a crash, a restart or a reload must send the same text to the
remaining chats as to the first ones (and the same rotation card), so the occurrence row
stores its composed messages rather than re-composing them from the current files.

An occurrence is composed once per language in use, and the payload keeps them all, with
the language of each named target (from the schedule) and the one for subscribers whose
chat chose none. Payloads of the previous release are a bare list of messages: English.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from bot.core.i18n import DEFAULT_LANGUAGE
from bot.core.messages import Button, Item, Link, Message


@dataclass(frozen=True)
class Payload:
    """What one occurrence says, per language, and who reads which language.

    `default` is always one of `messages`' languages: the one a chat gets when it has
    none of its own, or one the occurrence was not composed in.
    """

    messages: Mapping[str, tuple[Message, ...]]
    default: str = DEFAULT_LANGUAGE
    targets: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.default not in self.messages:
            raise ValueError(f"payload has no messages in its default language {self.default!r}")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.messages)

    def language_for(self, target: str, chat_language: str | None) -> str:
        """A named target's schedule language, else the chat's own, else the default."""
        for language in (self.targets.get(target), chat_language):
            if language is not None and language in self.messages:
                return language
        return self.default

    def needs_chat_language(self, target: str) -> bool:
        """Whether the chat's own language could change what `target` gets (a lookup)."""
        return len(self.messages) > 1 and target not in self.targets

    def for_target(self, target: str, chat_language: str | None) -> tuple[Message, ...]:
        return self.messages[self.language_for(target, chat_language)]


def encode(payload: Payload) -> str:
    body = {
        "default": payload.default,
        "targets": dict(sorted(payload.targets.items())),
        "messages": {lang: [_message(m) for m in msgs] for lang, msgs in payload.messages.items()},
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def decode(text: str) -> Payload:
    body = json.loads(text)
    if isinstance(body, list):  # written by the release before languages: English
        return Payload({DEFAULT_LANGUAGE: _messages(body)})
    return Payload(
        {lang: _messages(msgs) for lang, msgs in body["messages"].items()},
        default=body["default"],
        targets=body.get("targets", {}),
    )


def content_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _messages(items: Sequence[dict[str, Any]]) -> tuple[Message, ...]:
    return tuple(_from_dict(d) for d in items)


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
        "language": m.language,
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
        language=d.get("language"),
    )

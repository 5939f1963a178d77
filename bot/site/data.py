"""`cards.json` and its JSON Schema: the cards as data, for partner sites to reuse.

The schema is written here beside the code that writes the data, and a test validates
every build's file against it, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.core.calendar import file_key
from bot.core.content import ContentSet

SCHEMA_ID = "cards.schema.json"
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_TEXTS = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
_SOURCE = {
    "type": "object",
    "required": ["url", "title"],
    "properties": {
        "url": {"type": "string", "pattern": "^https?://"},
        "title": {"type": "string"},
    },
    "additionalProperties": False,
}
_SLUG = {"type": "string", "pattern": "^[a-z0-9-]+$"}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Sourced fact cards",
    "description": "Every card of the bot, with its dates, texts, translations and sources.",
    "type": "object",
    "required": ["generated", "languages", "subjects", "cards"],
    "additionalProperties": False,
    "properties": {
        "generated": {"type": "string", "format": "date", "description": "the build day"},
        "languages": {"type": "array", "items": {"type": "string"}},
        "subjects": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "translations"],
                "additionalProperties": False,
                "properties": {
                    "id": _SLUG,
                    "name": {"type": "string"},
                    "born": _DATE,
                    "translations": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "required": ["name"],
                            "properties": {"name": {"type": "string"}},
                            "additionalProperties": False,
                        },
                    },
                },
            },
        },
        "cards": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "subject", "title", "text", "sources", "tags", "translations"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$"},
                    "subject": _SLUG,
                    "date": _DATE,
                    "title": {"type": "string"},
                    "text": {"type": "string"},
                    "sources": {"type": "array", "minItems": 1, "items": _SOURCE},
                    "tags": {"type": "array", "items": _SLUG},
                    "translations": {"type": "object", "additionalProperties": _TEXTS},
                },
            },
        },
    },
}


def cards_data(content: ContentSet, languages: tuple[str, ...], day: date) -> dict[str, Any]:
    subjects = [
        {
            "id": s.id,
            "name": s.name,
            **({"born": str(s.born)} if s.born is not None else {}),
            "translations": {code: {"name": tr.name} for code, tr in s.translations.items()},
        }
        for s in content.subjects.values()
    ]
    cards = []
    for rec in content.cards:
        card = rec.card
        translations = {
            code: {k: v for k, v in (("title", tr.title), ("text", tr.text)) if v is not None}
            for code, tr in card.translations.items()
        }
        cards.append(
            {
                "id": rec.global_id,
                "subject": file_key(rec),
                **({"date": str(card.date)} if card.date is not None else {}),
                "title": card.title,
                "text": card.text,
                "sources": [{"url": str(s.url), "title": s.title} for s in card.sources],
                "tags": list(card.tags),
                "translations": translations,
            }
        )
    return {
        "generated": day.isoformat(),
        "languages": list(languages),
        "subjects": subjects,
        "cards": cards,
    }


def to_json(data: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON, keys in a fixed order: two builds of the same files are equal.

    Compact because `indent` makes Python's json fall back from its C encoder.
    """
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()

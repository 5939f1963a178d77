"""The JSON Schema (draft 2020-12) of fact and schedule files, from the loader's own models.

pydantic writes a tagged union with the non-standard `discriminator` keyword; validators
that ignore it try every branch and blame the wrong field ("'since' is a required
property" for a mistake in a birthday post). The post union is rewritten here in standard
terms: the fields all kinds share are checked once, each kind's own fields in an
`if kind is X then ...` branch, and `unevaluatedProperties: false` rejects any other key.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from bot.core.fact_files import FactFile
from bot.core.schedule_files import POST_KINDS, ScheduleFile

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "facts": (
        FactFile,
        "Advocacy bot fact file",
        "Sourced fact cards, optionally about one subject (facts/*.yaml).",
    ),
    "schedules": (
        ScheduleFile,
        "Advocacy bot schedule file",
        "What the bot posts by itself, when and where (schedules/*.yaml).",
    ),
}


def json_schema(kind: str) -> dict[str, Any]:
    """The draft 2020-12 schema of `kind` ('facts' or 'schedules'), without an `$id`."""
    model, title, description = KINDS[kind]
    body = model.model_json_schema()
    body.pop("$id", None)
    body.update(title=title, description=description)
    if kind == "schedules":
        _standard_post_union(body)
    return {"$schema": DRAFT, **body}


def _standard_post_union(body: dict[str, Any]) -> None:
    defs: dict[str, Any] = body["$defs"]
    by_kind = {
        _kind_of(schema): name for name, schema in defs.items() if _kind_of(schema) in POST_KINDS
    }
    models = [defs[by_kind[kind]] for kind in POST_KINDS]
    shared = [p for p in models[0]["properties"] if all(p in m["properties"] for m in models)]
    properties = {p: models[0]["properties"][p] for p in shared}
    properties["kind"] = {
        "enum": list(POST_KINDS),
        "description": "what the post says: anniversaries, one card in turn, a count of "
        "days, or birthdays",
        "examples": ["on-this-day"],
    }
    branches: list[dict[str, Any]] = []
    for kind in POST_KINDS:
        model = defs.pop(by_kind[kind])
        own = {p: s for p, s in model["properties"].items() if p not in shared}
        then: dict[str, Any] = {"properties": own}
        required = [r for r in model.get("required", []) if r not in shared]
        if required:
            then["required"] = required
        branches.append(
            {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": then}
        )
    # "give exactly one of `at` or `cron`"
    branches.append({"oneOf": [{"required": ["at"]}, {"required": ["cron"]}]})
    required_everywhere = [r for r in models[0].get("required", []) if r in shared]
    body["properties"]["posts"]["items"] = {
        "type": "object",
        "description": "one post: when (`at` or `cron`), what (`kind`) and where (`to`)",
        "properties": properties,
        "required": sorted({*required_everywhere, "kind"}, key=[*shared, "kind"].index),
        "allOf": branches,
        "unevaluatedProperties": False,
    }
    if not defs:
        del body["$defs"]


def _kind_of(schema: dict[str, Any]) -> str | None:
    kind = schema.get("properties", {}).get("kind", {})
    const = kind.get("const")
    return const if isinstance(const, str) else None

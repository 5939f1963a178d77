"""`advocacy-bot schema [facts|schedules]`: the JSON Schema of fact or schedule files.

Editors' YAML plugins (VS Code's YAML extension, JetBrains) use it to complete keys and
flag mistakes while an admin types. It is generated from the same pydantic models the
loader validates with, so the editor and `advocacy-bot validate` never disagree on a shape.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic import BaseModel

from bot.cli.common import parser
from bot.core.fact_files import FactFile
from bot.core.schedule_files import ScheduleFile

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
    return {"$schema": DRAFT, **body}


def main(argv: list[str]) -> int:
    p = parser("schema", "Print the JSON Schema (draft 2020-12) of fact or schedule files.")
    p.add_argument("kind", nargs="?", choices=tuple(KINDS), default="facts")
    args = p.parse_intermixed_args(argv)
    sys.stdout.write(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n")
    return 0

"""`advocacy-bot schema [facts|schedules]`: the JSON Schema of fact or schedule files.

Editors' YAML plugins (VS Code's YAML extension, JetBrains) use it to complete keys and
flag mistakes while an admin types. It is generated from the same pydantic models the
loader validates with (bot.core.json_schema), so the editor and `advocacy-bot validate`
agree on every shape; docs/admin-guide.md lists what only `validate` can catch.
"""

from __future__ import annotations

import json
import sys

from bot.cli.common import parser
from bot.core.json_schema import KINDS, json_schema


def main(argv: list[str]) -> int:
    p = parser("schema", "Print the JSON Schema (draft 2020-12) of fact or schedule files.")
    p.add_argument("kind", nargs="?", choices=tuple(KINDS), default="facts")
    args = p.parse_intermixed_args(argv)
    sys.stdout.write(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n")
    return 0

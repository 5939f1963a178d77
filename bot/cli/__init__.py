"""The `advocacy-bot` console script: one `main(argv) -> int` per subcommand.

Subcommand modules are imported only when chosen, so `validate` never pays for (or
depends on) the platform libraries.
"""

from __future__ import annotations

import importlib
import os
import sys

from bot import __version__

SUBCOMMANDS = {
    "run": ("bot.cli.run", "run the bot (console adapter when no token is set)"),
    "validate": ("bot.cli.validate", "check fact and schedule files"),
    "preview": ("bot.cli.preview", "show the posts of a day as each platform would"),
    "schema": ("bot.cli.schema", "print the JSON Schema of fact or schedule files"),
    "db": ("bot.cli.db", "database maintenance (db upgrade)"),
    "site": ("bot.cli.site", "write the public site: pages, calendar, feeds, data"),
}
_COMMON_WITH_VALUE = ("--facts", "--schedules")

USAGE = "usage: advocacy-bot [--facts DIR] [--schedules DIR] {" + ",".join(SUBCOMMANDS) + "} ..."


def _help() -> str:
    lines = [USAGE, "", "subcommands:"]
    lines += [f"  {name:<9} {text}" for name, (_, text) in SUBCOMMANDS.items()]
    lines += ["", "Run `advocacy-bot SUBCOMMAND --help` for its options."]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    common: list[str] = []
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        arg = argv[i]
        if arg in ("-h", "--help"):
            print(_help())  # noqa: T201 - CLI output
            return 0
        if arg == "--version":
            print(f"advocacy-bot {__version__}")  # noqa: T201 - CLI output
            return 0
        if arg in _COMMON_WITH_VALUE and i + 1 < len(argv):
            common += argv[i : i + 2]
            i += 2
        elif arg.split("=", 1)[0] in _COMMON_WITH_VALUE and "=" in arg:
            common.append(arg)
            i += 1
        else:
            print(f"{USAGE}\nadvocacy-bot: error: unknown option {arg}", file=sys.stderr)  # noqa: T201
            return 2
    if i >= len(argv) or argv[i] not in SUBCOMMANDS:
        what = f"unknown subcommand {argv[i]!r}" if i < len(argv) else "a subcommand is required"
        print(f"{USAGE}\nadvocacy-bot: error: {what}", file=sys.stderr)  # noqa: T201
        return 2
    module = importlib.import_module(SUBCOMMANDS[argv[i]][0])
    try:
        return int(module.main(common + argv[i + 1 :]))
    except SystemExit as exc:  # argparse's usage errors (2), --help (0), or a message
        if isinstance(exc.code, int):
            return exc.code
        if exc.code is not None:
            print(exc.code, file=sys.stderr)  # noqa: T201 - CLI diagnostics
        return 2


def entrypoint() -> None:
    try:
        code = main(sys.argv[1:])
        sys.stdout.flush()
    except BrokenPipeError:
        # `advocacy-bot preview | head`: the reader left; say nothing more (Python docs'
        # recipe: point stdout at devnull so the interpreter's final flush stays quiet).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    sys.exit(code)

"""Bounds on what people type, checked before a command does any work.

Every argument a command takes is declared in the registry with its kind; here each kind
has a limit, so a 9,000-character query or a date in year 1 gets a short answer instead of
a slow search, a database error or an OverflowError (`/preview 0001-01-01` left Telegram
without a reply and ended the console bot). The answers' words are in the catalogues.
"""

from __future__ import annotations

from datetime import date

from bot.core.commands.registry import CommandSpec
from bot.core.commands.replies import notice
from bot.core.i18n import texts
from bot.core.messages import Reply

# The longest text each kind of argument may be; "int" is checked by its command.
MAX_CHARS = {"text": 200, "card": 129, "subject": 200, "date": 10}
# The days a date argument may name: wide enough for any fact and any plan, and far from
# the ends of Python's calendar, where the day after or a time zone's offset overflows.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def parse_day(text: str) -> date | None:
    """A YYYY-MM-DD date from FIRST_DAY to LAST_DAY, else None."""
    if len(text) != len("YYYY-MM-DD"):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def day_problem(text: str, language: str | None = None) -> str | None:
    """Why `text` is no date a command accepts, or None when it is one."""
    if parse_day(text) is not None:
        return None
    t = texts(language)
    try:
        date.fromisoformat(text)
    except ValueError:
        return t("arg-not-a-date", text=f"“{text[:20]}”")
    return t("arg-date-range", first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())


def check_arguments(command: CommandSpec, args: str, language: str | None = None) -> Reply | None:
    """A usage notice when `args` break a limit of `command`'s arguments, else None.

    A command without arguments ignores what follows it, so nothing is checked for it.
    """
    text = args.strip()
    if not command.arguments or not text:
        return None
    last = command.arguments[-1]  # the one argument that takes the rest of the line
    t = texts(language)
    usage = t("usage", usage=command.usage())
    limit = MAX_CHARS.get(last.kind)
    if limit is not None and len(text) > limit:
        return notice(usage, t("arg-too-long", name=last.name, limit=limit))
    if last.kind == "date" and (problem := day_problem(text, language)) is not None:
        return notice(usage, problem)
    return None

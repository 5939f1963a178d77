"""The catalogues' words for the site, each phrase formatted once per build process.

A site of 10,000 cards asks for the same footer, labels and dates tens of thousands of
times; Fluent formats a message in microseconds, which then added up to a third of the
build. The catalogues never change after loading, so a formatted phrase can be reused.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from bot.core.i18n import texts


@functools.lru_cache(maxsize=8192)
def _say(lang: str, msg_id: str, args: tuple[tuple[str, str | int], ...]) -> str:
    return texts(lang)(msg_id, **dict(args))


@functools.lru_cache(maxsize=65536)
def _date(lang: str, style: str, day: date) -> str:
    t = texts(lang)
    if style == "long":
        return t.long_date(day)
    if style == "day_month":
        return t.day_month(day)
    return t.month_year(day.year, day.month)


@dataclass(frozen=True, slots=True)
class Words:
    """`bot.core.i18n.Texts` for one language, as far as the site uses it, remembered."""

    language: str

    def __call__(self, msg_id: str, /, **args: str | int) -> str:
        return _say(self.language, msg_id, tuple(sorted(args.items())))

    def long_date(self, day: date) -> str:
        return _date(self.language, "long", day)

    def day_month(self, day: date) -> str:
        return _date(self.language, "day_month", day)

    def month_year(self, year: int, month: int) -> str:
        return _date(self.language, "month_year", date(year, month, 1))

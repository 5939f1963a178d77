"""Words the site's pages share: a card's date as each language writes it.

Making untrusted text visible and links safe lives in `bot/core/safe_text.py`.
"""

from __future__ import annotations

from datetime import date

from bot.core.dates import PartialDate
from bot.site.words import Words


def date_label(when: PartialDate | None, t: Words) -> str:
    """A card's date as the language writes it: '14 July 2021', 'ліпень 2021', '2007'."""
    if when is None:
        return t("site-undated")
    if when.month is None:
        return str(when.year)
    if when.day is None:
        return t.month_year(when.year, when.month)
    return t.long_date(date(when.year, when.month, when.day))


def summary(text: str, limit: int = 200) -> str:
    """The first `limit` characters of `text` on one line, cut at a word: a preview."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"

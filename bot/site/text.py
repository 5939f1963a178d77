"""Card text made safe to show anywhere, before each format escapes it its own way.

Escaping (HTML entities, iCalendar backslashes, XML) is each writer's job; this module
does what no escaping does: it makes bidirectional overrides and control characters
visible. A right-to-left override in a title would otherwise reverse the text after it
(a classic spoof), and XML cannot carry most C0 controls at all. Cards are plain prose,
so such characters have no honest use in them; showing them as `[U+202E]` keeps the
text literal and harmless.
"""

from __future__ import annotations

import re
from datetime import date

from bot.core.dates import PartialDate
from bot.site.words import Words

# Bidi embeddings, overrides and isolates, the Arabic letter mark, and every C0/C1
# control except tab and newline.
_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\u061c\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every bidi control and control character written out as [U+XXXX]."""
    return _UNSAFE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


# An absolute http(s) address with a host, and nothing invisible or spaced in it.
_HTTP_URL = re.compile(r"https?://[^\s/?#\\]+[^\s]*", re.IGNORECASE)


def safe_url(url: str) -> str | None:
    """`url` when it is an absolute http(s) address, else None (never a javascript: link)."""
    text = str(url).strip()
    if _HTTP_URL.fullmatch(text) is None or _UNSAFE.search(text):
        return None
    return text


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

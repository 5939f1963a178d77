"""Text helpers every renderer shares: control characters, safe links, UTF-16 lengths,
the footer line and splitting under a length limit.

A neutral module, so the Discord and console renderers need not import the Telegram one
(adapters do not import each other; docs/architecture.md section 1). Pure: no platform library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from bot.core.fields import URL_PATTERN
from bot.core.messages import Message

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Characters a URL we link to may not contain: controls, spaces, invisible and bidi marks.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_WEB_URL = re.compile(URL_PATTERN)


def clean(text: str) -> str:
    """Replace control characters (except newline) and lone surrogates with U+FFFD.

    A fact file must not be able to emit terminal escapes, and a lone surrogate cannot be
    encoded for any API; U+FFFD keeps the problem visible to whoever reads the output.
    """
    return _CONTROL.sub("\ufffd", text)


def is_web_url(url: str) -> bool:
    """True for the http(s) URLs we turn into links; anything else is shown as text."""
    return bool(_WEB_URL.fullmatch(url)) and not _URL_UNSAFE.search(url)


def utf16_len(text: str) -> int:
    """Length as Telegram and JavaScript count it: astral characters take two units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def footer_text(msg: Message) -> str:
    """The footer note, with the card id added when the footer does not already show it."""
    parts = [p for p in (msg.footer, msg.card_id) if p and p.strip()]
    if len(parts) == 2 and parts[1] in parts[0]:
        parts.pop()
    return clean(" · ".join(parts))


def _glued(text: str, i: int) -> bool:
    """Whether a hard cut before text[i] would tear a visible character apart."""
    c = text[i]
    return (
        unicodedata.category(c) in ("Mn", "Me", "Mc")
        or c in "\u200d\ufe0e\ufe0f"
        or 0x1F3FB <= ord(c) <= 0x1F3FF  # skin tones
        or 0xE0020 <= ord(c) <= 0xE007F  # flag tags
        or text[i - 1] == "\u200d"
    )


def _cuts(text: str, start: int, end: int) -> Iterator[int]:
    """Candidate ends for a chunk starting at `start` that fits up to `end`, best first.

    Paragraph, then line, then word boundaries; a boundary in the first half of the window
    comes after every later one, so a short title is not sent as a message of its own.
    The last resort, `end` itself, always fits.
    """
    if end == len(text):
        yield end
        return
    found = [p for sep in ("\n\n", "\n") if (p := text.rfind(sep, start + 1, end + len(sep))) != -1]
    found.append(next((q for q in range(end, start, -1) if text[q].isspace()), -1))
    half = start + (end - start) // 2
    yield from (p for p in found if p >= half)
    yield from (p for p in found if start < p < half)
    cut = end
    while cut > start + 1 and end - cut < 32 and _glued(text, cut):
        cut -= 1
    yield end if _glued(text, cut) else cut
    yield end


def split_ranges(text: str, limit: int, cost: Callable[[int, int], int]) -> list[tuple[int, int]]:
    """Cut `text` into ranges whose rendering costs at most `limit`, in order.

    `cost(start, end)` is the rendered size of text[start:end] and must be at least
    end - start. Whitespace at a cut is dropped (and at both ends), never anything else;
    a single over-long word is hard-split as a last resort.
    """
    n = len(text)
    ranges: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    while start < n:
        hi = min(n, start + limit)
        if cost(start, hi) <= limit:
            end = hi
        else:
            lo = start
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if cost(start, mid) <= limit else (lo, mid)
            end = lo
        if end == start:
            raise ValueError(f"limit {limit} is too small for one character")
        cut = next(c for c in _cuts(text, start, end) if cost(start, c) <= limit)
        while text[cut - 1].isspace():
            cut -= 1
        ranges.append((start, cut))
        start = _skip_space(text, cut)
    return ranges


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i

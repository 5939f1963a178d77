"""Telegram rendering: escaped HTML (parse_mode HTML) split under Telegram's length limit.

Pure functions with no `telegram` import, so `advocacy-bot preview` works without a token.

Telegram counts its 4096 limit in UTF-16 code units of the text *after* entity parsing. We
keep the *raw* HTML of each chunk within that many units: it bounds the visible text too and
needs no model of Telegram's parser. Splitting works on the visible text and re-renders each
range, so a cut can never land inside a tag or an entity, and every chunk opens and closes
its own tags.

The text helpers at the top (`clean`, `utf16_len`, `split_ranges`, ...) are shared by the
Discord and console renderers; they live here because splitting under a limit is this
renderer's main job.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from bot.core.fields import URL_PATTERN
from bot.core.i18n import texts
from bot.core.messages import Button, Link, Message

MAX_TEXT_LENGTH = 4096
BUTTONS_PER_ROW = 3
PLACEHOLDER = "…"  # Telegram rejects an empty message; a message of only buttons still needs text
SEPARATOR = "\n\n──────── ✂ next message ✂ ────────\n\n"
ALLOWED_TAGS = frozenset({"b", "i", "code", "pre", "a"})

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


@dataclass(frozen=True)
class TelegramChunk:
    """One sendMessage call: HTML text and, on the last chunk only, rows of buttons."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


# A piece of a line: (text, tag or None, href for "a").
_Piece = tuple[str, str | None, str]


def _source(link: Link, html_links: bool, max_href: int) -> list[_Piece]:
    title, url = clean(link.title), clean(link.url)
    href = html.escape(url, quote=True)
    if html_links and is_web_url(link.url) and utf16_len(href) <= max_href:
        return [(title if link.title.strip() else url, "a", url)]
    return [(f"{title} {url}".strip(), None, "")]


def _blocks(msg: Message, html_links: bool, max_href: int) -> list[list[list[_Piece]]]:
    """The message as blocks (separated by a blank line) of lines of pieces."""
    blocks: list[list[list[_Piece]]] = []
    if msg.title and msg.title.strip():
        blocks.append([[(clean(msg.title), "b", "")]])
    blocks += [[[(clean(p), None, "")]] for p in msg.paragraphs if p.strip()]
    if msg.preformatted and msg.preformatted.strip():
        blocks.append([[(clean(msg.preformatted.strip("\n")), "pre", "")]])
    if msg.items:
        blocks.append(
            [
                [("• ", None, ""), (clean(i.key), "code", ""), (f": {clean(i.text)}", None, "")]
                for i in msg.items
            ]
        )
    if msg.sources:
        lines = [[("• ", None, ""), *_source(s, html_links, max_href)] for s in msg.sources]
        heading = texts(msg.language)("sources-heading")
        blocks.append([[(f"{heading}:", None, "")], *lines])
    if footer := footer_text(msg):
        blocks.append([[(footer, "i", "")]])
    return blocks


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    tag: str
    href: str


def _document(msg: Message, html_links: bool, limit: int) -> tuple[str, list[_Span]]:
    """The visible text of the message and where its tags apply."""
    pieces: list[_Piece] = []
    for b, block in enumerate(_blocks(msg, html_links, max_href=limit // 4)):
        for n, line in enumerate(block):
            pieces.append(("\n" if n else "\n\n" if b else "", None, ""))
            pieces += line
    out: list[str] = []
    spans: list[_Span] = []
    size = 0
    for text, tag, href in pieces:
        if tag and text:
            spans.append(_Span(size, size + len(text), tag, href))
        out.append(text)
        size += len(text)
    return "".join(out), spans


def _html(text: str, spans: list[_Span], ends: list[int], start: int, end: int) -> str:
    """Telegram HTML for text[start:end], with the tags that cover it opened and closed."""
    out: list[str] = []
    pos = start
    for span in islice(spans, bisect_right(ends, start), None):
        if span.start >= end:
            break
        a, b = max(span.start, start), min(span.end, end)
        opening = f'<a href="{html.escape(span.href)}">' if span.tag == "a" else f"<{span.tag}>"
        out += [html.escape(text[pos:a], quote=False), opening]
        out += [html.escape(text[a:b], quote=False), f"</{span.tag}>"]
        pos = b
    out.append(html.escape(text[pos:end], quote=False))
    return "".join(out)


def _rows(buttons: tuple[Button, ...]) -> tuple[tuple[Button, ...], ...]:
    """Usable buttons (a command, or an http(s) URL) in rows of BUTTONS_PER_ROW."""
    usable = [
        Button(clean(b.label).strip() or PLACEHOLDER, b.command, b.url)
        for b in buttons
        if (b.url is not None and is_web_url(b.url)) or (b.url is None and b.command)
    ]
    return tuple(
        tuple(usable[i : i + BUTTONS_PER_ROW]) for i in range(0, len(usable), BUTTONS_PER_ROW)
    )


def render(msg: Message, *, limit: int = MAX_TEXT_LENGTH) -> list[TelegramChunk]:
    """The message as Telegram HTML chunks, each within `limit` UTF-16 units of raw HTML.

    `limit` is there for captions (1024) and for tests; keep it above about 40.
    """
    text, spans = _document(msg, html_links=True, limit=limit)
    ends = [s.end for s in spans]
    ranges = split_ranges(text, limit, lambda a, b: utf16_len(_html(text, spans, ends, a, b)))
    texts = [_html(text, spans, ends, a, b) for a, b in ranges] or [PLACEHOLDER]
    chunks = [TelegramChunk(t) for t in texts]
    chunks[-1] = TelegramChunk(texts[-1], _rows(msg.buttons))
    return chunks


def render_plain(msg: Message, *, limit: int = MAX_TEXT_LENGTH) -> list[str]:
    """The same content as plain text (no parse_mode), for when Telegram rejects entities."""
    text, _ = _document(msg, html_links=False, limit=limit)
    ranges = split_ranges(text, limit, lambda a, b: utf16_len(text[a:b]))
    return [text[a:b] for a, b in ranges] or [PLACEHOLDER]


def preview_text(msg: Message) -> str:
    """The HTML chunks as they would be sent, with a visible line between messages."""
    chunks = render(msg)
    out = SEPARATOR.join(c.text for c in chunks)
    for row in chunks[-1].buttons:
        out += "\n" + " ".join(f"[{b.label}: {b.url or b.command}]" for b in row)
    return out

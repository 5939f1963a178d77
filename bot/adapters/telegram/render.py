"""Telegram rendering: escaped HTML (parse_mode HTML) split under Telegram's length limit.

Pure functions with no `telegram` import, so `advocacy-bot preview` works without a token.

Telegram counts its 4096 limit in UTF-16 code units of the text *after* entity parsing. We
keep the *raw* HTML of each chunk within that many units: it bounds the visible text too and
needs no model of Telegram's parser. Splitting works on the visible text and re-renders each
range, so a cut can never land inside a tag or an entity, and every chunk opens and closes
its own tags.

The text helpers (`clean`, `utf16_len`, `split_ranges`, ...) are shared with the Discord and
console renderers: `bot/adapters/text.py`.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice

from bot.adapters.text import clean, footer_text, is_web_url, split_ranges, utf16_len
from bot.core.i18n import texts
from bot.core.messages import Button, Link, Message

MAX_TEXT_LENGTH = 4096
BUTTONS_PER_ROW = 3
PLACEHOLDER = "…"  # Telegram rejects an empty message; a message of only buttons still needs text
SEPARATOR = "\n\n──────── ✂ next message ✂ ────────\n\n"
ALLOWED_TAGS = frozenset({"b", "i", "code", "pre", "a"})


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

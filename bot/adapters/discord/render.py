"""Discord rendering: message payloads with embeds inside every Discord limit.

Pure functions with no `discord` import, so `advocacy-bot preview` works without a token.

Untrusted text comes out literally: Discord markdown is backslash-escaped where it renders
(titles, descriptions, field names and values) and mentions are broken with an invisible
character even where they would not render, so nothing can format or ping even if
`allowed_mentions` were misconfigured. Lengths are counted in UTF-16 code units, which is
never less than what Discord counts. A long card is split over embeds and messages, never
cut: a title too long for its slot ends in "…" and is repeated in full in the description.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from bot.adapters.text import clean, footer_text, is_web_url, split_ranges, utf16_len
from bot.core.i18n import texts
from bot.core.messages import Button, Link, Message

EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_TEXT_MAX = 2048
AUTHOR_NAME_MAX = 256
EMBEDS_TOTAL_MAX = 6000
EMBEDS_PER_MESSAGE_MAX = 10
BUTTONS_PER_ROW_MAX = 5
ROWS_MAX = 5
BUTTON_LABEL_MAX = 80
BUTTON_URL_MAX = 512
CUSTOM_ID_MAX = 100
COLOR = 0x3B6EA8
ZWSP = "\u200b"  # fills a required field that has no text, and breaks mentions
PLACEHOLDER = "…"
SEPARATOR = "──────── next message ────────"

# A footer may take what a full title and description leave, so every part still fits.
FOOTER_SHOWN_MAX = EMBEDS_TOTAL_MAX - EMBED_TITLE_MAX - EMBED_DESCRIPTION_MAX

Embed = dict[str, Any]
Escape = Callable[[str], str]

# An http(s) URL in running text: balanced parentheses belong to it (Wikipedia titles),
# trailing punctuation does not.
_URL = (
    r"https?://(?:[^\s<>\\()]|\([^\s<>\\()]*\))*"
    r"(?:[^\s<>\\()\].,:;\"'!?]|\([^\s<>\\()]*\))"
)
_MARKUP = (
    r"(?P<mark>^[ \t]*(?:[>#+\-]|\d+\.))"  # quote, heading, subtext, list at a line start
    r"|(?P<char>[\\*_~`|\[\]()<])"  # emphasis, code, spoiler, links, mentions, emoji
    r"|(?P<ping>@(?=(?i:everyone|here)))"
)
_WITH_LINKS = re.compile(rf"(?P<url>{_URL})|{_MARKUP}", re.MULTILINE)
_WITHOUT_LINKS = re.compile(_MARKUP, re.MULTILINE)
_PLAIN_PING = re.compile(r"(?i)@(?=everyone|here)|<(?=[@#])")
_AUTOLINK_QUOTE = re.compile(r"[<>\s]|(?i:@(?=everyone|here))")
_TARGET_QUOTE = re.compile(r"[()<>\\\s]|(?i:@(?=everyone|here))")


def _url(url: str, *, target: bool = False) -> str:
    """A URL for <...> (or, with `target`, for [text](...)) that Discord cannot cut short.

    A masked link's target ends at an unbalanced parenthesis, so those are percent-encoded
    there; "@everyone" in a path is percent-encoded rather than broken with an invisible
    character, so the link still works and spells no mention.
    """
    quote = _TARGET_QUOTE if target else _AUTOLINK_QUOTE
    return quote.sub(lambda m: f"%{ord(m[0]):02X}", url)


def _escape_one(m: re.Match[str]) -> str:
    kind, text = m.lastgroup, m[0]
    if kind == "char":
        return "\\" + text
    if kind == "ping":
        return "@" + ZWSP
    if kind == "url":
        return f"<{_url(text)}>"  # an autolink: shown as is, never formatted
    return text[:-1] + "\\." if text.endswith(".") else text[:-1] + "\\" + text[-1]


def _ping(m: re.Match[str]) -> str:
    return m[0] + ZWSP


def escape_markdown(text: str, *, autolinks: bool = True) -> str:
    """Text that Discord shows literally, as it reads, with no formatting and no mention.

    With `autolinks`, http(s) URLs in the text are wrapped in <...> instead of escaped, so
    they stay clickable and exact (a backslash inside a URL would end up in the link).
    """
    return (_WITH_LINKS if autolinks else _WITHOUT_LINKS).sub(_escape_one, clean(text))


def code_block(text: str) -> str:
    """Text in a ``` block, shown literally: a backtick in it (which could close the block
    early) becomes a look-alike, a mention is broken as everywhere else, and the block fits
    one embed description."""
    body = neutralise_mentions(text.strip("\n")).replace("`", "\u02cb")
    body, _ = _shorten(body, EMBED_DESCRIPTION_MAX - 8, clean)
    return f"```\n{body}\n```"


def neutralise_mentions(text: str) -> str:
    """For places Discord shows as plain text (footer, button labels): break mentions only."""
    return _PLAIN_PING.sub(_ping, clean(text))


def embed_size(embed: Embed) -> int:
    """What Discord adds up against the 6000 total of one message's embeds."""
    fields = embed.get("fields", [])
    parts = [embed.get("title", ""), embed.get("description", "")]
    parts += [embed.get("footer", {}).get("text", ""), embed.get("author", {}).get("name", "")]
    parts += [f["name"] + f["value"] for f in fields]
    return sum(utf16_len(p) for p in parts)


def _in_text(text: str) -> str:
    return escape_markdown(text, autolinks=False)


def _pieces(text: str, limit: int, escape: Escape = escape_markdown) -> list[str]:
    """Escaped pieces of `text`, each within `limit`, split at the best boundary."""
    ranges = split_ranges(text, limit, lambda a, b: utf16_len(escape(text[a:b])))
    return [escape(text[a:b]) for a, b in ranges]


def _shorten(text: str, limit: int, escape: Escape = _in_text) -> tuple[str, bool]:
    """Escaped text within `limit`; if it had to be cut, it ends in "…" and True."""
    whole = escape(text.strip())
    if utf16_len(whole) <= limit:
        return whole, False
    return _pieces(text, limit - 1, escape)[0] + "…", True


class _Embeds:
    """Collects embeds, starting a new one whenever the next part would break a limit."""

    def __init__(self, budget: int) -> None:
        self.embeds: list[Embed] = []
        self._budget = budget

    def _room(self, size: int, *, field: bool) -> Embed:
        cur = self.embeds[-1] if self.embeds else None
        if (
            cur is None
            or embed_size(cur) + size > self._budget
            or (not field and ("description" in cur or "fields" in cur))
            or (field and len(cur.get("fields", [])) >= EMBED_FIELDS_MAX)
        ):
            cur = {"color": COLOR}
            self.embeds.append(cur)
        return cur

    def title(self, title: str) -> None:
        self.embeds.append({"title": title, "color": COLOR})

    def description(self, text: str) -> None:
        self._room(utf16_len(text), field=False)["description"] = text

    def field(self, name: str, value: str) -> None:
        name, value = name or ZWSP, value or ZWSP
        embed = self._room(utf16_len(name + value), field=True)
        embed.setdefault("fields", []).append({"name": name, "value": value, "inline": False})


def _add_field(out: _Embeds, name: str, values: list[str]) -> None:
    """One logical field; values beyond the first go on unnamed continuation fields."""
    for n, value in enumerate(values or [""]):
        out.field(name if n == 0 else ZWSP, value)


def _add_item(out: _Embeds, key: str, text: str) -> None:
    """An item as a field named by its key; a key too long for a name starts the value."""
    name, cut = _shorten(key, FIELD_NAME_MAX)
    _add_field(out, name, _pieces(f"{key}\n{text}" if cut else text, FIELD_VALUE_MAX))


def _source_lines(link: Link) -> list[str]:
    """A source as a masked link, or as text when it cannot be one (not http(s), too long).

    A title with brackets is shown beside a bare link: Discord's link syntax does not
    honour escaped brackets reliably.
    """
    title, url = clean(link.title), clean(link.url)
    if is_web_url(link.url):
        if not link.title.strip():
            line = f"• <{_url(url)}>"
        elif "[" in title or "]" in title:
            line = f"• {_in_text(title)} <{_url(url)}>"
        else:
            line = f"• [{_in_text(' '.join(title.split()))}]({_url(url, target=True)})"
        if utf16_len(line) <= FIELD_VALUE_MAX:
            return [line]
    return _pieces(f"• {title} {url}".strip(), FIELD_VALUE_MAX)


def _pack_lines(lines: list[str], limit: int) -> list[str]:
    values: list[str] = []
    for line in lines:
        if values and utf16_len(values[-1] + "\n" + line) <= limit:
            values[-1] += "\n" + line
        else:
            values.append(line)
    return values


def _embeds(msg: Message) -> list[Embed]:
    footer = footer_text(msg)
    shown_footer, long_footer = _shorten(footer, FOOTER_SHOWN_MAX, neutralise_mentions)
    out = _Embeds(EMBEDS_TOTAL_MAX - utf16_len(shown_footer))
    prose = [clean(p) for p in msg.paragraphs if p.strip()]
    if msg.title and msg.title.strip():
        title, cut = _shorten(clean(msg.title), EMBED_TITLE_MAX)
        out.title(title)
        prose = [clean(msg.title), *prose] if cut else prose
    pieces = _pieces("\n\n".join(prose), EMBED_DESCRIPTION_MAX)
    if msg.preformatted and msg.preformatted.strip():
        block = code_block(msg.preformatted)
        if pieces and utf16_len(f"{pieces[-1]}\n\n{block}") <= EMBED_DESCRIPTION_MAX:
            pieces[-1] += f"\n\n{block}"
        else:
            pieces.append(block)
    for piece in pieces:
        out.description(piece)
    for item in msg.items:
        _add_item(out, clean(item.key), clean(item.text))
    if msg.sources:
        lines = [line for s in msg.sources for line in _source_lines(s)]
        heading = texts(msg.language)("sources-heading")
        _add_field(out, heading, _pack_lines(lines, FIELD_VALUE_MAX))
    if long_footer:
        for piece in _pieces(footer, EMBED_DESCRIPTION_MAX):
            out.description(piece)
    if not out.embeds:
        out.description(PLACEHOLDER)
    if shown_footer:
        out.embeds[-1]["footer"] = {"text": shown_footer}
    return out.embeds


def _button(button: Button) -> dict[str, Any] | None:
    label = _shorten(button.label, BUTTON_LABEL_MAX, neutralise_mentions)[0] or PLACEHOLDER
    if button.url is not None:
        ok = is_web_url(button.url) and len(button.url) <= BUTTON_URL_MAX
        return {"type": 2, "style": 5, "label": label, "url": button.url} if ok else None
    custom_id = f"cmd:{button.command}"
    if not button.command or utf16_len(custom_id) > CUSTOM_ID_MAX:
        return None
    return {"type": 2, "style": 2, "label": label, "custom_id": custom_id}


def _component_groups(buttons: tuple[Button, ...]) -> list[list[dict[str, Any]]]:
    """Action rows, grouped ROWS_MAX to a message.

    Unusable buttons are dropped, and so is a repeated command: Discord rejects a message
    whose custom_ids are not unique.
    """
    seen: set[str] = set()
    usable: list[dict[str, Any]] = []
    for built in filter(None, map(_button, buttons)):
        custom_id = built.get("custom_id")
        if custom_id not in seen:
            usable.append(built)
        if custom_id:
            seen.add(custom_id)
    per_row = BUTTONS_PER_ROW_MAX
    rows = [
        {"type": 1, "components": usable[i : i + per_row]} for i in range(0, len(usable), per_row)
    ]
    return [rows[i : i + ROWS_MAX] for i in range(0, len(rows), ROWS_MAX)]


def render(msg: Message) -> list[dict[str, Any]]:
    """Create-message payloads for one message, in order; buttons ride on the last."""
    payloads: list[dict[str, Any]] = []
    total = 0
    for embed in _embeds(msg):
        size = embed_size(embed)
        last = payloads[-1]["embeds"] if payloads else None
        if last is None or len(last) >= EMBEDS_PER_MESSAGE_MAX or total + size > EMBEDS_TOTAL_MAX:
            last, total = [], 0
            payloads.append({"content": None, "embeds": last, "components": []})
        last.append(embed)
        total += size
    groups = _component_groups(msg.buttons)
    if groups:
        payloads[-1]["components"] = groups[0]
        payloads += [{"content": None, "embeds": [], "components": g} for g in groups[1:]]
    return payloads


def preview_text(payloads: list[dict[str, Any]]) -> str:
    """The payloads as readable text, raw markdown included, for `advocacy-bot preview`."""
    messages: list[str] = []
    for payload in payloads:
        lines: list[str] = []
        for embed in payload["embeds"]:
            lines += [f"## {embed['title']}"] if "title" in embed else []
            lines += [embed["description"]] if "description" in embed else []
            lines += [f"[{f['name']}]\n{f['value']}" for f in embed.get("fields", [])]
            lines += [f"— {embed['footer']['text']}"] if "footer" in embed else []
        for row in payload["components"]:
            buttons = row["components"]
            lines.append(
                " ".join(f"[{b['label']}: {b.get('url') or b['custom_id']}]" for b in buttons)
            )
        messages.append("\n\n".join(lines))
    return f"\n\n{SEPARATOR}\n\n".join(messages)


def preview_json(payloads: list[dict[str, Any]]) -> str:
    """The payloads exactly as sent to Discord's API."""
    return json.dumps(payloads, indent=2, ensure_ascii=False)

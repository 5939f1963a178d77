"""Console rendering: the message as plain text for a terminal.

Used by the console adapter and by `advocacy-bot preview --platform console`. Nothing is
split or linked; the one danger is the terminal itself, so every control character except
newline (escape sequences, carriage returns, C1 controls) becomes U+FFFD: a fact file cannot
move the cursor, recolour the screen or retitle the window.
"""

from __future__ import annotations

from bot.adapters.text import clean, footer_text
from bot.core.i18n import texts
from bot.core.messages import Button, Link, Message

PLACEHOLDER = "…"  # an empty message still shows that something was sent


def _source(link: Link) -> str:
    title = clean(link.title).strip() if link.title.strip() else ""
    url = clean(link.url)
    return f"- {title} <{url}>" if title else f"- {url}"


def _button(button: Button) -> str:
    return f"[{clean(button.label)}: {clean(button.url or button.command or '')}]"


def render(msg: Message) -> str:
    """Title, paragraphs, items, sources, footer and buttons, separated by blank lines."""
    blocks: list[str] = []
    if msg.title and msg.title.strip():
        blocks.append(clean(msg.title))
    blocks += [clean(p) for p in msg.paragraphs if p.strip()]
    if msg.preformatted and msg.preformatted.strip():
        blocks.append(clean(msg.preformatted.strip("\n")))
    if msg.items:
        blocks.append("\n".join(f"- {clean(i.key)}: {clean(i.text)}" for i in msg.items))
    if msg.sources:
        heading = texts(msg.language)("sources-heading")
        blocks.append("\n".join([f"{heading}:", *(_source(s) for s in msg.sources)]))
    if footer := footer_text(msg):
        blocks.append(footer)
    if msg.buttons:
        blocks.append(" ".join(_button(b) for b in msg.buttons))
    return "\n\n".join(blocks) or PLACEHOLDER

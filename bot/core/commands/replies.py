"""Small helpers the core commands share: short notices and safe echoes of user input."""

from __future__ import annotations

from bot.core.messages import Button, Message, Reply

ECHO_CHARS = 60


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis: long input never floods a chat."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def echo(text: str) -> str:
    """What the person typed, quoted and shortened, for 'nothing found for ...'."""
    return f"“{clip(text, ECHO_CHARS)}”"


def notice(
    title: str,
    *paragraphs: str,
    buttons: tuple[Button, ...] = (),
    private: bool = True,
) -> Reply:
    """A short answer about the request itself (usage, nothing found): private by default,
    so that on Discord only the asker sees it and a channel is not cluttered."""
    return Reply((Message(title=title, paragraphs=paragraphs, buttons=buttons),), private=private)

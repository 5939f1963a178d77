"""The one message model that flows out of the core.

Everything here is plain text plus meaning (a title, a link, a source). No markup ever:
each adapter's renderer escapes and formats for its platform, so untrusted fact text can
never become markup or a ping by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Link:
    """A source or reference: where a fact comes from."""

    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a list, such as a search hit: a key (a card id) and a short text."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Button:
    """An action offered under a message.

    `command` is a bot command line to run when pressed (for example "/fact x/y");
    `url` opens a page. Exactly one of them is set.
    """

    label: str
    command: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """A reply or a scheduled post, as plain text parts.

    `paragraphs` are separate blocks of prose, `items` an optional list under them,
    `sources` the links that back the text, `footer` a small note (a card id).
    `preformatted` is text to copy exactly as it is (a postal address): renderers show it
    in a code block, line breaks kept, after the paragraphs.
    """

    title: str | None = None
    paragraphs: tuple[str, ...] = ()
    preformatted: str | None = None
    items: tuple[Item, ...] = ()
    sources: tuple[Link, ...] = ()
    footer: str | None = None
    buttons: tuple[Button, ...] = ()
    # Card id the message shows, when it shows exactly one card (for footers, buttons).
    card_id: str | None = None
    # The language its words are in: renderers write their own words (the "Sources"
    # heading) in it. None: the reader's, as the adapter knows it, else English.
    language: str | None = None

    def plain_text(self) -> str:
        """All the text a person would read, for logs, search previews and tests."""
        parts: list[str] = []
        if self.title:
            parts.append(self.title)
        parts.extend(self.paragraphs)
        if self.preformatted:
            parts.append(self.preformatted)
        parts.extend(f"{i.key}: {i.text}" for i in self.items)
        parts.extend(f"{s.title} {s.url}".strip() for s in self.sources)
        if self.footer:
            parts.append(self.footer)
        return "\n\n".join(parts)


def in_language(messages: Sequence[Message], language: str | None) -> tuple[Message, ...]:
    """`messages`, with `language` on those that do not say theirs."""
    return tuple(m if m.language else replace(m, language=language) for m in messages)


@dataclass(frozen=True, slots=True)
class Reply:
    """What a command returns: one or more messages, and whether only the caller should see it.

    `private` maps to Discord's ephemeral replies; other platforms ignore it.
    """

    messages: tuple[Message, ...]
    private: bool = False


@dataclass(frozen=True, slots=True)
class Post:
    """A scheduled post for one occurrence: what to say, to whom, and its ledger identity.

    `post_id` + `occurrence_key` identify the occurrence across restarts and reloads;
    the ledger adds the target to make a delivery key.
    """

    post_id: str
    occurrence_key: str
    messages: tuple[Message, ...]
    targets: tuple[str, ...] = field(default=())

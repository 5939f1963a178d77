"""Every renderer renders every part of the message model.

The samples cover each field of `Message` alone and all together; a new field that one
renderer forgets shows up here. The strategies below are shared by the per-platform
property tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import strategies as st

from bot.adapters.console import render as console
from bot.adapters.discord import render as discord
from bot.adapters.telegram import render as telegram
from bot.core.messages import Button, Item, Link, Message

# -- strategies -------------------------------------------------------------------------------

ASTRAL = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=["Cs"])
TRICKY = st.sampled_from(
    list("<>&\"'*_~`|[]()#-+.1\\@:\n\n \t\r\x1b\u200b\u200d\ufe0f\u202e")
    + ["@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>", "&amp;", "</a>", "<b>"]
    + ["**bold**", "[link](javascript:alert(1))", "https://e.org/a_(b)", "- ", "# ", "1. "]
    + ["👨‍👩‍👧", "🇧🇾", "👍🏽", "שלום", "مرحبا", "Беларусь", "\n\n", "e\u0301"]
)


def _texts(max_repeat: int) -> st.SearchStrategy[str]:
    """Arbitrary text, astral-heavy text, markup-heavy text, and long repetitions of them."""
    short = st.one_of(
        st.text(max_size=40),
        st.text(ASTRAL, max_size=20),
        st.lists(TRICKY | st.text(max_size=3), max_size=12).map("".join),
    )
    long = st.tuples(short, st.integers(1, max_repeat)).map(lambda t: t[0] * t[1])
    return short | long


TEXT = _texts(300)
URLS = st.one_of(
    st.just("https://example.org/a"),
    TEXT.map(lambda s: "https://e.org/" + s),
    st.sampled_from(["javascript:alert(1)", "http://x.y/a(b)c", "ftp://e.org", ""]),
    TEXT,
)
BUTTONS = st.one_of(
    st.builds(Button, label=TEXT, command=TEXT.map(lambda s: "/fact " + s)),
    st.builds(Button, label=TEXT, url=URLS),
)


def messages(text: st.SearchStrategy[str] = TEXT, key_max: int = 200) -> st.SearchStrategy[Message]:
    """Arbitrary messages; keys stay short, as card ids are."""
    opt = st.none() | text
    return st.builds(
        Message,
        title=opt,
        paragraphs=st.lists(text, max_size=4).map(tuple),
        items=st.lists(st.builds(Item, text.map(lambda s: s[:key_max]), text), max_size=30).map(
            tuple
        ),
        sources=st.lists(st.builds(Link, url=URLS, title=text), max_size=6).map(tuple),
        footer=opt,
        buttons=st.lists(BUTTONS, max_size=30).map(tuple),
        card_id=st.none() | st.from_regex(r"[a-z0-9-]{1,20}/[a-z0-9-]{1,20}", fullmatch=True),
    )


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def cleaned(text: str) -> str:
    """What every renderer shows for untrusted text: controls (but newline) become U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def footer_of(msg: Message) -> str:
    """The footer line every renderer shows: the footer, plus the card id if not in it."""
    parts = [p for p in (msg.footer, msg.card_id) if p and p.strip()]
    if len(parts) == 2 and parts[1] in parts[0]:
        parts.pop()
    return cleaned(" · ".join(parts))


# -- samples ----------------------------------------------------------------------------------

CARD = Message(
    title="Arrested in Minsk",
    paragraphs=("Ales Bialiatski was arrested.", "He was sentenced to ten years."),
    items=(Item("ales-bialiatski/nobel-2022", "Nobel Peace Prize"),),
    sources=(Link("https://example.org/article", "Publisher, “Headline”"),),
    footer="ales-bialiatski/arrest-2021",
    buttons=(
        Button("Another fact", command="/fact ales-bialiatski/nobel-2022"),
        Button("Write a letter", url="https://example.org/write"),
    ),
    card_id="ales-bialiatski/arrest-2021",
)

SAMPLES = {
    "title only": Message(title="Title only"),
    "paragraphs": Message(title="Paragraphs", paragraphs=("One.", "Two.")),
    "items": Message(title="Items", items=(Item("a/b", "First"), Item("c/d", "Second"))),
    "sources": Message(
        title="Sources", sources=(Link("https://e.org/x", "E"), Link("https://e.org/y"))
    ),
    "footer": Message(title="Footer", footer="a note"),
    "card id": Message(title="Card id", card_id="x/y"),
    "buttons": Message(title="Buttons", buttons=(Button("Go", command="/today"),)),
    "all together": CARD,
    "empty": Message(),
    "buttons only": Message(buttons=(Button("Go", command="/today"),)),
}


def _console(msg: Message) -> str:
    return console.render(msg)


def _telegram(msg: Message) -> str:
    return "\n".join(c.text for c in telegram.render(msg))


def _telegram_plain(msg: Message) -> str:
    return "\n".join(telegram.render_plain(msg))


def _discord(msg: Message) -> str:
    return discord.preview_json(discord.render(msg))


RENDERERS: dict[str, Callable[[Message], str]] = {
    "console": _console,
    "telegram": _telegram,
    "telegram-plain": _telegram_plain,
    "discord": _discord,
}


@pytest.mark.parametrize("renderer", RENDERERS, ids=str)
@pytest.mark.parametrize("name", SAMPLES, ids=str)
def test_every_renderer_shows_every_sample(renderer: str, name: str) -> None:
    msg = SAMPLES[name]
    out = RENDERERS[renderer](msg)
    assert out.strip()
    for text in [msg.title, *msg.paragraphs, msg.footer, msg.card_id]:
        if text:
            assert text in out
    for item in msg.items:
        assert item.key in out
        assert item.text in out
    for source in msg.sources:
        assert source.url in out
        assert source.title in out


@pytest.mark.parametrize("renderer", RENDERERS, ids=str)
@pytest.mark.parametrize(
    ("language", "heading"),
    [(None, "Sources"), ("en", "Sources"), ("be", "Крыніцы"), ("ru", "Источники")],
)
def test_the_sources_heading_is_in_the_messages_language(
    renderer: str, language: str | None, heading: str
) -> None:
    out = RENDERERS[renderer](replace(SAMPLES["sources"], title="T", language=language))
    assert heading in out
    others = {"Sources", "Крыніцы", "Источники"} - {heading}
    assert not any(other in out for other in others)


@pytest.mark.parametrize("name", SAMPLES, ids=str)
def test_buttons_reach_every_platform(name: str) -> None:
    msg = SAMPLES[name]
    telegram_buttons = [b for row in telegram.render(msg)[-1].buttons for b in row]
    discord_buttons = [
        b for p in discord.render(msg) for row in p["components"] for b in row["components"]
    ]
    console_out = console.render(msg)
    assert [b.label for b in telegram_buttons] == [b.label for b in msg.buttons]
    assert [b["label"] for b in discord_buttons] == [b.label for b in msg.buttons]
    for b in msg.buttons:
        assert f"[{b.label}: {b.command or b.url}]" in console_out


@pytest.mark.parametrize("name", SAMPLES, ids=str)
def test_previews_show_the_title(name: str) -> None:
    msg = SAMPLES[name]
    for preview in (telegram.preview_text(msg), discord.preview_text(discord.render(msg))):
        assert preview.strip()
        assert (msg.title or "") in preview

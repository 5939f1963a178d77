"""Telegram HTML: exact output, escaping, and splits that Telegram accepts."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.telegram.render import (
    MAX_TEXT_LENGTH,
    PLACEHOLDER,
    SEPARATOR,
    TelegramChunk,
    preview_text,
    render,
    render_plain,
)
from bot.adapters.text import is_web_url, split_ranges, utf16_len
from bot.core.messages import Button, Item, Link, Message
from tests.render.test_all_renderers import CARD, cleaned, footer_of, messages

ALLOWED = {"b", "i", "code", "a"}
_STRAY = re.compile(r"&(?!(?:amp|lt|gt|quot|#x27);)|<(?!/?(?:b|i|code)>|a href=\"|/a>)")


class _Checker(HTMLParser):
    """Collects the visible text; fails on any tag Telegram would not take or leave open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED, tag
        assert tag not in self.stack, f"nested <{tag}>"
        if tag == "a":
            assert len(attrs) == 1 and attrs[0][0] == "href"
            href = attrs[0][1] or ""
            assert is_web_url(href), href
            self.hrefs.append(href)
        else:
            assert not attrs
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise AssertionError(f"self-closing <{tag}/>")

    def handle_comment(self, data: str) -> None:
        raise AssertionError("comment")

    def handle_decl(self, decl: str) -> None:
        raise AssertionError("declaration")

    def unknown_decl(self, data: str) -> None:
        raise AssertionError("declaration")

    def handle_pi(self, data: str) -> None:
        raise AssertionError("processing instruction")


def visible(chunk: str) -> tuple[str, list[str]]:
    """The text Telegram shows for a chunk, and its link targets; asserts well-formedness."""
    checker = _Checker()
    checker.feed(chunk)
    checker.close()
    assert not checker.stack, f"unclosed {checker.stack}"
    # Telegram knows few entities and no stray markup: check what HTMLParser would forgive.
    assert not _STRAY.search(chunk), _STRAY.search(chunk)
    return "".join(checker.text), checker.hrefs


def expected_text(msg: Message, linked: bool, limit: int = MAX_TEXT_LENGTH) -> str:
    """The visible text of the whole message, per the documented layout."""

    def source(s: Link) -> str:
        if linked and is_web_url(s.url) and utf16_len(html.escape(s.url)) <= limit // 4:
            return cleaned(s.title) if s.title.strip() else cleaned(s.url)
        return f"{cleaned(s.title)} {cleaned(s.url)}".strip()

    blocks = [cleaned(msg.title)] if msg.title and msg.title.strip() else []
    blocks += [cleaned(p) for p in msg.paragraphs if p.strip()]
    if msg.items:
        blocks.append("\n".join(f"• {cleaned(i.key)}: {cleaned(i.text)}" for i in msg.items))
    if msg.sources:
        blocks.append("\n".join(["Sources:", *(f"• {source(s)}" for s in msg.sources)]))
    if footer := footer_of(msg):
        blocks.append(footer)
    return "\n\n".join(blocks)


def assert_covers(pieces: list[str], whole: str) -> None:
    """`pieces` are `whole` in order, with only whitespace left out, and only between pieces."""
    pos = 0
    for piece in pieces:
        assert piece.strip() == piece != "", repr(piece)
        while pos < len(whole) and whole[pos].isspace():
            pos += 1
        assert whole.startswith(piece, pos), (piece[:80], whole[pos : pos + 80])
        pos += len(piece)
    assert whole[pos:].isspace() or pos == len(whole)


# -- exact output -----------------------------------------------------------------------------


def test_card_exact_html() -> None:
    chunks = render(CARD)
    assert chunks == [
        TelegramChunk(
            "<b>Arrested in Minsk</b>\n\n"
            "Ales Bialiatski was arrested.\n\n"
            "He was sentenced to ten years.\n\n"
            "• <code>ales-bialiatski/nobel-2022</code>: Nobel Peace Prize\n\n"
            "Sources:\n"
            '• <a href="https://example.org/article">Publisher, “Headline”</a>\n\n'
            "<i>ales-bialiatski/arrest-2021</i>",
            ((CARD.buttons[0], CARD.buttons[1]),),
        )
    ]


def test_card_exact_plain() -> None:
    assert render_plain(CARD) == [
        "Arrested in Minsk\n\n"
        "Ales Bialiatski was arrested.\n\n"
        "He was sentenced to ten years.\n\n"
        "• ales-bialiatski/nobel-2022: Nobel Peace Prize\n\n"
        "Sources:\n"
        "• Publisher, “Headline” https://example.org/article\n\n"
        "ales-bialiatski/arrest-2021"
    ]


def test_footer_adds_card_id_once() -> None:
    assert render(Message(footer="Shared by Viasna", card_id="a/b"))[0].text == (
        "<i>Shared by Viasna · a/b</i>"
    )
    assert render(Message(card_id="a/b"))[0].text == "<i>a/b</i>"


def test_empty_message_still_has_text_for_its_buttons() -> None:
    button = Button("Today", command="/today")
    assert render(Message(buttons=(button,))) == [TelegramChunk(PLACEHOLDER, ((button,),))]
    assert render_plain(Message()) == [PLACEHOLDER]


def test_buttons_only_on_last_chunk_in_rows_of_three() -> None:
    buttons = tuple(Button(str(n), command=f"/fact {n}") for n in range(7))
    chunks = render(Message(paragraphs=("x" * 5000,), buttons=buttons))
    assert len(chunks) == 2
    assert chunks[0].buttons == ()
    assert [len(row) for row in chunks[1].buttons] == [3, 3, 1]


def test_unusable_buttons_are_dropped() -> None:
    ok = Button("Web", url="https://e.org/x")
    msg = Message(title="t", buttons=(Button("js", url="javascript:alert(1)"), ok, Button("-")))
    assert render(msg)[-1].buttons == ((ok,),)


def test_preview_separates_messages_and_shows_buttons() -> None:
    msg = Message(title="T", paragraphs=("a " * 3000,), buttons=(Button("Go", command="/today"),))
    preview = preview_text(msg)
    assert preview.count(SEPARATOR) == 1
    assert preview.endswith("\n[Go: /today]")


# -- escaping ---------------------------------------------------------------------------------

HOSTILE = (
    "<b>not bold</b> &amp; </a> @everyone <@123> <@&456> [link](javascript:alert(1)) **bold**",
    "Hebrew שלום and Arabic مرحبا, emoji 😀 👨‍👩‍👧‍👦 🇧🇾 👍🏽 e\u0301",
    "word " * 1000,
)


def test_hostile_text_comes_out_literally() -> None:
    msg = Message(
        title="<b>title</b> & co",
        paragraphs=HOSTILE,
        items=(Item("<code>", "</code>&amp;"),),
        sources=(
            Link('https://e.org/?a=1&b="2"<x>', "</a><a href='javascript:alert(1)'>"),
            Link("javascript:alert(1)", "click me"),
            Link("https://e.org/\x1b[31m", "escape in url"),
        ),
        footer="</i>",
    )
    chunks = render(msg)
    texts, hrefs = [], []
    for chunk in chunks:
        assert utf16_len(chunk.text) <= MAX_TEXT_LENGTH
        text, links = visible(chunk.text)
        texts.append(text)
        hrefs += links
    assert len(chunks) == 2
    assert hrefs == ['https://e.org/?a=1&b="2"<x>']
    assert_covers(texts, expected_text(msg, linked=True))
    assert "javascript:alert(1)" in texts[-1]  # shown, not linked
    assert "\x1b" not in "".join(texts)


def test_plain_fallback_is_not_html() -> None:
    msg = Message(title="<b>x</b> &amp;")
    assert render_plain(msg) == ["<b>x</b> &amp;"]


def test_urls_that_become_links() -> None:
    assert is_web_url("https://be.wikipedia.org/wiki/Алесь_Бяляцкі")
    assert is_web_url("http://example.org")
    for url in ("javascript:alert(1)", "https://e.org/a b", "https://e.org/\u202e", "data:x", ""):
        assert not is_web_url(url)
    assert not is_web_url("https://e.org/\n")


# -- splitting --------------------------------------------------------------------------------


def test_split_prefers_paragraphs_then_lines_then_words() -> None:
    def cost(a: int, b: int) -> int:
        return b - a

    text = "aaaa bbbb\ncccc dddd\n\neeee"
    pieces = [text[a:b] for a, b in split_ranges(text, 20, cost)]
    assert pieces == ["aaaa bbbb\ncccc dddd", "eeee"]
    pieces = [text[a:b] for a, b in split_ranges(text, 14, cost)]
    assert pieces == ["aaaa bbbb", "cccc dddd", "eeee"]
    word = "abcdefghij"
    assert [word[a:b] for a, b in split_ranges(word, 4, cost)] == ["abcd", "efgh", "ij"]


def test_early_paragraph_break_does_not_leave_a_tiny_message() -> None:
    msg = Message(title="Short title", paragraphs=("word " * 1000,))
    first = render(msg)[0].text
    assert first.startswith("<b>Short title</b>\n\nword word")
    assert utf16_len(first) > MAX_TEXT_LENGTH - 10


def test_long_paragraph_of_astral_characters_splits_in_utf16_units() -> None:
    msg = Message(paragraphs=("😀" * 3000,))
    chunks = render(msg)
    assert [utf16_len(c.text) for c in chunks] == [4096, 1904]


def test_hard_split_keeps_a_zwj_sequence_whole() -> None:
    family = "👨‍👩‍👧‍👦"  # 7 code points, 11 UTF-16 units
    chunks = render_plain(Message(paragraphs=(family * 400,)))
    assert all(c.startswith(family) for c in chunks)
    assert "".join(chunks) == family * 400


def test_tags_are_reopened_in_every_chunk() -> None:
    chunks = render(Message(title="t " * 3000, footer="f " * 3000), limit=500)
    for chunk in chunks:
        visible(chunk.text)
    assert all(c.text.startswith(("<b>", "<i>")) for c in chunks)


def test_entity_is_never_split() -> None:
    chunks = render(Message(paragraphs=("&" * 100,)), limit=64)
    assert all(c.text.replace("&amp;", "") == "" for c in chunks)
    assert sum(c.text.count("&amp;") for c in chunks) == 100


# -- properties -------------------------------------------------------------------------------

LIMITS = st.sampled_from([64, 100, 333, MAX_TEXT_LENGTH])


@settings(max_examples=200, deadline=None)
@given(msg=messages(), limit=LIMITS)
def test_html_chunks_are_valid_and_complete(msg: Message, limit: int) -> None:
    chunks = render(msg, limit=limit)
    texts = []
    for n, chunk in enumerate(chunks):
        assert utf16_len(chunk.text) <= limit
        text, _ = visible(chunk.text)
        assert text.strip()
        texts.append(text)
        assert chunk.buttons == () or n == len(chunks) - 1
    whole = expected_text(msg, linked=True, limit=limit)
    if whole.strip():
        assert_covers(texts, whole)
    else:
        assert texts == [PLACEHOLDER]


@settings(max_examples=200, deadline=None)
@given(msg=messages(), limit=LIMITS)
def test_plain_chunks_are_within_limit_and_complete(msg: Message, limit: int) -> None:
    chunks = render_plain(msg, limit=limit)
    assert all(utf16_len(c) <= limit for c in chunks)
    whole = expected_text(msg, linked=False)
    if whole.strip():
        assert_covers(chunks, whole)
    else:
        assert chunks == [PLACEHOLDER]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=3000) | st.text(st.sampled_from("ab \n😀&"), max_size=3000))
def test_split_ranges_respect_any_cost(text: str) -> None:
    def cost(a: int, b: int) -> int:
        return utf16_len(html.escape(text[a:b]))

    ranges = split_ranges(text, 50, cost)
    assert all(cost(a, b) <= 50 for a, b in ranges)
    assert_covers([text[a:b] for a, b in ranges], text)


def test_limit_too_small_is_an_error() -> None:
    with pytest.raises(ValueError, match="too small"):
        split_ranges("&", 3, lambda a, b: 5 * (b - a))

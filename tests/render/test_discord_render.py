"""Discord: exact payloads, literal text that never pings, and every embed limit."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.adapters.discord.render import (
    AUTHOR_NAME_MAX,
    BUTTON_LABEL_MAX,
    COLOR,
    CUSTOM_ID_MAX,
    EMBED_DESCRIPTION_MAX,
    EMBED_FIELDS_MAX,
    EMBED_TITLE_MAX,
    EMBEDS_PER_MESSAGE_MAX,
    EMBEDS_TOTAL_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FOOTER_TEXT_MAX,
    ZWSP,
    escape_markdown,
    preview_json,
    preview_text,
    render,
)
from bot.adapters.text import utf16_len
from bot.core.messages import Button, Item, Link, Message
from tests.render.test_all_renderers import CARD, TEXT, cleaned, footer_of, messages

# An escape pair, an autolink we made, or a masked link we made.
_TOKEN = re.compile(
    r"\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|<(?P<auto>https?://[^\s<>]+)>"
    r"|\[(?P<text>(?:\\.|[^\\\[\]])*)\]\((?P<target>https?://[^\s()<>\\]+)\)"
)
_MENTION = re.compile(r"(?i)<[@#]|@everyone|@here")
_MARKUP_CHARS = set("\\*_~`|[]()<")
_LINE_MARK = re.compile(r"(?m)^[ \t]*(?:[>#+\-]|\d+\.)")
_QUOTED = {"%28": "(", "%29": ")", "%3C": "<", "%3E": ">", "%5C": "\\", "%40": "@"}


def unquote(url: str) -> str:
    """Undo the percent-encoding the renderer applies to link targets."""
    return re.sub(r"%28|%29|%3C|%3E|%5C|%40", lambda m: _QUOTED[m[0]], url)


def unescape(text: str) -> str:
    """What Discord shows for our markdown: escapes removed, links as `text url`."""

    def one(m: re.Match[str]) -> str:
        if m["esc"] is not None:
            return m["esc"]
        if m["auto"] is not None:
            return unquote(m["auto"])
        return f"{unescape(m['text'])} {unquote(m['target'])}"

    return _TOKEN.sub(one, text).replace("@" + ZWSP, "@")


def assert_literal(text: str) -> None:
    """Nothing left in `text` that Discord would format or turn into a mention or a link."""
    bare = _TOKEN.sub(lambda m: "E" if m["esc"] is not None else "L", text)
    assert not (_MARKUP_CHARS & set(bare)), bare
    assert not _LINE_MARK.search(bare), bare
    assert not _MENTION.search(bare), bare
    for m in _TOKEN.finditer(text):
        if m["text"] is not None:
            assert_literal(m["text"])
        assert not _MENTION.search(m["auto"] or m["target"] or "")


def embed_total(embed: dict[str, Any]) -> int:
    """Discord's 6000 rule: title, description, field names and values, footer, author."""
    fields = embed.get("fields", [])
    return sum(
        utf16_len(s)
        for s in [
            embed.get("title", ""),
            embed.get("description", ""),
            embed.get("footer", {}).get("text", ""),
            embed.get("author", {}).get("name", ""),
            *(f["name"] for f in fields),
            *(f["value"] for f in fields),
        ]
    )


def assert_within_limits(payloads: list[dict[str, Any]]) -> None:
    assert payloads
    for payload in payloads:
        assert set(payload) == {"content", "embeds", "components"}
        assert payload["content"] is None
        embeds = payload["embeds"]
        assert embeds or payload["components"]
        assert len(embeds) <= EMBEDS_PER_MESSAGE_MAX
        assert sum(embed_total(e) for e in embeds) <= EMBEDS_TOTAL_MAX
        for e in embeds:
            assert {"title", "description", "fields"} & set(e)
            assert utf16_len(e.get("title", "x")) <= EMBED_TITLE_MAX
            assert 0 < utf16_len(e.get("description", "x")) <= EMBED_DESCRIPTION_MAX
            assert utf16_len(e.get("footer", {}).get("text", "")) <= FOOTER_TEXT_MAX
            assert utf16_len(e.get("author", {}).get("name", "")) <= AUTHOR_NAME_MAX
            assert len(e.get("fields", [])) <= EMBED_FIELDS_MAX
            for f in e.get("fields", []):
                assert f["name"].strip() and utf16_len(f["name"]) <= FIELD_NAME_MAX
                assert f["value"].strip() and utf16_len(f["value"]) <= FIELD_VALUE_MAX
                assert f["inline"] is False
        assert len(payload["components"]) <= 5
        for row in payload["components"]:
            assert row["type"] == 1 and 1 <= len(row["components"]) <= 5
            for b in row["components"]:
                assert b["type"] == 2 and 0 < utf16_len(b["label"]) <= BUTTON_LABEL_MAX
                assert not _MENTION.search(b["label"])
                if b["style"] == 5:
                    assert re.match(r"https?://", b["url"])
                else:
                    assert b["style"] == 2 and b["custom_id"].startswith("cmd:/")
                    assert utf16_len(b["custom_id"]) <= CUSTOM_ID_MAX
    ids = [b.get("custom_id") for p in payloads for r in p["components"] for b in r["components"]]
    assert len([i for i in ids if i]) == len({i for i in ids if i})


def shown_texts(payloads: list[dict[str, Any]]) -> list[str]:
    """Every text a reader sees, in order, unescaped; checks mentions and markdown on the way."""
    out = []
    for e in (e for p in payloads for e in p["embeds"]):
        marked = [e.get("title"), e.get("description")]
        marked += [x for f in e.get("fields", []) for x in (f["name"], f["value"])]
        for text in filter(None, marked):
            assert_literal(text)
            out.append(unescape(text))
        if footer := e.get("footer", {}).get("text"):
            assert not _MENTION.search(footer)
            out.append(footer)
    return [t for t in out if t != ZWSP]


def assert_all_shown(msg: Message, payloads: list[dict[str, Any]]) -> None:
    """Each part of the message appears, in order, in what Discord shows (spaces aside)."""

    def squash(text: str) -> str:
        return "".join(unquote(cleaned(text).replace(ZWSP, "")).split())

    shown = squash("".join(shown_texts(payloads)))
    parts = [p for p in (msg.title or "", *msg.paragraphs) if p.strip()]
    parts += [x for i in msg.items for x in (i.key, i.text)]
    # A whitespace-only source title is dropped: the bare link is shown instead.
    parts += [x for s in msg.sources for x in (s.title if s.title.strip() else "", s.url)]
    parts.append(footer_of(msg))
    pos = 0
    for part in map(squash, parts):
        found = shown.find(part, pos)
        assert found >= 0, (part[:60], shown[pos : pos + 60])
        pos = found + len(part)


# -- exact output -----------------------------------------------------------------------------


def test_card_exact_payload() -> None:
    assert render(CARD) == [
        {
            "content": None,
            "embeds": [
                {
                    "title": "Arrested in Minsk",
                    "color": COLOR,
                    "description": (
                        "Ales Bialiatski was arrested.\n\nHe was sentenced to ten years."
                    ),
                    "fields": [
                        {
                            "name": "ales-bialiatski/nobel-2022",
                            "value": "Nobel Peace Prize",
                            "inline": False,
                        },
                        {
                            "name": "Sources",
                            "value": "• [Publisher, “Headline”](https://example.org/article)",
                            "inline": False,
                        },
                    ],
                    "footer": {"text": "ales-bialiatski/arrest-2021"},
                }
            ],
            "components": [
                {
                    "type": 1,
                    "components": [
                        {
                            "type": 2,
                            "style": 2,
                            "label": "Another fact",
                            "custom_id": "cmd:/fact ales-bialiatski/nobel-2022",
                        },
                        {
                            "type": 2,
                            "style": 5,
                            "label": "Write a letter",
                            "url": "https://example.org/write",
                        },
                    ],
                }
            ],
        }
    ]


def test_preview() -> None:
    text = preview_text(render(CARD))
    assert text.startswith("## Arrested in Minsk\n\nAles Bialiatski was arrested.")
    assert "[Sources]\n• [Publisher, “Headline”](https://example.org/article)" in text
    assert text.endswith(
        "— ales-bialiatski/arrest-2021\n\n"
        "[Another fact: cmd:/fact ales-bialiatski/nobel-2022] "
        "[Write a letter: https://example.org/write]"
    )
    assert json.loads(preview_json(render(CARD))) == render(CARD)
    assert "“Headline”" in preview_json(render(CARD))


def test_sources_link_only_web_urls() -> None:
    msg = Message(
        sources=(
            Link("https://en.wikipedia.org/wiki/Viasna_(organisation)", "Viasna [wiki]"),
            Link("https://e.org/a", "A (b)"),
            Link("https://e.org/b"),
            Link("https://e.org/a(b", "T"),
            Link("javascript:alert(1)", "click"),
        )
    )
    [field] = render(msg)[0]["embeds"][0]["fields"]
    assert field["value"] == (
        "• Viasna \\[wiki\\] <https://en.wikipedia.org/wiki/Viasna_(organisation)>\n"
        "• [A \\(b\\)](https://e.org/a)\n"
        "• <https://e.org/b>\n"
        "• [T](https://e.org/a%28b)\n"
        "• click javascript:alert\\(1\\)"
    )


# -- escaping ---------------------------------------------------------------------------------


def test_escaping_examples() -> None:
    assert escape_markdown("**bold** _i_ ~~s~~ `c` ||sp|| [l](javascript:x)") == (
        "\\*\\*bold\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|sp\\|\\| \\[l\\]\\(javascript:x\\)"
    )
    assert escape_markdown("# h\n> q\n- l\n  * m\n12. n\n-# s\na - b # c > d") == (
        "\\# h\n\\> q\n\\- l\n  \\* m\n12\\. n\n\\-# s\na - b # c > d"
    )
    assert escape_markdown("@everyone @Here <@123> <@!1> <@&456> <#789> </c:1> <:e:1>") == (
        f"@{ZWSP}everyone @{ZWSP}Here \\<@123> \\<@!1> \\<@&456> \\<#789> \\</c:1> \\<:e:1>"
    )
    assert escape_markdown("see https://e.org/a_(c). ok") == "see <https://e.org/a_(c)>. ok"
    assert escape_markdown("https://e.org/@here") == "<https://e.org/%40here>"
    assert escape_markdown("a\\b") == "a\\\\b"


HOSTILE = Message(
    title="<b>**Title**</b> @everyone",
    paragraphs=(
        "&amp; </a> @everyone @here <@123> <@!123> <@&456> <#789> [link](javascript:alert(1))",
        "Hebrew שלום Arabic مرحبا 😀 👨‍👩‍👧‍👦 🇧🇾",
        "x" * 5000,
    ),
    items=(Item("<@123>", "**not bold** @here"),),
    sources=(Link("javascript:alert(1)", "[x](javascript:alert(1))"),),
    footer="<@&456> @everyone",
    buttons=(Button("@everyone", command="/fact <@123>"), Button("js", url="javascript:1")),
)


def test_hostile_text_is_literal_and_complete() -> None:
    payloads = render(HOSTILE)
    assert_within_limits(payloads)
    assert_all_shown(HOSTILE, payloads)
    assert "](javascript" not in json.dumps(payloads)
    # The unbreakable 5000-character run starts an embed of its own and is hard-split once.
    descriptions = [len(e["description"]) for e in payloads[0]["embeds"]]
    assert descriptions[1:] == [4096, 904]
    [button] = payloads[-1]["components"][0]["components"]
    assert button["label"] == f"@{ZWSP}everyone" and button["custom_id"] == "cmd:/fact <@123>"


def test_long_title_is_cut_with_ellipsis_and_kept_whole() -> None:
    title = "word " * 100
    embeds = render(Message(title=title))[0]["embeds"]
    assert embeds[0]["title"].endswith("word…")
    assert utf16_len(embeds[0]["title"]) <= EMBED_TITLE_MAX
    assert embeds[0]["description"] == title.strip()


def test_long_key_is_cut_and_repeated_in_value() -> None:
    key = "k" * 300
    [field] = render(Message(items=(Item(key, "text"),)))[0]["embeds"][0]["fields"]
    assert field["name"] == "k" * 255 + "…"
    assert field["value"] == f"{key}\ntext"


def test_many_fields_and_long_values_spread_over_embeds() -> None:
    msg = Message(title="T", items=tuple(Item(f"k{n}", "v" * 900) for n in range(30)))
    payloads = render(msg)
    assert_within_limits(payloads)
    assert_all_shown(msg, payloads)
    names = [f["name"] for p in payloads for e in p["embeds"] for f in e["fields"]]
    assert names == [f"k{n}" for n in range(30)]


def test_many_small_embeds_split_at_ten_per_message() -> None:
    msg = Message(items=tuple(Item(f"k{n}", "v") for n in range(300)))
    payloads = render(msg)
    assert_within_limits(payloads)
    assert_all_shown(msg, payloads)
    assert [len(p["embeds"]) for p in payloads] == [10, 2]


def test_a_long_footer_still_fits_beside_full_embeds() -> None:
    msg = Message(
        title="t" * 256,
        paragraphs=("w " * 3000,),
        items=tuple(Item("k" * 256, "v" * 1024) for _ in range(10)),
        footer="f" * 1600,
    )
    payloads = render(msg)
    assert_within_limits(payloads)
    assert_all_shown(msg, payloads)
    assert payloads[-1]["embeds"][-1]["footer"] == {"text": "f" * 1600}


def test_buttons_rows_and_overflow() -> None:
    buttons = tuple(Button(f"b{n}", command=f"/fact {n}") for n in range(27))
    payloads = render(Message(title="T", buttons=(*buttons, buttons[0])))
    assert_within_limits(payloads)
    assert [len(p["components"]) for p in payloads] == [5, 1]
    assert payloads[1]["embeds"] == []
    too_long = Button("x", command="/" + "y" * 100)
    assert render(Message(title="T", buttons=(too_long,)))[0]["components"] == []


def test_empty_message_has_a_placeholder_embed() -> None:
    assert render(Message()) == [
        {"content": None, "embeds": [{"color": COLOR, "description": "…"}], "components": []}
    ]


def test_long_footer_is_cut_and_shown_whole() -> None:
    footer = "f " * 2000
    payloads = render(Message(title="T", footer=footer))
    assert_within_limits(payloads)
    assert_all_shown(Message(title="T", footer=footer), payloads)
    assert payloads[-1]["embeds"][-1]["footer"]["text"].endswith("…")


# -- properties -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=TEXT | st.text())
def test_escape_round_trips_and_is_inert(text: str) -> None:
    for autolinks in (True, False):
        out = escape_markdown(text, autolinks=autolinks)
        assert_literal(out)
        assert unquote(unescape(out)) == unquote(cleaned(text).replace("@" + ZWSP, "@"))


@settings(max_examples=200, deadline=None)
@given(msg=messages())
@example(msg=Message(sources=(Link("https://example.org/a", "\r"),)))  # found by hypothesis
def test_payloads_are_within_limits_and_complete(msg: Message) -> None:
    payloads = render(msg)
    assert_within_limits(payloads)
    assert_all_shown(msg, payloads)
    json.dumps(payloads)

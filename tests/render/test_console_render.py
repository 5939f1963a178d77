"""Console text: exact layout, and no way for a fact file to drive the terminal."""

from __future__ import annotations

import re

from hypothesis import given, settings

from bot.adapters.console.render import PLACEHOLDER, render
from bot.core.messages import Button, Item, Link, Message
from tests.render.test_all_renderers import CARD, cleaned, footer_of, messages

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def test_card_exact() -> None:
    assert render(CARD) == (
        "Arrested in Minsk\n"
        "\n"
        "Ales Bialiatski was arrested.\n"
        "\n"
        "He was sentenced to ten years.\n"
        "\n"
        "- ales-bialiatski/nobel-2022: Nobel Peace Prize\n"
        "\n"
        "Sources:\n"
        "- Publisher, “Headline” <https://example.org/article>\n"
        "\n"
        "ales-bialiatski/arrest-2021\n"
        "\n"
        "[Another fact: /fact ales-bialiatski/nobel-2022] [Write a letter: https://example.org/write]"
    )


def test_title_only_and_empty() -> None:
    assert render(Message(title="Only")) == "Only"
    assert render(Message()) == PLACEHOLDER
    assert render(Message(title="  ", paragraphs=("\n",))) == PLACEHOLDER


def test_source_without_title_and_footer_with_card_id() -> None:
    msg = Message(sources=(Link("https://e.org/x"),), footer="note", card_id="a/b")
    assert render(msg) == "Sources:\n- https://e.org/x\n\nnote · a/b"


def test_terminal_escapes_are_neutralised() -> None:
    msg = Message(
        title="\x1b]0;pwned\x07Title",
        paragraphs=("red \x1b[31mtext\x1b[0m\rover", "csi \x9b2J and nul \x00 and tab\t"),
        items=(Item("k\x1b", "v\x08"),),
        sources=(Link("https://e.org/\x1b[2J", "t\x1b"),),
        footer="f\x7f",
        buttons=(Button("b\x1b", command="/x\x1b"),),
    )
    out = render(msg)
    assert not _CONTROL.search(out)
    assert out.startswith("\ufffd]0;pwned\ufffdTitle\n\nred \ufffd[31mtext\ufffd[0m\ufffdover")
    assert "[b\ufffd: /x\ufffd]" in out


def test_lone_surrogates_can_be_printed() -> None:
    out = render(Message(title="a\ud800b"))
    assert out == "a\ufffdb"
    out.encode("utf-8")


def test_hostile_markup_is_just_text() -> None:
    text = "<b>x</b> &amp; @everyone <@123> [l](javascript:alert(1)) **b** שלום 👨‍👩‍👧"
    assert render(Message(title=text)) == text


@settings(max_examples=200, deadline=None)
@given(msg=messages())
def test_every_part_is_shown_and_safe(msg: Message) -> None:
    out = render(msg)
    assert out
    assert not _CONTROL.search(out)
    out.encode("utf-8")
    pos = 0
    parts = [p for p in (msg.title or "", *msg.paragraphs) if p.strip()]
    parts += [f"- {i.key}: {i.text}" for i in msg.items]
    parts += [s.url for s in msg.sources]
    parts += [footer_of(msg)] if footer_of(msg) else []
    parts += [f"[{b.label}: {b.url or b.command or ''}]" for b in msg.buttons]
    for part in map(cleaned, parts):
        found = out.find(part, pos)
        assert found >= 0, (part[:60], out[pos : pos + 60])
        pos = found + len(part)

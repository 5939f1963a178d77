"""/write [subject] in the core: the kit, the pick list, no letters, unknown names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.dispatch import run_core_command
from bot.core.content import ContentSet
from bot.core.messages import Reply
from bot.core.search import SearchIndex
from tests.letters.content import ADDRESS, holder


@pytest.fixture
def content(tmp_path: Path) -> ContentSet:
    return holder(tmp_path).current


def write(
    content: ContentSet, args: str, language: str | None = None, day: str = "2026-07-01"
) -> Reply:
    moment = Moment(datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC), content.zone)
    ctx = ChatContext("console", "console", language=language)
    reply = run_core_command("write", args, ctx, content, SearchIndex.build(content), moment)
    assert reply is not None
    return reply


def test_the_kit_for_one_subject(content: ContentSet) -> None:
    [message] = write(content, "ales-bialiatski").messages
    assert message.title == "Write to Ales Bialiatski"
    assert message.preformatted == ADDRESS
    assert message.paragraphs == (
        "Letters must be in one of these languages: Belarusian, Russian.",
        "Short and kind; no politics.",
        "The address was last checked on 1 June 2026.",
        "Where the address comes from: the sources below.",
        "The address, exactly as it must be written on the envelope:",
    )
    assert [(s.url, s.title) for s in message.sources] == [
        ("https://example.org/write", "How to write to Ales Bialiatski"),
        ("https://example.org/addresses", "Example: Addresses"),
    ]


def test_a_name_in_any_language_and_any_case_finds_the_subject(content: ContentSet) -> None:
    for name in ("Ales Bialiatski", "алесь бяляцкі", "ALES-BIALIATSKI"):
        assert write(content, name).messages[0].preformatted == ADDRESS


def test_notes_and_words_in_the_chats_language(content: ContentSet) -> None:
    [message] = write(content, "ales-bialiatski", "be").messages
    assert message.title == "Напісаць ліст: Алесь Бяляцкі"
    assert "Коратка і цёпла." in message.paragraphs
    assert "Лісты павінны быць на адной з гэтых моў: беларуская, руская." in message.paragraphs
    [ru] = write(content, "ales-bialiatski", "ru").messages
    assert "Short and kind; no politics." in ru.paragraphs  # no Russian notes: as written


def test_an_old_address_is_flagged_to_the_reader(content: ContentSet) -> None:
    [message] = write(content, "ales-bialiatski", day="2027-01-01").messages
    assert (
        "The address was last checked on 1 June 2026, more than 180 days ago: prisoners are "
        "moved, so check the page below before you send a letter." in message.paragraphs
    )


def test_no_argument_lists_only_subjects_with_letters(content: ContentSet) -> None:
    [message] = write(content, "").messages
    assert message.title == "Whom do you want to write to?"
    assert [(b.label, b.command) for b in message.buttons] == [
        ("Ales Bialiatski", "/write ales-bialiatski"),
        ("Jana Example", "/write jana-example"),
    ]


def test_no_argument_with_one_recipient_shows_the_kit(tmp_path: Path) -> None:
    content = holder(tmp_path, other=False).current
    assert write(content, "").messages[0].preformatted == ADDRESS


def test_a_page_without_an_address(content: ContentSet) -> None:
    [message] = write(content, "jana-example").messages
    assert message.preformatted is None
    assert message.paragraphs == (
        "No postal address is given here: the page below explains how to write.",
    )
    assert [s.url for s in message.sources] == ["https://example.org/jana"]


def test_a_subject_without_letters_says_so_and_points_to_its_sources(
    content: ContentSet,
) -> None:
    [message] = write(content, "leap-example").messages
    assert message.title == "No letters are being collected for Leap Example"
    assert message.preformatted is None
    assert [s.url for s in message.sources] == ["https://example.org/leap"]


def test_an_unknown_subject_gets_a_did_you_mean(content: ContentSet) -> None:
    reply = write(content, "ales bialatski")
    [message] = reply.messages
    assert reply.private
    assert message.title == "No one here is called “ales bialatski”"
    assert message.paragraphs == ("Did you mean:",)
    assert [b.command for b in message.buttons] == ["/write ales-bialiatski"]
    [nothing] = write(content, "zzzz").messages
    assert nothing.buttons == ()
    assert nothing.paragraphs == ("Type /write alone to see whom you can write to.",)

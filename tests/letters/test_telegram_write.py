"""/write on Telegram through the fake Bot API: the pick list as an inline keyboard, a press
answered with the kit, the address in <pre> and escaped, a subject without letters."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.adapters.telegram.adapter import TelegramAdapter
from bot.core.clock import FakeClock
from bot.service.bot_service import BotService
from bot.settings import Settings
from tests.fakes.telegram_api import FakeTelegram, private_chat, user
from tests.letters.content import holder
from tests.telegram.conftest import _env, fake, settings, started

__all__ = ["_env", "fake", "settings"]


@pytest.fixture
async def bot(tmp_path: Path, settings: Settings) -> AsyncIterator[TelegramAdapter]:
    service = BotService(holder(tmp_path), FakeClock(datetime(2026, 7, 1, 12, tzinfo=UTC)))
    async with started(settings, service) as adapter:
        yield adapter


async def test_write_offers_only_subjects_with_letters_as_buttons(
    fake: FakeTelegram, bot: TelegramAdapter
) -> None:
    fake.command("/write")
    (sent,) = await fake.wait_for("sendMessage")
    assert sent.params["text"] == (
        "<b>Whom do you want to write to?</b>\n\n"
        "Choose a person, or type /write followed by a name."
    )
    assert sent.params["reply_markup"] == {
        "inline_keyboard": [
            [
                {"text": "Ales Bialiatski", "callback_data": "/write ales-bialiatski"},
                {"text": "Jana Example", "callback_data": "/write jana-example"},
            ]
        ]
    }


async def test_a_press_answers_with_the_kit_and_a_literal_address(
    fake: FakeTelegram, bot: TelegramAdapter
) -> None:
    person = user(1001)
    fake.callback_query("/write ales-bialiatski", private_chat(1001), person)
    (sent,) = await fake.wait_for("sendMessage")
    text = sent.params["text"]
    assert sent.params["parse_mode"] == "HTML"
    assert text.startswith("<b>Write to Ales Bialiatski</b>\n\n")
    assert (
        "The address, exactly as it must be written on the envelope:\n\n"
        "<pre>ИК № 9 &lt;b&gt;\nул. Добролюбова, 16 @everyone ```\n213410, г. Горки</pre>"
    ) in text
    assert '<a href="https://example.org/write">How to write to Ales Bialiatski</a>' in text


async def test_the_kit_in_the_persons_language(fake: FakeTelegram, bot: TelegramAdapter) -> None:
    person = user(1001, language_code="be")
    fake.command("/write Ales Bialiatski", chat=private_chat(1001), sender=person)
    (sent,) = await fake.wait_for("sendMessage")
    assert sent.params["text"].startswith("<b>Напісаць ліст: Алесь Бяляцкі</b>")
    assert "Коратка і цёпла." in sent.params["text"]


async def test_a_subject_without_letters_is_told_plainly(
    fake: FakeTelegram, bot: TelegramAdapter
) -> None:
    fake.command("/write leap-example")
    (sent,) = await fake.wait_for("sendMessage")
    assert sent.params["text"] == (
        "<b>No letters are being collected for Leap Example</b>\n\n"
        "This bot has no address for letters to this person now. "
        "The sources below have the latest news.\n\n"
        'Sources:\n• <a href="https://example.org/leap">Example: Profile</a>'
    )
    assert "reply_markup" not in sent.params

"""The order in which a chat's language is chosen (docs/architecture.md §6): the chat's
setting, else the person's language, else the schedules' `language:`, else English; a code
the bot does not speak falls through to the next. Also: the admin answers follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.core.commands.context import ChatContext
from bot.core.loading import ContentHolder
from bot.core.messages import Reply
from bot.service.bot_service import BotService
from tests.content import NOW, THREE_CARDS, schedule, write_content

HELP_TITLE = {"be": "Што я ўмею", "ru": "Что я умею", "en": "What I can do"}


def service(tmp_path: Path, language: str | None, chat_setting: str | None) -> BotService:
    header = f"language: {language}\n" if language else ""
    facts, schedules = write_content(tmp_path, THREE_CARDS, header + schedule())
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []

    async def chat_language(_platform: str, _chat: str) -> str | None:
        return chat_setting

    return BotService(holder, FakeClock(NOW), chat_language=chat_language)


def title(reply: Reply) -> str | None:
    return reply.messages[0].title


@pytest.mark.parametrize(
    ("schedules", "chat", "person", "expected"),
    [
        (None, None, None, "en"),
        (None, None, "ru", "ru"),
        (None, None, "be-BY", "be"),
        (None, None, "pt-BR", "en"),
        ("be", None, None, "be"),
        ("be", None, "pt-BR", "be"),  # the person's language is not spoken: the schedules'
        ("be", None, "ru", "ru"),  # the person's wins over the schedules'
        ("be", "ru", "en", "ru"),  # the chat's wins over both
        (None, "pt", "be", "be"),  # a stored chat setting the bot no longer speaks
    ],
)
async def test_the_language_of_an_answer(
    tmp_path: Path, schedules: str | None, chat: str | None, person: str | None, expected: str
) -> None:
    bot = service(tmp_path, schedules, chat)
    assert bot.content.language == schedules
    ctx = ChatContext("telegram", "-100500", "group", user_id="5", language=person)
    assert title(await bot.handle("help", "", ctx)) == HELP_TITLE[expected]


async def test_admin_answers_and_the_preview_are_in_the_askers_language(tmp_path: Path) -> None:
    bot = service(tmp_path, None, None)
    admin = ChatContext("telegram", "1", user_id="1", language="be", is_bot_admin=True)
    usage = await bot.handle("preview", "tomorrow", admin)
    assert usage.messages[0].title == "Як карыстацца: /preview [date]"
    assert usage.messages[0].paragraphs == (
        "“tomorrow” — не дата: пішыце ў выглядзе ГГГГ-ММ-ДД, напрыклад 2026-12-10.",
    )
    # 14 July 2026: the fifth anniversary of the arrest, posted at 09:00 to subscribers.
    day = await bot.handle("preview", "2026-07-14", admin)
    heading, post = day.messages
    assert heading.paragraphs == ("on-this-day у 09:00 +03 для subscribers:",)
    assert post.title == "5 гадоў таму ў гэты дзень: Arrested in Minsk"
    assert post.paragraphs[0] == "14 ліпеня 2021\u202fг."
    reloaded = await bot.handle("reload", "", admin)
    assert reloaded.messages[0].paragraphs == ("Цяпер загружана: 3 карткі і 1 паведамленне.",)
    stranger = ChatContext("telegram", "2", user_id="2", language="ru")
    refused = await bot.handle("status", "", stranger)
    assert refused.messages[0].paragraphs == (
        "Извините, этой командой могут пользоваться только администраторы бота.",
    )
    unknown = await bot.handle("nonsense", "", stranger)
    assert unknown.messages[0].paragraphs[0].startswith("Неизвестная команда /nonsense.")

"""Scheduled posts in each reader's language: the payload, the plan and the broadcast."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.core.messages import Message
from bot.scheduler.languages import plan_languages
from bot.scheduler.payload import Payload, decode, encode
from bot.scheduler.runner import Runner
from bot.store.sql import SqlStore
from tests.content import schedule, write_content
from tests.scheduler.posts import MINSK, content_with, make_post
from tests.scheduler.senders import RecordingSender
from tests.scheduler.translated import TITLES, TRANSLATED

NOW = datetime(2026, 7, 14, 9, 0, tzinfo=MINSK).astimezone(UTC)
EN, BE = (Message(title="Hello"),), (Message(title="Вітаем"),)
BE_IN_BE = (Message(title="Вітаем", language="be"),)


def test_a_payload_keeps_every_language_and_the_named_targets() -> None:
    payload = Payload({"en": EN, "be": BE_IN_BE}, "en", {"telegram:@chan": "be"})
    again = decode(encode(payload))
    assert again == payload
    assert again.for_target("telegram:@chan", "ru") == BE_IN_BE  # the schedule's wins
    assert again.for_target("telegram:1", "be") == BE_IN_BE  # a subscriber: their chat's
    assert again.for_target("telegram:2", None) == EN  # chose none: the default
    assert again.for_target("telegram:3", "ru") == EN  # not composed in ru: the default


def test_a_payload_of_the_previous_release_is_english() -> None:
    old = json.dumps([{"title": "Hello", "paragraphs": ["A fact."]}])
    payload = decode(old)
    assert payload.languages == ("en",) and payload.default == "en"
    expected = (Message(title="Hello", paragraphs=("A fact.",)),)
    assert payload.for_target("telegram:1", "be") == expected


def test_a_payload_must_have_its_default_language() -> None:
    with pytest.raises(ValueError, match="default language"):
        Payload({"be": BE}, "en")


async def subscribe(store: SqlStore, chats: dict[str, str | None]) -> None:
    """Telegram chats, each with the /language it chose (None: none)."""
    for chat, language in chats.items():
        await store.subscribe(
            "telegram", chat, chat_kind="group", title=None, subscribed_by=None, now=NOW
        )
        if language is not None:
            await store.set_language("telegram", chat, language, now=NOW)


async def test_the_plan_composes_only_the_languages_in_use(store: SqlStore) -> None:
    await subscribe(store, {"1": None, "2": "ru", "3": "ru"})
    await store.set_language("telegram", "@chan", "be", now=NOW)
    await store.set_language("telegram", "999", "be", now=NOW)  # not subscribed
    subscribers = make_post(id="p", kind="on-this-day", at="09:00", to=["subscribers"])
    plan = await plan_languages(store, content_with(subscribers), subscribers)
    assert (plan.languages, plan.default, plan.targets) == (("en", "ru"), "en", {})
    # A named target without a schedule language reads its chat's own.
    chan = make_post(id="c", kind="on-this-day", at="09:00", to=["telegram:@chan", "console"])
    plan = await plan_languages(store, content_with(chan), chan)
    assert (plan.languages, plan.default, plan.targets) == (("en", "be"), "en", {})
    # The post's language: for its named targets; subscribers still read their own.
    both = make_post(id="b", kind="on-this-day", at="09:00", to=["telegram:@chan", "subscribers"])
    both = replace(both, language="ru")  # as the loader sets it from the post or its file
    plan = await plan_languages(store, content_with(both), both)
    assert plan.languages == ("en", "ru") and plan.targets == {"telegram:@chan": "ru"}


def holder(tmp_path: Path, schedule_text: str) -> ContentHolder:
    loaded = ContentHolder(*write_content(tmp_path, TRANSLATED, schedule_text))
    assert loaded.load() == []
    return loaded


async def test_subscribers_in_three_languages_each_get_theirs_once(
    store: SqlStore, tmp_path: Path
) -> None:
    chats = {"1": None, "2": "be", "3": "ru", "4": "be", "5": "en"}
    await subscribe(store, chats)
    content = holder(tmp_path, schedule())
    sender = RecordingSender("telegram")
    runner = Runner(store, lambda: content.current, FakeClock(NOW), {"telegram": sender})
    await runner.tick(NOW)
    await runner.tick(NOW)  # a second wake-up sends nothing again
    got = {chat: messages[0].title for chat, _, messages in sender.calls}
    assert len(sender.calls) == len(chats)
    assert got == {chat: TITLES[lang or "en"] for chat, lang in chats.items()}
    # Each rendering says its language, so the renderers' own words follow it.
    said = {chat: messages[0].language for chat, _, messages in sender.calls}
    assert said == {chat: lang or "en" for chat, lang in chats.items()}
    text = {chat: messages[0].paragraphs[-1] for chat, _, messages in sender.calls}
    assert text["3"] == "Задержан вместе с коллегами из «Весны» и адвокатами."


async def test_the_schedules_language_is_the_default_and_names_the_targets(
    store: SqlStore, tmp_path: Path
) -> None:
    await subscribe(store, {"1": None, "2": "en"})
    text = "language: be\n" + schedule(to="[subscribers, 'telegram:@chan']")
    content = holder(tmp_path, text)
    sender = RecordingSender("telegram")
    runner = Runner(store, lambda: content.current, FakeClock(NOW), {"telegram": sender})
    await runner.tick(NOW)
    got = {chat: messages[0].title for chat, _, messages in sender.calls}
    assert got == {"@chan": TITLES["be"], "1": TITLES["be"], "2": TITLES["en"]}


async def test_a_card_rotation_shows_one_card_in_every_language(
    store: SqlStore, tmp_path: Path
) -> None:
    await subscribe(store, {"1": None, "2": "be", "3": "ru"})
    rotation = """\
timezone: Europe/Minsk
posts:
  - id: weekly
    kind: card-rotation
    at: "09:00"
    to: [subscribers]
"""
    content = holder(tmp_path, rotation)
    sender = RecordingSender("telegram")
    runner = Runner(store, lambda: content.current, FakeClock(NOW), {"telegram": sender})
    shown: list[set[str | None]] = []
    for day in range(2):
        before = len(sender.calls)
        await runner.tick(NOW.replace(day=14 + day))
        shown.append({messages[0].card_id for _, _, messages in sender.calls[before:]})
    # One card per occurrence for every chat; the next occurrence moves on for all.
    assert all(len(cards) == 1 for cards in shown)
    assert shown[0] != shown[1]
    titles = {m[0].title for _, _, m in sender.calls}
    assert titles == {
        "Arrested in Minsk",
        "Затрыманы ў Мінску",
        "Задержан в Минске",
        "Nobel Peace Prize",
        "Нобелеўская прэмія міру",
        "Нобелевская премия мира",
    }


async def test_a_resumed_broadcast_sends_what_was_composed_not_the_edited_files(
    store: SqlStore, tmp_path: Path
) -> None:
    """Discord chats wait for a Discord sender while the translation is edited and reloaded:
    they still get the text the occurrence was composed with, each in its language."""
    await subscribe(store, {"1": "be"})
    for chat, language in {"d1": "be", "d2": "ru", "d3": None}.items():
        await store.subscribe(
            "discord", chat, chat_kind="channel", title=None, subscribed_by=None, now=NOW
        )
        if language is not None:
            await store.set_language("discord", chat, language, now=NOW)
    content = holder(tmp_path, schedule())
    telegram = RecordingSender("telegram")
    first = Runner(store, lambda: content.current, FakeClock(NOW), {"telegram": telegram})
    [result] = await first.tick(NOW)
    assert result.unserved == {"discord": 3}
    edited = TRANSLATED.replace("Затрыманы ў Мінску", "Арыштаваны ў Мінску")
    write_content(tmp_path, edited, schedule())
    assert content.load() == []
    discord = RecordingSender("discord")
    later = NOW.replace(minute=5)
    second = Runner(store, lambda: content.current, FakeClock(later), {"discord": discord})
    await second.tick(later)
    got = {chat: messages[0].title for chat, _, messages in discord.calls}
    assert got == {"d1": TITLES["be"], "d2": TITLES["ru"], "d3": TITLES["en"]}
    assert [m[0].title for _, _, m in telegram.calls] == [TITLES["be"]]

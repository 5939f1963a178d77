"""/subscribe, /unsubscribe, /language, /status, /reload replies and the file reloader."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.core.commands.context import ChatContext
from bot.core.content import ContentSet
from bot.core.i18n import texts
from bot.core.loading import ContentHolder
from bot.core.problems import Problem
from bot.scheduler.due import next_runs
from bot.service.bot_service import BotService
from bot.service.reloader import Reloader
from bot.service.status import reload_reply, status_reply
from bot.service.subscriptions import set_language, subscribe, unsubscribe
from bot.settings import Settings
from bot.store.base import FAILED, UNKNOWN, ClaimRequest, NewOccurrence, Resolution
from bot.store.sql import SqlStore
from tests.content import schedule, write_content

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 7, 14, 6, 0, tzinfo=UTC)
SETTINGS = Settings(admins=frozenset({"telegram:1"}))
REFUSAL = texts("en")("refusal-subscription")
CHOICES = "be (беларуская), en (English), ru (русский)"


def text(reply: object) -> str:
    return "\n".join(m.plain_text() for m in reply.messages)  # type: ignore[attr-defined]


def group(user: str, *, admin: bool = False) -> ChatContext:
    async def chat_admin() -> bool:
        return admin

    return ChatContext(
        "telegram", "-100500", "group", user_id=user, chat_title="Friends", chat_admin=chat_admin
    )


async def test_a_private_chat_subscribes_itself_idempotently(store: SqlStore) -> None:
    ctx = ChatContext("telegram", "77", "private", user_id="77")
    assert "Subscribed" in text(await subscribe(ctx, store, SETTINGS, now=NOW))
    assert "already subscribed" in text(await subscribe(ctx, store, SETTINGS, now=NOW))
    assert "Unsubscribed" in text(await unsubscribe(ctx, store, SETTINGS))
    assert "not subscribed" in text(await unsubscribe(ctx, store, SETTINGS))


async def test_in_a_group_only_admins_may_subscribe(store: SqlStore) -> None:
    refused = await subscribe(group("5"), store, SETTINGS, now=NOW)
    assert text(refused) == REFUSAL and refused.private
    assert await store.subscriber_counts() == {}
    assert "Subscribed" in text(await subscribe(group("5", admin=True), store, SETTINGS, now=NOW))
    sub = await store.get_subscription("telegram", "-100500")
    assert sub is not None and (sub.chat_kind, sub.title, sub.subscribed_by) == (
        "group",
        "Friends",
        "5",
    )
    assert text(await unsubscribe(group("6"), store, SETTINGS)) == REFUSAL
    # A bot admin from ADVOCACY_ADMINS may, even without platform rights in the chat.
    assert "Unsubscribed" in text(await unsubscribe(group("1"), store, SETTINGS))


async def test_language_is_set_by_those_who_may(store: SqlStore) -> None:
    assert "not set" in text(await set_language(group("5"), "", store, SETTINGS))
    assert "only this chat's admins" in text(await set_language(group("5"), "be", store, SETTINGS))
    admin = group("5", admin=True)
    assert CHOICES in text(await set_language(admin, "Belarusian!", store, SETTINGS))
    await set_language(admin, "be", store, SETTINGS, now=NOW)
    assert await store.get_language("telegram", "-100500") == "be"
    await set_language(admin, "default", store, SETTINGS, now=NOW)
    assert await store.get_language("telegram", "-100500") is None


@pytest.mark.parametrize(
    "code",
    ["Belarusian!", "russian", "r", "ru ru", "be-", "<b>ru</b>", "pt-BR", "xx", "en" * 20],
)
async def test_an_unknown_language_code_is_refused_and_changes_nothing(
    store: SqlStore, code: str
) -> None:
    admin = group("5", admin=True)
    await set_language(admin, "ru", store, SETTINGS, now=NOW)
    refused = await set_language(admin, code, store, SETTINGS, now=NOW)
    # Answered in the chat's language (ctx.language), listing the choices by their own names.
    assert text(refused).startswith("Sorry, “") and refused.private
    assert text(refused).endswith(f"Choose one of: {CHOICES}.")
    assert await store.get_language("telegram", "-100500") == "ru"


@pytest.mark.parametrize("code", [" be-BY ", "BE", "be_BY", "be"])
async def test_a_language_the_bot_speaks_is_stored_by_its_code(store: SqlStore, code: str) -> None:
    """'be-BY' and 'BE' name Belarusian: the chat gets 'be', answered in Belarusian."""
    admin = group("5", admin=True)
    reply = await set_language(admin, code, store, SETTINGS, now=NOW)
    assert text(reply) == texts("be")("language-set", language="беларуская", code="be")
    assert text(reply).startswith("Мова зададзена: беларуская (be).")
    assert not reply.private
    assert await store.get_language("telegram", "-100500") == "be"


async def test_language_alone_lists_the_languages_and_marks_the_chats(store: SqlStore) -> None:
    unset = await set_language(group("6"), "", store, SETTINGS)  # anyone may ask
    assert unset.private
    (listing,) = unset.messages
    assert listing.paragraphs[0].startswith("This chat's language is not set")
    assert [(i.key, i.text) for i in listing.items] == [
        ("be", "беларуская"),
        ("en", "English"),
        ("ru", "русский"),
    ]
    await set_language(group("5", admin=True), "ru", store, SETTINGS, now=NOW)
    (listing,) = (await set_language(group("6"), "", store, SETTINGS)).messages
    assert listing.paragraphs[0] == "This chat's language: русский (ru)."
    assert ("ru", "русский (current)") in [(i.key, i.text) for i in listing.items]


async def test_a_stored_code_the_bot_no_longer_speaks_shows_as_not_set(store: SqlStore) -> None:
    await store.set_language("telegram", "-100500", "pt", now=NOW)  # an older bot's setting
    (listing,) = (await set_language(group("6"), "", store, SETTINGS)).messages
    assert listing.paragraphs[0].startswith("This chat's language is not set")
    assert all("(current)" not in i.text for i in listing.items)


SENTENCED = "ales-bialiatski/bialiatski-sentenced-2023"


def bundled_titles() -> dict[str, str]:
    """The card's title per language as the bundled facts have it today, so that editors
    can reword the card without breaking these tests."""
    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    assert holder.load() == []
    record = holder.current.get(SENTENCED)
    assert record is not None
    card = record.card
    titles = {"en": card.title} | {
        lang: str(card.translations[lang].title) for lang in ("be", "ru")
    }
    assert len(set(titles.values())) == 3, "the test needs distinct be, ru and en titles"
    return titles


async def test_the_chat_language_wins_over_the_persons(store: SqlStore) -> None:
    titles = bundled_titles()
    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    assert holder.load() == []
    service = BotService(holder, FakeClock(NOW), chat_language=store.get_language)

    async def title(ctx: ChatContext) -> str | None:
        return (await service.handle("fact", SENTENCED, ctx)).messages[0].title

    english = ChatContext("telegram", "-100500", "group", user_id="5", language="en")
    russian = ChatContext("telegram", "-100500", "group", user_id="6", language="ru")
    assert await title(english) == titles["en"]
    assert await title(russian) == titles["ru"]  # the person's own language, nothing set
    await store.set_language("telegram", "-100500", "ru", now=NOW)
    assert await title(english) == titles["ru"]
    await store.set_language("telegram", "-100500", "be", now=NOW)
    assert await title(russian) == titles["be"]
    # A stored code the bot does not speak (left by an older release) falls through to
    # the person's own language.
    await store.set_language("telegram", "-100500", "pl", now=NOW)
    assert await title(russian) == titles["ru"]
    other_chat = ChatContext("telegram", "-100600", "group", user_id="5", language="en")
    assert await title(other_chat) == titles["en"]
    await store.set_language("telegram", "-100500", None, now=NOW)
    assert await title(russian) == titles["ru"]


async def test_a_failing_chat_language_lookup_falls_back_to_the_persons(
    caplog: pytest.LogCaptureFixture,
) -> None:
    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    assert holder.load() == []

    async def broken(_platform: str, _chat: str) -> str | None:
        raise ConnectionError("database is down")

    service = BotService(holder, FakeClock(NOW), chat_language=broken)
    ctx = ChatContext("telegram", "-100500", "group", user_id="6", language="ru")
    with caplog.at_level(logging.WARNING):
        reply = await service.handle("fact", SENTENCED, ctx)
    assert reply.messages[0].title == bundled_titles()["ru"]
    assert "chat language of telegram:-100500 unavailable" in caplog.text


async def test_status_shows_runs_subscribers_results_failures_and_doubt(
    store: SqlStore, tmp_path: Path
) -> None:
    facts, schedules = write_content(tmp_path)
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []
    for chat in ("1", "2", "3"):
        await subscribe(ChatContext("telegram", chat), store, SETTINGS, now=NOW)
    await subscribe(ChatContext("discord", "123456789012345678"), store, SETTINGS, now=NOW)
    await store.ledger.materialize(
        NewOccurrence(
            "on-this-day", "2026-07-14", NOW, NOW + timedelta(hours=6), "[]", None, (), True
        )
    )
    req = ClaimRequest("on-this-day", "2026-07-14", ("telegram",), "me", 3, timedelta(seconds=60))
    c = await store.ledger.step([], req)
    await store.ledger.step(
        [
            Resolution(c[0].id, "sent", "me"),
            Resolution(c[1].id, FAILED, "me", error="400 Bad Request: can't parse entities"),
            Resolution(c[2].id, UNKNOWN, "me", error="in doubt: ReadTimeout"),
        ],
        None,
    )
    content = holder.current
    reply = await status_reply(
        version="0.1.0",
        uptime_seconds=3 * 3600 + 120,
        content=content,
        next_runs=next_runs(content.posts, NOW, 5),
        subscriptions=store,
        ledger=store.ledger,
    )
    out = text(reply)
    assert reply.private
    assert "Version 0.1.0, up 3h 2m." in out
    assert "Loaded 2 cards and 1 post." in out
    assert "2026-07-15 09:00 +03  on-this-day" in out
    assert "Subscribers: discord: 1, telegram: 3." in out
    assert "on-this-day 2026-07-14: failed 1, pending 1, sent 1, unknown 1" in out
    assert "can't parse entities" in out
    assert "In doubt" in out and "ReadTimeout" in out
    russian = await status_reply(
        version="0.1.0",
        uptime_seconds=3 * 3600 + 120,
        content=content,
        next_runs=next_runs(content.posts, NOW, 5),
        subscriptions=store,
        ledger=store.ledger,
        language="ru",
    )
    out = text(russian)
    assert russian.messages[0].title == "Состояние"
    assert "Загружено: 2 карточки и 1 публикация." in out
    assert "Подписчики: discord: 1, telegram: 3." in out
    assert "Под сомнением" in out and "ReadTimeout" in out


def test_reload_reply_lists_each_problem_where_it_is() -> None:
    problems = [Problem("schedules/default.yaml", 4, 9, "unknown time zone 'Mars/Base'")]
    out = text(reload_reply(problems))
    assert "schedules/default.yaml:4:9: unknown time zone 'Mars/Base'" in out
    assert "still serving" in out
    empty = ContentSet.build([], {}, [])
    assert "Now serving 0 cards and 0 posts." in text(reload_reply([], empty))


@pytest.fixture
def reloading(tmp_path: Path) -> tuple[ContentHolder, Reloader, list[ContentSet], asyncio.Event]:
    facts, schedules = write_content(tmp_path)
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []
    seen: list[ContentSet] = []
    changed = asyncio.Event()

    async def on_reload(content: ContentSet) -> None:
        seen.append(content)
        changed.set()

    return holder, Reloader(holder, on_reload, debounce_ms=50), seen, changed


async def test_a_bad_file_on_reload_keeps_the_last_good_set_and_says_why(
    reloading: tuple[ContentHolder, Reloader, list[ContentSet], asyncio.Event],
    caplog: pytest.LogCaptureFixture,
) -> None:
    holder, reloader, seen, _ = reloading
    good = holder.current
    (holder.schedules_dir / "default.yaml").write_text(schedule(at="25:00"), "utf-8")
    with caplog.at_level(logging.ERROR):
        problems = await reloader.reload("test")
    assert problems and holder.current is good and seen == []
    assert "still serving the last good files" in caplog.text
    assert "default.yaml:5:" in caplog.text


async def test_sighup_reloads(
    reloading: tuple[ContentHolder, Reloader, list[ContentSet], asyncio.Event],
) -> None:
    holder, reloader, seen, changed = reloading
    (holder.schedules_dir / "default.yaml").write_text(schedule(at="10:00"), "utf-8")
    loop = asyncio.get_running_loop()
    reloader.install_sighup(loop)
    try:
        os.kill(os.getpid(), signal.SIGHUP)
        await asyncio.wait_for(changed.wait(), 10)
    finally:
        reloader.remove_sighup(loop)
    assert seen[-1].posts[0].spec.at == "10:00"


async def test_a_changed_file_on_disk_reloads(
    reloading: tuple[ContentHolder, Reloader, list[ContentSet], asyncio.Event],
) -> None:
    holder, reloader, seen, changed = reloading
    stop = asyncio.Event()
    watching = asyncio.create_task(reloader.watch(stop))
    target = holder.schedules_dir / "default.yaml"
    try:
        # The watcher gives no "ready" signal: rewrite the file until it reacts.
        async with asyncio.timeout(20):
            minute = 0
            while not changed.is_set():
                minute += 1
                target.write_text(schedule(at=f"10:{minute:02d}"), "utf-8")
                try:
                    await asyncio.wait_for(changed.wait(), 1)
                except TimeoutError:
                    continue
    finally:
        stop.set()
        await asyncio.wait_for(watching, 10)
    assert seen and seen[-1].posts[0].spec.at.startswith("10:")

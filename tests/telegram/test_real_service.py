"""The adapter with the real BotService: every command end to end, with the exact HTML.

Each command runs through the real service (and, for /subscribe, /unsubscribe, /language
and /status, the real store, wired by the App) over the three cards of tests/content.py,
so the HTML is stable; two more tests run on the repository's own fact files. The FakeApi
tests in test_commands.py keep pinning the adapter's mechanics.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import __version__
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.adapters.telegram.render import render
from bot.app import App
from bot.core.clock import FakeClock
from bot.core.commands.context import ChatContext
from bot.core.commands.registry import COMMANDS, CommandSpec
from bot.core.loading import ContentHolder
from bot.service.bot_service import BotService
from bot.settings import Settings
from tests.content import NEXT_RUNS, three_card_app
from tests.fakes.telegram_api import FakeTelegram, private_chat, user
from tests.telegram.conftest import BOT_ADMIN, started

ROOT = Path(__file__).resolve().parents[2]

# -- tests.content's three cards and one daily post: small enough that every reply is exact ---

ARREST = (
    "14 July 2021\n\nDetained with colleagues from Viasna &lt;staff&gt; &amp; lawyers.\n\n"
    'Sources:\n• <a href="https://example.org/arrest">Example News, "Arrest"</a>\n\n'
    "<i>ales-bialiatski/arrest-2021</i>"
)
HELP = "\n".join(
    [
        "<b>What I can do</b>\n\nSourced facts, anniversaries and reminders. Commands:\n",
        "• <code>/facts [query]</code>: Search the fact cards",
        "• <code>/fact &lt;id&gt;</code>: Show one fact card with its sources",
        "• <code>/today</code>: What happened on this day",
        "• <code>/upcoming [days]</code>: Anniversaries and milestones in the coming days",
        "• <code>/subscribe</code>: Get the daily posts in this chat",
        "• <code>/unsubscribe</code>: Stop the daily posts in this chat",
        "• <code>/language [code]</code>: Set this chat's language (e.g. be, ru; default to clear)",
        "• <code>/write [subject]</code>: How to write a letter to a political prisoner",
        "• <code>/help</code>: What this bot can do",
        "• <code>/about</code>: Who this bot is about and where its facts come from",
    ]
)

# command -> (what the person types, the exact HTML of each message the bot answers)
EXPECTED: dict[str, tuple[str, list[str]]] = {
    "facts": (
        "/facts",
        [
            "<b>Fact cards</b>\n\n3 sourced cards about Ales Bialiatski.\n\n"
            "Search with /facts &lt;words&gt;, or open a card with /fact &lt;id&gt;. "
            "The newest:\n\n"
            "• <code>ales-bialiatski/sentence-2023</code>: Sentenced to ten years\n"
            "• <code>ales-bialiatski/nobel-2022</code>: Nobel Peace Prize\n"
            "• <code>ales-bialiatski/arrest-2021</code>: Arrested in Minsk"
        ],
    ),
    "fact": (
        "/fact ales-bialiatski/nobel-2022",
        [
            "<b>Nobel Peace Prize</b>\n\n7 October 2022\n\n"
            "The Norwegian Nobel Committee named him a laureate.\n\n"
            'Sources:\n• <a href="https://example.org/nobel">NobelPrize.org</a>\n\n'
            "<i>ales-bialiatski/nobel-2022</i>"
        ],
    ),
    "today": ("/today", [f"<b>5 years ago today: Arrested in Minsk</b>\n\n{ARREST}"]),
    "upcoming": (
        "/upcoming 100",
        [
            "<b>Coming up in the next 100 days</b>\n\n"
            "• <code>14 Jul</code>: 5 years since: Arrested in Minsk\n"
            "• <code>7 Oct</code>: 4 years since: Nobel Peace Prize"
        ],
    ),
    "subscribe": (
        "/subscribe",
        ["Subscribed: this chat will get the scheduled posts. Send /unsubscribe to stop."],
    ),
    "unsubscribe": (
        "/unsubscribe",
        ["This chat is not subscribed. Send /subscribe to get the scheduled posts."],
    ),
    "language": (
        "/language be",
        # Said in the language just chosen.
        [
            "Мова зададзена: беларуская (be). Бот адказвае на ёй і паказвае на ёй карткі там, "
            "дзе яны перакладзены."
        ],
    ),
    "write": (
        "/write",
        [
            "<b>No letters are being collected</b>\n\n"
            "No one in this bot's fact files has an address for letters now."
        ],
    ),
    "help": ("/help", [HELP]),
    "about": (
        "/about",
        [
            "<b>About this bot</b>\n\nThis bot keeps the record about Ales Bialiatski: "
            "sourced fact cards, with reminders of anniversaries, birthdays and milestones, "
            "so that they are not forgotten.\n\n"
            "It holds 3 cards. Every card cites its sources: 3 links to 2 websites.\n\n"
            "Open a card with /fact &lt;id&gt; for its own sources. The sites cited most:\n\n"
            "• <code>example.org</code>: 2 links\n• <code>example.com</code>: 1 link"
        ],
    ),
    "reload": ("/reload", ["<b>Reloaded</b>\n\nNow serving 3 cards and 1 post."]),
    "preview": (
        "/preview 2026-07-14",
        [
            "on-this-day at 09:00 +03 to subscribers:",
            f"<b>5 years ago today: Arrested in Minsk</b>\n\n{ARREST}",
        ],
    ),
    "status": (
        "/status",
        [
            f"<b>Status</b>\n\nVersion {__version__}, up 0h 0m.\n\n"
            f"Loaded 3 cards and 1 post.\n\nNext runs:\n{NEXT_RUNS}\n\n"
            "Subscribers: none.\n\nNo failed or in-doubt deliveries."
        ],
    ),
}


@pytest.fixture
async def small_app(tmp_path: Path, settings: Settings) -> AsyncIterator[App]:
    async with three_card_app(tmp_path, settings) as app:
        yield app


@pytest.fixture
async def small(settings: Settings, small_app: App) -> AsyncIterator[TelegramAdapter]:
    async with started(settings, small_app.service) as adapter:
        yield adapter


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
async def test_every_command_with_the_real_service(
    command: CommandSpec, fake: FakeTelegram, small: TelegramAdapter, small_app: App
) -> None:
    line, html = EXPECTED[command.name]
    person = user(BOT_ADMIN) if command.admin_only else user(1001)
    fake.command(line, chat=private_chat(person["id"]), sender=person)
    sent = await fake.wait_for("sendMessage", len(html))
    assert [c.params["text"] for c in sent] == html
    for call in sent:
        assert call.status == 200
        assert call.params["chat_id"] == str(person["id"])
        assert (call.params["parse_mode"], call.params["link_preview_options"]) == (
            "HTML",
            {"is_disabled": True},
        )
    if command.name == "subscribe":
        assert await small_app.store.subscriber_counts() == {"telegram": 1}
    if command.name == "language":
        assert await small_app.store.get_language("telegram", str(person["id"])) == "be"


async def test_facts_overview_offers_searches_as_buttons(
    fake: FakeTelegram, small: TelegramAdapter
) -> None:
    fake.command("/facts")
    (sent,) = await fake.wait_for("sendMessage")
    assert sent.params["reply_markup"] == {
        "inline_keyboard": [
            [
                {"text": "/facts arrest", "callback_data": "/facts arrest"},
                {"text": "/facts nobel", "callback_data": "/facts nobel"},
            ]
        ]
    }


async def test_admin_commands_are_refused_to_others(
    fake: FakeTelegram, small: TelegramAdapter
) -> None:
    fake.command("/status")
    (sent,) = await fake.wait_for("sendMessage")
    assert sent.params["text"] == "Sorry, only the bot's admins can use this command."


# -- the repository's own fact files ----------------------------------------------------------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 7, 14, 9, 0, tzinfo=UTC))


@pytest.fixture
def service(clock: FakeClock) -> BotService:
    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    assert not holder.load()
    return BotService(holder, clock)


@pytest.fixture
async def real(settings: Settings, service: BotService) -> AsyncIterator[TelegramAdapter]:
    async with started(settings, service) as adapter:
        yield adapter


async def test_fact_command_with_the_real_service(
    fake: FakeTelegram, real: TelegramAdapter, service: BotService
) -> None:
    card_id = service.content.cards[0].global_id
    reply = await service.handle("fact", card_id, ChatContext("telegram", "1001"))
    expected = [chunk for msg in reply.messages for chunk in render(msg)]
    fake.command(f"/fact {card_id}")
    sent = await fake.wait_for("sendMessage", len(expected))
    assert [c.params["text"] for c in sent] == [chunk.text for chunk in expected]
    assert all(c.status == 200 for c in sent)


async def test_inline_with_the_real_service(fake: FakeTelegram, real: TelegramAdapter) -> None:
    fake.inline_query("")
    (answer,) = await fake.wait_for("answerInlineQuery")
    results = answer.params["results"]
    assert 0 < len(results) <= 50
    assert all(r["input_message_content"]["parse_mode"] == "HTML" for r in results)


async def test_inline_answers_in_the_askers_language(
    fake: FakeTelegram, real: TelegramAdapter, service: BotService
) -> None:
    """The titles offered and the card shared follow the asker's `language_code`."""
    rec = next(r for r in service.content.cards if "ru" in r.card.translations)
    russian = rec.card.translations["ru"]
    titles = {}
    for code in ("en", "ru"):
        fake.inline_query(rec.global_id, sender=user(2000, language_code=code))
        answers = await fake.wait_for("answerInlineQuery", len(titles) + 1)
        titles[code] = {r["title"]: r for r in answers[-1].params["results"]}
    assert rec.card.title in titles["en"] and russian.title not in titles["en"]
    assert russian.title in titles["ru"] and rec.card.title not in titles["ru"]
    shared = titles["ru"][russian.title]["input_message_content"]["message_text"]
    assert shared.startswith(f"<b>{html.escape(russian.title or '', quote=False)}</b>")
    assert "Источники:" in shared


async def test_a_card_shared_inline_past_its_review_date_says_so(
    fake: FakeTelegram, real: TelegramAdapter, service: BotService, clock: FakeClock
) -> None:
    """Inline mode posts a card into any chat: one past its review_by carries the same note
    as /fact, from that date on and not before."""
    later = datetime(2026, 12, 5, 9, tzinfo=UTC)
    rec = next(
        r for r in service.content.cards if (r.card.review_by or later.date()) < later.date()
    )
    note = f"Awaiting review since {rec.card.review_by:%Y-%m-%d}"
    shared = []
    for moment in (datetime(2025, 7, 14, 9, tzinfo=UTC), later):
        clock.set(moment)
        fake.inline_query(rec.global_id)
        answers = await fake.wait_for("answerInlineQuery", len(shared) + 1)
        (hit,) = [r for r in answers[-1].params["results"] if r["id"] == rec.global_id]
        shared.append(hit["input_message_content"]["message_text"])
    assert note not in shared[0]
    assert note in shared[1]


async def test_a_card_and_its_sources_heading_in_the_readers_language(
    fake: FakeTelegram, real: TelegramAdapter, service: BotService
) -> None:
    """A Russian reader gets the card's Russian translation, headed "Источники", not "Sources"."""
    rec = next(r for r in service.content.cards if "ru" in r.card.translations)
    title = rec.card.translations["ru"].title
    assert title and title != rec.card.title
    fake.command(f"/fact {rec.global_id}", sender=user(2001, language_code="ru"))
    (sent,) = await fake.wait_for("sendMessage")
    text = sent.params["text"]
    assert text.startswith(f"<b>{html.escape(title, quote=False)}</b>")
    assert "\n\nИсточники:\n" in text and "Sources:" not in text

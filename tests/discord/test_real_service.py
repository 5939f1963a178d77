"""The adapter with the real BotService: every slash command end to end, embeds asserted.

Each command runs through the real service (and, for /subscribe, /unsubscribe, /language
and /status, the real store, wired by the App) over the three cards of tests/content.py,
so every embed is exact. The FakeBotApi tests in test_commands.py keep pinning the
adapter's mechanics (deferral, errors, autocomplete limits).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from bot import __version__
from bot.adapters.discord.adapter import DiscordAdapter
from bot.app import App
from bot.core.commands.registry import COMMANDS, CommandSpec
from bot.service.api import BotApi
from bot.settings import Settings
from tests.content import NEXT_RUNS, three_card_app
from tests.discord.conftest import ADMIN_ID
from tests.discord.helpers import EPHEMERAL, assert_pings_nobody, message_body
from tests.fakes import discord_payloads as p
from tests.fakes.discord_api import FakeDiscord

COLOUR = 3894952


def embed(
    title: str | None = None,
    description: str | None = None,
    fields: Sequence[tuple[str, str]] = (),
    footer: str | None = None,
) -> dict[str, Any]:
    """An embed as it arrives on the wire."""
    out: dict[str, Any] = {"flags": 0, "color": COLOUR}
    if title is not None:
        out["title"] = title
    if description is not None:
        out["description"] = description
    if fields:
        out["fields"] = [{"name": n, "value": v, "inline": False} for n, v in fields]
    if footer is not None:
        out["footer"] = {"text": footer}
    return out


def card(title: str, date: str, text: str, source: str, card_id: str) -> dict[str, Any]:
    return embed(title, f"{date}\n\n{text}", [("Sources", source)], card_id)


ANNIVERSARY = card(
    "5 years ago today: Arrested in Minsk",
    "14 July 2021",
    "Detained with colleagues from Viasna \\<staff> & lawyers.",
    '• [Example News, "Arrest"](https://example.org/arrest)',
    "ales-bialiatski/arrest-2021",
)

# command -> (its options, the exact embeds of each message the bot answers)
EXPECTED: dict[str, tuple[dict[str, Any], list[list[dict[str, Any]]]]] = {
    "facts": (
        {},
        [
            [
                embed(
                    "Fact cards",
                    "3 sourced cards about Ales Bialiatski.\n\n"
                    "Search with /facts \\<words>, or open a card with /fact \\<id>. The newest:",
                    [
                        ("ales-bialiatski/sentence-2023", "Sentenced to ten years"),
                        ("ales-bialiatski/nobel-2022", "Nobel Peace Prize"),
                        ("ales-bialiatski/arrest-2021", "Arrested in Minsk"),
                    ],
                )
            ]
        ],
    ),
    "fact": (
        {"id": "ales-bialiatski/nobel-2022"},
        [
            [
                card(
                    "Nobel Peace Prize",
                    "7 October 2022",
                    "The Norwegian Nobel Committee named him a laureate.",
                    "• [NobelPrize.org](https://example.org/nobel)",
                    "ales-bialiatski/nobel-2022",
                )
            ]
        ],
    ),
    "today": ({}, [[ANNIVERSARY]]),
    "upcoming": (
        {"days": 100},
        [
            [
                embed(
                    "Coming up in the next 100 days",
                    fields=[
                        ("14 Jul", "5 years since: Arrested in Minsk"),
                        ("7 Oct", "4 years since: Nobel Peace Prize"),
                    ],
                )
            ]
        ],
    ),
    "subscribe": (
        {},
        [
            [
                embed(
                    description="Subscribed: this chat will get the scheduled posts. "
                    "Send /unsubscribe to stop."
                )
            ]
        ],
    ),
    "unsubscribe": (
        {},
        [
            [
                embed(
                    description="This chat is not subscribed. "
                    "Send /subscribe to get the scheduled posts."
                )
            ]
        ],
    ),
    "language": (
        {"code": "be"},
        # Said in the language just chosen (Discord markdown escapes the brackets).
        [
            [
                embed(
                    description="Мова зададзена: беларуская \\(be\\). Бот адказвае на ёй і "
                    "паказвае на ёй карткі там, дзе яны перакладзены."
                )
            ]
        ],
    ),
    "help": (
        {},
        [
            [
                embed(
                    "What I can do",
                    "Sourced facts, anniversaries and reminders. Commands:",
                    [
                        ("/facts \\[query\\]", "Search the fact cards"),
                        ("/fact \\<id>", "Show one fact card with its sources"),
                        ("/today", "What happened on this day"),
                        ("/upcoming \\[days\\]", "Anniversaries and milestones in the coming days"),
                        ("/subscribe", "Get the daily posts in this chat"),
                        ("/unsubscribe", "Stop the daily posts in this chat"),
                        (
                            "/language \\[code\\]",
                            "Set this chat's language \\(e.g. be, ru; default to clear\\)",
                        ),
                        (
                            "/write \\[subject\\]",
                            "How to write a letter to a political prisoner",
                        ),
                        ("/help", "What this bot can do"),
                        ("/about", "Who this bot is about and where its facts come from"),
                    ],
                )
            ]
        ],
    ),
    "about": (
        {},
        [
            [
                embed(
                    "About this bot",
                    "This bot keeps the record about Ales Bialiatski: sourced fact cards, with "
                    "reminders of anniversaries, birthdays and milestones, so that they are not "
                    "forgotten.\n\nIt holds 3 cards. Every card cites its sources: 3 links to 2 "
                    "websites.\n\nOpen a card with /fact \\<id> for its own sources. "
                    "The sites cited most:",
                    [("example.org", "2 links"), ("example.com", "1 link")],
                )
            ]
        ],
    ),
    "write": (
        {},
        [
            [
                embed(
                    "No letters are being collected",
                    "No one in this bot's fact files has an address for letters now.",
                )
            ]
        ],
    ),
    "reload": ({}, [[embed("Reloaded", "Now serving 3 cards and 1 post.")]]),
    "preview": (
        {"date": "2026-07-14"},
        [[embed(description="on-this-day at 09:00 +03 to subscribers:")], [ANNIVERSARY]],
    ),
    "status": (
        {},
        [
            [
                embed(
                    "Status",
                    f"Version {__version__}, up 0h 0m.\n\nLoaded 3 cards and 1 post.\n\n"
                    f"Next runs:\n{NEXT_RUNS}\n\nSubscribers: none.\n\n"
                    "No failed or in-doubt deliveries.",
                )
            ]
        ],
    ),
}


@pytest.fixture
async def small_app(tmp_path: Path, settings: Settings) -> AsyncIterator[App]:
    async with three_card_app(tmp_path, settings) as app:
        yield app


@pytest.fixture
def bot_api(small_app: App) -> BotApi:
    """The conftest's `adapter` fixture, started with the real service instead of the fake."""
    return small_app.service


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
async def test_every_command_with_the_real_service(
    command: CommandSpec, adapter: DiscordAdapter, fake: FakeDiscord, small_app: App
) -> None:
    options, expected = EXPECTED[command.name]
    user = ADMIN_ID if command.admin_only else "700000000000000001"
    interaction = await fake.interact(
        fake.slash(command.name, options, user_id=user, permissions=p.MANAGE_CHANNELS)
    )
    answers = await fake.wait_response(interaction, len(expected))
    assert [message_body(a)["embeds"] for a in answers] == expected
    assert answers[0].body["type"] == 4  # answered at once, not deferred
    for answer in answers[1:]:
        assert answer.key.startswith(f"POST /webhooks/{fake.application_id}/")
    for answer in answers:
        private = bool((message_body(answer).get("flags") or 0) & EPHEMERAL)
        assert private == command.admin_only, answer.key
    assert_pings_nobody(answers)
    if command.name == "subscribe":
        assert await small_app.store.subscriber_counts() == {"discord": 1}
        sub = await small_app.store.get_subscription("discord", fake.channels[0])
        assert sub is not None and (sub.chat_kind, sub.subscribed_by) == ("group", user)
    if command.name == "language":
        assert await small_app.store.get_language("discord", fake.channels[0]) == "be"


async def test_facts_overview_offers_searches_as_buttons(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    interaction = await fake.interact(fake.slash("facts"))
    (answer,) = await fake.wait_response(interaction)
    (row,) = message_body(answer)["components"]
    assert [(b["label"], b["custom_id"]) for b in row["components"]] == [
        ("/facts arrest", "cmd:/facts arrest"),
        ("/facts nobel", "cmd:/facts nobel"),
    ]


async def test_a_search_with_two_cards_answers_with_a_followup(
    adapter: DiscordAdapter, fake: FakeDiscord
) -> None:
    interaction = await fake.interact(fake.slash("facts", {"query": "minsk"}))
    callback, followup = await fake.wait_response(interaction, 2)
    titles = [e["title"] for a in (callback, followup) for e in message_body(a)["embeds"]]
    assert titles == ["Arrested in Minsk", "Sentenced to ten years"]
    (sources,) = message_body(followup)["embeds"][0]["fields"]
    assert sources == {
        "name": "Sources",
        "value": "• <https://example.com/sentence>",
        "inline": False,
    }
    assert_pings_nobody([callback, followup])


async def test_subscribe_refused_to_a_member_without_manage_channels(
    adapter: DiscordAdapter, fake: FakeDiscord, small_app: App
) -> None:
    interaction = await fake.interact(fake.slash("subscribe"))
    (answer,) = await fake.wait_response(interaction)
    body = message_body(answer)
    assert body["flags"] & EPHEMERAL
    assert body["embeds"] == [
        embed(
            description="Sorry, only this chat's admins can change its subscription. "
            "Ask one of them to send the command."
        )
    ]
    assert await small_app.store.subscriber_counts() == {}

"""Inline mode: `@facts_bot query` offers cards as articles, 50 a page, paged by offset."""

from __future__ import annotations

from bot.adapters.telegram.adapter import TelegramAdapter
from tests.fakes.telegram_api import Call, FakeTelegram, user
from tests.telegram.conftest import FakeApi


async def answer_to(fake: FakeTelegram, query_id: str) -> Call:
    calls = await fake.wait_for(
        lambda c: c.method == "answerInlineQuery" and c.params["inline_query_id"] == query_id
    )
    return calls[0]


async def test_a_query_offers_matching_cards_as_articles(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    answer = await answer_to(fake, fake.inline_query("card 7", user(language_code="be")))
    results = answer.params["results"]
    assert [r["id"] for r in results] == [
        "people/card-7",
        *(f"people/card-{n}" for n in range(70, 80)),
    ]
    first = results[0]
    assert first["type"] == "article"
    assert (first["title"], first["description"]) == ("Card 7", "Fact number 7")
    # The bot's own word around the card is in the asker's language ("Sources" in be).
    assert first["input_message_content"] == {
        "message_text": "<b>Card 7</b>\n\nFact number 7 &amp; more.\n\nКрыніцы:\n"
        '• <a href="https://example.org/7">Source 7</a>\n\n<i>people/card-7</i>',
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    assert answer.params["cache_time"] == "30"
    assert answer.params["is_personal"] == "true"
    assert answer.params.get("next_offset", "") == ""
    assert api.searches == [("card 7", "be", 0, 50)]


async def test_an_empty_query_pages_through_the_default_cards(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    first = await answer_to(fake, fake.inline_query(""))
    assert len(first.params["results"]) == 50
    assert first.params["next_offset"] == "50"
    second = await answer_to(fake, fake.inline_query("", offset="50"))
    assert second.params["results"][0]["id"] == "people/card-51"
    assert second.params["next_offset"] == "100"
    last = await answer_to(fake, fake.inline_query("", offset="100"))
    assert len(last.params["results"]) == 20
    assert last.params.get("next_offset", "") == ""
    assert [s[2] for s in api.searches] == [0, 50, 100]


async def test_a_query_without_hits_and_a_garbled_offset(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    answer = await answer_to(fake, fake.inline_query("zzz", offset="x"))
    assert answer.params["results"] == []
    assert api.searches[-1][2] == 0

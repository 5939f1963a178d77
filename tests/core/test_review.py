"""`review_by`: from that day the scheduler leaves a card out; commands show it with a note."""

from __future__ import annotations

from datetime import date

from bot.core.content import CardRecord, ContentSet
from bot.core.posts import card_message
from bot.core.review import stale_cards

from .conftest import ALES, card, record
from .test_posts import post_on

REVIEW = date(2026, 3, 1)


def _stale(rec: CardRecord) -> CardRecord:
    return CardRecord(
        rec.global_id, rec.card.model_copy(update={"review_by": REVIEW}), rec.subject, rec.path
    )


def _with_stale(content: ContentSet, global_id: str) -> ContentSet:
    cards = [_stale(r) if r.global_id == global_id else r for r in content.cards]
    return ContentSet.build(cards, content.subjects, list(content.posts))


async def test_on_this_day_leaves_a_card_out_from_its_review_day_on(content: ContentSet) -> None:
    stale = _with_stale(content, "ales-bialiatski/arrest-2021")
    assert await post_on(stale, "on-this-day", date(2026, 7, 14)) is None
    before = await post_on(stale, "on-this-day", date(2025, 7, 14))  # a preview of an earlier day
    assert before is not None
    assert [m.card_id for m in before.messages] == ["ales-bialiatski/arrest-2021"]


async def test_rotation_skips_a_card_awaiting_review(content: ContentSet) -> None:
    stale = ContentSet.build(
        [_stale(r) if r.short_id != "sentence" else r for r in content.cards],
        content.subjects,
        list(content.posts),
    )
    post = await post_on(stale, "weekly-fact", date(2026, 3, 5))
    assert post is not None
    assert [m.card_id for m in post.messages] == ["ales-bialiatski/sentence"]
    everything_stale = ContentSet.build(
        [_stale(r) for r in content.cards], content.subjects, list(content.posts)
    )
    assert await post_on(everything_stale, "weekly-fact", date(2026, 3, 5)) is None


async def test_birthday_drops_the_citation_of_a_birth_card_awaiting_review(
    content: ContentSet,
) -> None:
    born = card("born", "1962-09-25", "Born in Karelia", "Born in Vyartsilya.")
    rec = _stale(record("ales-bialiatski", born, ALES))
    richer = ContentSet.build([*content.cards, rec], content.subjects, list(content.posts))
    post = await post_on(richer, "birthdays", date(2026, 9, 25))
    assert post is not None
    (msg,) = post.messages
    assert msg.card_id is None
    assert "Born in Vyartsilya." not in msg.paragraphs
    assert msg.title == "Ales Bialiatski turns 64 today"


def test_commands_show_the_card_with_a_note_and_status_lists_it(content: ContentSet) -> None:
    stale = _with_stale(content, "ales-bialiatski/arrest-2021")
    rec = stale.get("ales-bialiatski/arrest-2021")
    assert rec is not None
    note = "Awaiting review since 2026-03-01: this may no longer be current."
    assert card_message(rec, day=date(2026, 3, 1)).paragraphs[-1] == note
    assert note not in card_message(rec, day=date(2026, 2, 28)).paragraphs
    assert [r.global_id for r in stale_cards(stale, date(2026, 3, 1))] == [
        "ales-bialiatski/arrest-2021"
    ]
    assert stale_cards(stale, date(2026, 2, 28)) == []

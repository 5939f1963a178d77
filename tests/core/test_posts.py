"""What each kind of post says on a given occurrence, and how a card is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from bot.core.content import CardRecord, ContentSet, ScheduledPost
from bot.core.messages import Link, Post
from bot.core.posts import card_message, compose, rotation_candidates
from bot.core.rotation import MemoryRotationState
from bot.core.timing import Occurrence, next_occurrences

from .conftest import ALES, JANA, MINSK, card, make_post, record


def occ_on(post: ScheduledPost, day: date) -> Occurrence:
    """The post's occurrence on a local day."""
    start = datetime(day.year, day.month, day.day, tzinfo=MINSK).astimezone(UTC)
    (found,) = next_occurrences(post, start, 1)
    assert found.local.date() == day
    return found


async def post_on(content: ContentSet, post_id: str, day: date) -> Post | None:
    post = content.post(post_id)
    assert post is not None
    return await compose(content, post, occ_on(post, day), MemoryRotationState())


def test_card_message_shows_title_date_text_sources_and_id(content: ContentSet) -> None:
    rec = content.get("ales-bialiatski/arrest-2021")
    assert rec is not None
    msg = card_message(rec)
    assert msg.title == "Arrested in Minsk"
    assert msg.paragraphs == (
        "14 July 2021",
        "Detained with colleagues from Viasna.",
        "Held in pre-trial detention.",
    )
    assert msg.sources == (
        Link("https://www.news.example.org/arrest", "Source for arrest-2021"),
        Link("https://spring96.example.org/a", "Source for arrest-2021"),
    )
    assert msg.footer == msg.card_id == "ales-bialiatski/arrest-2021"


def test_card_message_in_a_language_and_with_partial_dates(content: ContentSet) -> None:
    rec = content.get("ales-bialiatski/arrest-2021")
    assert rec is not None
    be = card_message(rec, "be")
    assert be.title == "Арышт у Мінску"
    assert be.paragraphs[1:] == ("Затрыманы ў Мінску.",)
    assert card_message(rec, "be-BY").title == "Арышт у Мінску"
    assert card_message(rec, "de").title == "Arrested in Minsk"
    founded = content.get("viasna/founded")
    assert founded is not None
    assert card_message(founded).paragraphs[0] == "April 1996"
    mission = content.get("viasna/mission")
    assert mission is not None
    assert card_message(mission).paragraphs == ("Undated.",)


async def test_on_this_day_post(content: ContentSet) -> None:
    post = await post_on(content, "on-this-day", date(2026, 7, 14))
    assert post is not None
    assert post.post_id == "on-this-day"
    assert post.occurrence_key == "2026-07-14"
    assert post.targets == ("console",)
    (msg,) = post.messages
    assert msg.title == "5 years ago today: Arrested in Minsk"  # English, never a translation
    assert msg.card_id == "ales-bialiatski/arrest-2021"
    assert "Detained with colleagues from Viasna." in msg.paragraphs
    assert len(msg.sources) == 2


async def test_a_day_with_nothing_to_say_posts_nothing(content: ContentSet) -> None:
    assert await post_on(content, "on-this-day", date(2026, 7, 15)) is None
    assert await post_on(content, "birthdays", date(2026, 7, 15)) is None
    assert await post_on(content, "custody", date(2026, 7, 15)) is None


async def test_month_and_year_precise_cards_never_give_an_on_this_day_post(
    content: ContentSet,
) -> None:
    for day in (date(2026, 4, 1), date(2026, 4, 30), date(2026, 1, 1)):
        post = await post_on(content, "on-this-day", day)
        assert post is None


async def test_29_february_card_posts_on_28_february_in_a_common_year(
    content: ContentSet,
) -> None:
    post = await post_on(content, "on-this-day", date(2027, 2, 28))
    assert post is not None
    assert [m.title for m in post.messages] == ["7 years ago today: Leap-day protest"]
    assert await post_on(content, "on-this-day", date(2027, 3, 1)) is None


async def test_milestone_post_days_and_years(content: ContentSet) -> None:
    post = await post_on(content, "custody", date(2024, 4, 9))
    assert post is not None
    (msg,) = post.messages
    assert msg.title == "1,000 days in custody"
    assert msg.paragraphs == ("Since 14 July 2021: Arrested in Minsk.",)
    assert [s.url for s in msg.sources] == [
        "https://www.news.example.org/arrest",
        "https://spring96.example.org/a",
    ]
    assert msg.card_id == "ales-bialiatski/arrest-2021"
    yearly = await post_on(content, "custody", date(2025, 7, 14))
    assert yearly is not None
    assert [m.title for m in yearly.messages] == ["4 years in custody"]


async def test_milestone_between_two_cards_ends_with_the_total(content: ContentSet) -> None:
    post = await post_on(content, "to-sentence", date(2023, 3, 3))
    assert post is not None
    (msg,) = post.messages
    assert msg.title == "597 days in all, from Arrested in Minsk to Sentenced to ten years"
    assert msg.paragraphs == (
        "Since 14 July 2021: Arrested in Minsk.",
        "Until 3 March 2023: Sentenced to ten years.",
    )
    assert "https://news.example.org/sentence" in {s.url for s in msg.sources}
    assert await post_on(content, "to-sentence", date(2024, 4, 9)) is None  # after the end


async def test_milestone_total_on_a_round_day_is_said_once(
    build_content: Callable[..., ContentSet],
) -> None:
    cards = [
        record("m", card("start", "2020-01-01", "Start")),
        record("m", card("end", "2022-09-27", "End")),  # day 1,000
    ]
    post = make_post(
        id="ms", kind="milestone", at="10:00", since="m/start", until="m/end", label="apart"
    )
    content = build_content(cards, [post])
    found = await post_on(content, "ms", date(2022, 9, 27))
    assert found is not None
    assert [m.title for m in found.messages] == ["1,000 days apart in all"]


async def test_birthday_with_age_and_letters(content: ContentSet) -> None:
    post = await post_on(content, "birthdays", date(2026, 9, 25))
    assert post is not None
    (msg,) = post.messages
    assert msg.title == "Ales Bialiatski turns 64 today"
    assert msg.preformatted == "Penal colony No. 9, Horki, Belarus"  # a block to copy
    assert msg.sources == (Link("https://example.org/write", "How to write to Ales Bialiatski"),)


async def test_birthday_without_a_known_year_or_letters(content: ContentSet) -> None:
    post = await post_on(content, "birthdays", date(2026, 2, 28))
    assert post is not None
    (msg,) = post.messages
    assert msg.title == "Today is Jana Example's birthday"
    assert msg.paragraphs == ()
    assert msg.sources == ()


async def test_rotation_shows_every_card_once_then_starts_again(content: ContentSet) -> None:
    post = content.post("weekly-fact")
    assert post is not None
    rotation = MemoryRotationState()
    occurrence = occ_on(post, date(2026, 7, 16))
    candidates = [r.global_id for r in rotation_candidates(content, post)]
    assert len(candidates) == 5
    shown = []
    for _ in range(5):
        composed = await compose(content, post, occurrence, rotation)
        assert composed is not None
        assert composed.targets == ("subscribers",)
        assert composed.occurrence_key == "2026-07-16T18:00"
        shown.append(composed.messages[0].card_id)
    assert shown == candidates
    again = await compose(content, post, occurrence, rotation)
    assert again is not None
    assert again.messages[0].card_id == candidates[0]
    assert await rotation.shown("weekly-fact") == frozenset({candidates[0]})


async def test_rotation_preview_does_not_advance(content: ContentSet) -> None:
    post = content.post("weekly-fact")
    assert post is not None
    rotation = MemoryRotationState()
    occurrence = occ_on(post, date(2026, 7, 16))
    first = await compose(content, post, occurrence, rotation, advance=False)
    second = await compose(content, post, occurrence, rotation, advance=False)
    assert first is not None and second is not None
    assert first.messages == second.messages
    assert await rotation.shown("weekly-fact") == frozenset()


async def test_rotation_filters_and_listed_order(build_content: Callable[..., ContentSet]) -> None:
    cards = [
        record("r", card("a", None, "A", tags=("x",))),
        record("r", card("b", None, "B", tags=("y",))),
        record("r", card("c", None, "C", tags=("x",))),
    ]
    listed = make_post(id="listed", kind="card-rotation", at="12:00", cards=["r/c", "a", "r/b"])
    tagged = make_post(id="tagged", kind="card-rotation", at="12:00", tags=["x"])
    nothing = make_post(id="none", kind="card-rotation", at="12:00", tags=["z"])
    content = build_content(cards, [listed, tagged, nothing])
    assert [r.short_id for r in rotation_candidates(content, listed)] == ["c", "a", "b"]
    assert [r.short_id for r in rotation_candidates(content, tagged)] == ["a", "c"]
    assert await post_on(content, "none", date(2026, 7, 16)) is None


def _with_cards(content: ContentSet, *extra: CardRecord) -> ContentSet:
    return ContentSet.build([*content.cards, *extra], content.subjects, list(content.posts))


async def test_birthday_tells_the_birth_card_and_on_this_day_leaves_it_out(
    content: ContentSet,
) -> None:
    born = card("born", "1962-09-25", "Born in Karelia", "Born in Vyartsilya.")
    richer = _with_cards(content, record("ales-bialiatski", born, ALES))
    post = await post_on(richer, "birthdays", date(2026, 9, 25))
    assert post is not None
    (msg,) = post.messages
    assert "Born in Vyartsilya." in msg.paragraphs  # one event, told once: here
    assert Link("https://news.example.org/born", "Source for born") in msg.sources
    assert msg.card_id == "ales-bialiatski/born"
    assert await post_on(richer, "on-this-day", date(2026, 9, 25)) is None


async def test_without_a_birthday_post_on_this_day_keeps_the_birth_card(
    content: ContentSet,
) -> None:
    born = card("born", "1962-09-25", "Born in Karelia", "Born in Vyartsilya.")
    posts = [p for p in content.posts if p.id != "birthdays"]
    posts.append(make_post(id="birthdays", kind="birthday", at="08:00", subjects=["jana-example"]))
    richer = ContentSet.build(
        [*content.cards, record("ales-bialiatski", born, ALES)], content.subjects, posts
    )
    post = await post_on(richer, "on-this-day", date(2026, 9, 25))
    assert post is not None
    assert [m.card_id for m in post.messages] == ["ales-bialiatski/born"]


async def test_birthday_quotes_an_undated_biography_card_with_its_sources(
    content: ContentSet,
) -> None:
    bio = card("profile", None, "Who Jana is", "Jana is a lawyer.", tags=("biography",))
    richer = _with_cards(content, record("jana-example", bio, JANA))
    post = await post_on(richer, "birthdays", date(2026, 2, 28))
    assert post is not None
    (msg,) = post.messages
    assert msg.paragraphs == ("Jana is a lawyer.",)
    assert msg.sources == (Link("https://news.example.org/profile", "Source for profile"),)

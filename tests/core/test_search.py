"""The search index: folding, prefixes, ranking, paging, hostile input and speed."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from bot.core.content import ContentSet
from bot.core.search import SearchIndex, fold, query_tokens

from .conftest import card, record

Build = Callable[..., ContentSet]


@pytest.fixture
def index(content: ContentSet) -> SearchIndex:
    return SearchIndex.build(content)


def hit_ids(index: SearchIndex, query: str, **kw: int) -> list[str]:
    return [r.global_id for r in index.search(query, **kw)]


def test_fold_strips_accents_case_and_special_latin_letters() -> None:
    assert fold("Białacki") == "bialacki"
    assert fold("ŁUKAŠENKA") == "lukasenka"
    assert fold("Straße") == "strasse"
    assert fold("Нобелеўская") == "нобелеуская"
    assert fold("café") == fold("CAFE\u0301") == "cafe"


def test_case_and_accent_insensitive(index: SearchIndex) -> None:
    for query in ("nobel", "NOBEL", "Nóbel", "nobél"):
        assert set(hit_ids(index, query)) == {
            "ales-bialiatski/nobel-prize",
            "ales-bialiatski/nobel-ceremony",
        }


def test_polish_spelling_finds_the_same_word(index: SearchIndex) -> None:
    assert hit_ids(index, "Bialacki") == ["jana-example/arrest-2021"]
    assert hit_ids(index, "BIAŁACKI") == ["jana-example/arrest-2021"]


def test_translations_are_searched(index: SearchIndex) -> None:
    assert hit_ids(index, "арышт") == ["ales-bialiatski/arrest-2021"]
    assert hit_ids(index, "Нобелеўская") == ["ales-bialiatski/nobel-prize"]
    assert hit_ids(index, "затрыманы") == ["ales-bialiatski/arrest-2021"]


def test_ids_tags_and_subject_names_are_searched(index: SearchIndex) -> None:
    assert set(hit_ids(index, "arrest-2021")) == {
        "ales-bialiatski/arrest-2021",
        "jana-example/arrest-2021",
    }
    assert index.count("bialiatski") == 5
    assert index.count("Jana Example") == 2
    # "trial" is the sentence card's tag and a word in the arrest card's text.
    assert hit_ids(index, "trial") == ["ales-bialiatski/sentence", "ales-bialiatski/arrest-2021"]


def test_last_word_is_a_prefix(index: SearchIndex) -> None:
    assert set(hit_ids(index, "nob")) == {
        "ales-bialiatski/nobel-prize",
        "ales-bialiatski/nobel-ceremony",
    }
    assert hit_ids(index, "nobel cer") == ["ales-bialiatski/nobel-ceremony"]
    assert hit_ids(index, "n") != []


def test_all_words_must_match_when_some_card_has_them_all(index: SearchIndex) -> None:
    assert hit_ids(index, "nobel oslo") == ["ales-bialiatski/nobel-ceremony"]
    assert index.count("nobel oslo") == 1


def test_a_misspelt_word_falls_back_to_the_best_partial_matches(index: SearchIndex) -> None:
    hits = hit_ids(index, "nobel ceremony xyzzy")
    assert hits[0] == "ales-bialiatski/nobel-ceremony"  # two of three words
    assert "ales-bialiatski/nobel-prize" in hits  # one of three
    assert index.count("xyzzy") == 0


def test_title_beats_tag_beats_text_then_newest_first(build_content: Build) -> None:
    cards = [
        record("a", card("in-text-new", "2024-01-01", "Other", "The prize was given.")),
        record("a", card("in-text-old", "2001-01-01", "Other", "The prize was given.")),
        record("a", card("in-tag", "2023-01-01", "Other", "Nothing.", tags=("prize",))),
        record("a", card("in-title", "1999-01-01", "The prize", "Nothing.")),
        record("a", card("undated", None, "Other", "A prize.")),
    ]
    index = SearchIndex.build(build_content(cards))
    assert hit_ids(index, "prize") == [
        "a/in-title",
        "a/in-tag",
        "a/in-text-new",
        "a/in-text-old",
        "a/undated",
    ]


def test_more_matched_words_first_when_no_card_has_all(build_content: Build) -> None:
    cards = [
        record("a", card("one", "2024-01-01", "Other", "alpha")),
        record("a", card("two", "2000-01-01", "Other", "alpha beta")),
    ]
    index = SearchIndex.build(build_content(cards))
    assert hit_ids(index, "alpha beta gamma") == ["a/two", "a/one"]


def test_paging_and_count(build_content: Build) -> None:
    cards = [record("p", card(f"c{i:02d}", f"20{i:02d}-01-01", f"Item {i}")) for i in range(30)]
    index = SearchIndex.build(build_content(cards))
    assert index.count("item") == 30
    first = hit_ids(index, "item", limit=10)
    second = hit_ids(index, "item", limit=10, offset=10)
    assert first[0] == "p/c29"  # newest first
    assert len(first) == len(second) == 10
    assert not set(first) & set(second)
    assert hit_ids(index, "item", limit=10, offset=25) == [
        "p/c04",
        "p/c03",
        "p/c02",
        "p/c01",
        "p/c00",
    ]
    assert index.search("item", limit=0) == []
    assert [r.global_id for r in index.newest(limit=2)] == ["p/c29", "p/c28"]


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "nobel " * 2_000,
        "(.*)+[a-z]{2,}$^\\",
        "[[[((( *** ??? +++",
        "\\d+ | nobel",
        "\x00\u200b\ufeff",
        "",
        "   ",
        "🙂 nobel",
    ],
)
def test_hostile_queries_are_answered(index: SearchIndex, query: str) -> None:
    start = time.perf_counter()
    hits = index.search(query)
    assert index.count(query) >= len(hits)
    assert time.perf_counter() - start < 0.5


def test_query_tokens_are_capped() -> None:
    words = query_tokens(" ".join(f"w{i}" for i in range(1000)))
    assert len(words) <= 32
    assert query_tokens("a a a b") == ["a", "b"]
    assert len("".join(query_tokens("y" * 10_000))) <= 256


def test_suggest_offers_close_words(index: SearchIndex) -> None:
    assert "nobel" in index.suggest("nobell")
    assert index.suggest("q" * 10_000) == []


def test_month_precise_dates_rank_with_their_year(build_content: Build) -> None:
    cards = [
        record("d", card("month", "2023-11", "Event")),
        record("d", card("day", "2023-11-05", "Event")),
        record("d", card("year", "2023", "Event")),
        record("d", card("older", "2022-12-31", "Event")),
    ]
    index = SearchIndex.build(build_content(cards))
    assert hit_ids(index, "event") == ["d/day", "d/month", "d/year", "d/older"]

"""Anniversaries, milestones, birthdays and the upcoming list: pure date maths."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.calendar import (
    Anniversary,
    Milestone,
    anniversaries,
    birthdays,
    falls_on,
    milestones_on,
    upcoming,
)
from bot.core.content import ContentSet

from .conftest import ALES, card, record

ARREST = date(2021, 7, 14)


def ids(found: list[Anniversary]) -> list[str]:
    return [a.record.global_id for a in found]


def test_anniversary_on_its_day_counts_years(content: ContentSet) -> None:
    found = anniversaries(content, date(2026, 7, 14))
    assert ids(found) == ["ales-bialiatski/arrest-2021"]
    assert found[0].years == 5


def test_the_day_of_the_event_itself_is_not_an_anniversary(content: ContentSet) -> None:
    assert anniversaries(content, date(2021, 7, 14)) == []


def test_nothing_on_a_quiet_day(content: ContentSet) -> None:
    assert anniversaries(content, date(2026, 7, 15)) == []


def test_month_and_year_precise_cards_never_have_an_anniversary(content: ContentSet) -> None:
    day = date(2028, 1, 1)
    while day.year == 2028:
        found = ids(anniversaries(content, day))
        assert "viasna/founded" not in found
        assert "viasna/office-search" not in found
        assert "viasna/mission" not in found
        day += timedelta(days=1)


def test_29_february_is_remembered_on_28_february_in_non_leap_years(
    content: ContentSet,
) -> None:
    leap = "jana-example/leap-protest"
    assert ids(anniversaries(content, date(2021, 2, 28))) == [leap]
    assert anniversaries(content, date(2021, 2, 28))[0].years == 1
    assert anniversaries(content, date(2021, 3, 1)) == []
    # In a leap year it falls on the 29th, and only there.
    assert ids(anniversaries(content, date(2024, 2, 29))) == [leap]
    assert anniversaries(content, date(2024, 2, 29))[0].years == 4
    assert anniversaries(content, date(2024, 2, 28)) == []


def test_falls_on() -> None:
    assert falls_on(7, 14, date(2030, 7, 14))
    assert falls_on(2, 29, date(2100, 2, 28))  # 2100 is not a leap year
    assert not falls_on(2, 29, date(2000, 2, 28))  # 2000 is
    assert not falls_on(2, 28, date(2024, 2, 29))


def test_filters_by_subject_and_tag(content: ContentSet) -> None:
    day = date(2026, 7, 14)
    assert anniversaries(content, day, subjects=["jana-example"]) == []
    assert ids(anniversaries(content, day, subjects=["ales-bialiatski"])) == [
        "ales-bialiatski/arrest-2021"
    ]
    assert ids(anniversaries(content, day, tags=["viasna", "nobel"])) == [
        "ales-bialiatski/arrest-2021"
    ]
    assert anniversaries(content, day, tags=["nobel"]) == []


def test_round_day_counts() -> None:
    for n in (100, 500, 1000, 2000, 7000):
        day = ARREST + timedelta(days=n)
        assert Milestone("days", n, day) in milestones_on(ARREST, None, day)
    for n in (1, 99, 101, 365, 999, 1500, 2500):
        day = ARREST + timedelta(days=n)
        assert [m for m in milestones_on(ARREST, None, day) if m.kind == "days"] == []


def test_known_dates_of_the_count() -> None:
    assert milestones_on(ARREST, None, date(2024, 4, 9)) == [
        Milestone("days", 1000, date(2024, 4, 9))
    ]
    assert milestones_on(ARREST, None, date(2027, 1, 4)) == [
        Milestone("days", 2000, date(2027, 1, 4))
    ]


def test_whole_years() -> None:
    assert milestones_on(ARREST, None, date(2022, 7, 14)) == [
        Milestone("years", 1, date(2022, 7, 14))
    ]
    assert milestones_on(ARREST, None, date(2026, 7, 14)) == [
        Milestone("years", 5, date(2026, 7, 14))
    ]
    assert milestones_on(ARREST, None, ARREST) == []
    assert milestones_on(ARREST, None, ARREST - timedelta(days=1)) == []


def test_whole_years_from_29_february() -> None:
    since = date(2020, 2, 29)
    assert milestones_on(since, None, date(2021, 2, 28)) == [
        Milestone("years", 1, date(2021, 2, 28))
    ]
    assert milestones_on(since, None, date(2024, 2, 29)) == [
        Milestone("years", 4, date(2024, 2, 29))
    ]
    assert milestones_on(since, None, date(2024, 2, 28)) == []


def test_until_cuts_the_count_off_and_reports_the_total() -> None:
    until = date(2023, 3, 3)
    assert milestones_on(ARREST, until, date(2022, 11, 26)) == [
        Milestone("days", 500, date(2022, 11, 26))
    ]
    assert milestones_on(ARREST, until, until) == [Milestone("total", 597, until)]
    assert milestones_on(ARREST, until, date(2024, 4, 9)) == []  # 1,000 days, but after until
    assert milestones_on(ARREST, until, date(2023, 7, 14)) == []  # 2 years, after until


def test_total_on_a_round_day_is_reported_alongside() -> None:
    until = ARREST + timedelta(days=1000)
    assert milestones_on(ARREST, until, until) == [
        Milestone("days", 1000, until),
        Milestone("total", 1000, until),
    ]


def test_birthday_with_known_year(content: ContentSet) -> None:
    found = birthdays(content, date(2026, 9, 25))
    assert [(b.subject.id, b.age) for b in found] == [("ales-bialiatski", 64)]
    assert found[0].subject.letters is not None


def test_birthday_with_unknown_year_has_no_age_and_follows_the_29_february_rule(
    content: ContentSet,
) -> None:
    assert [(b.subject.id, b.age) for b in birthdays(content, date(2027, 2, 28))] == [
        ("jana-example", None)
    ]
    assert [b.subject.id for b in birthdays(content, date(2028, 2, 29))] == ["jana-example"]
    assert birthdays(content, date(2028, 2, 28)) == []


def test_birthday_subject_filter(content: ContentSet) -> None:
    assert birthdays(content, date(2026, 9, 25), subjects=["jana-example"]) == []


def test_upcoming_lists_every_kind_in_date_order(content: ContentSet) -> None:
    events = upcoming(content, content.posts, date(2026, 7, 10), 10)
    assert [(e.day, e.kind) for e in events] == [
        (date(2026, 7, 14), "anniversary"),
        (date(2026, 7, 14), "milestone"),
    ]
    assert events[0].text() == "5 years since: Arrested in Minsk"
    assert events[0].text("be") == "5 гадоў з дня: Арышт у Мінску"
    assert events[0].card_id == "ales-bialiatski/arrest-2021"
    assert events[1].text() == "5 years in custody"


def test_upcoming_range_is_half_open_and_sorted(content: ContentSet) -> None:
    events = upcoming(content, content.posts, date(2026, 1, 1), 365)
    days = [e.day for e in events]
    assert days == sorted(days)
    assert all(date(2026, 1, 1) <= d < date(2027, 1, 1) for d in days)
    texts = {e.text() for e in events}
    assert "Ales Bialiatski turns 64" in texts
    assert "Jana Example's birthday" in texts  # 28 February 2026: no 29th that year
    assert upcoming(content, content.posts, date(2026, 7, 14), 0) == []


def test_upcoming_milestones_come_from_milestone_posts(content: ContentSet) -> None:
    events = upcoming(content, content.posts, date(2027, 1, 4), 1)
    assert [e.text() for e in events] == ["2,000 days in custody"]
    # The post that ends at the sentence has its total on that day (a past date).
    events = upcoming(content, content.posts, date(2023, 3, 3), 1)
    assert [e.text() for e in events if e.kind == "milestone"] == [
        "597 days in all, from Arrested in Minsk to Sentenced to ten years"
    ]
    assert upcoming(content, [], date(2027, 1, 4), 1) == []


def test_upcoming_tells_a_birth_card_once_as_the_birthday(
    content: ContentSet,
) -> None:
    born = card("born", "1962-09-25", "Born in Karelia", "Born in Vyartsilya.")
    richer = ContentSet.build(
        [*content.cards, record("ales-bialiatski", born, ALES)],
        content.subjects,
        list(content.posts),
    )
    events = upcoming(richer, richer.posts, date(2026, 9, 25), 1)
    assert [(e.kind, e.text()) for e in events] == [
        ("birthday", "Ales Bialiatski turns 64"),
    ]

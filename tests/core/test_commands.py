"""Every core command through the one dispatcher, as an adapter calls it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.dispatch import run_core_command
from bot.core.commands.registry import COMMANDS
from bot.core.content import ContentSet
from bot.core.messages import Reply
from bot.core.search import SearchIndex

from .conftest import ALES, MINSK, card, record

USER = ChatContext(platform="telegram", chat_id="42", user_id="7")
BE = ChatContext(platform="telegram", chat_id="42", user_id="7", language="be")
ADMIN = ChatContext(platform="telegram", chat_id="42", user_id="1", is_bot_admin=True)
# 22:30 UTC on 13 July is already 01:30 on 14 July in Minsk.
LATE_EVENING = Moment(now=datetime(2026, 7, 13, 22, 30, tzinfo=UTC), zone=MINSK)

Run = Callable[..., Reply]


@pytest.fixture
def run(content: ContentSet) -> Run:
    index = SearchIndex.build(content)

    def call(
        line: str, ctx: ChatContext = USER, moment: Moment = LATE_EVENING, c: ContentSet = content
    ) -> Reply:
        name, _, args = line.partition(" ")
        idx = index if c is content else SearchIndex.build(c)
        reply = run_core_command(name, args, ctx, c, idx, moment)
        assert reply is not None, line
        assert reply.messages
        return reply

    return call


def text(reply: Reply) -> str:
    return "\n\n".join(m.plain_text() for m in reply.messages)


def test_not_a_core_command(content: ContentSet) -> None:
    index = SearchIndex.build(content)
    for name in ("subscribe", "status", "nope", ""):
        assert run_core_command(name, "", USER, content, index, LATE_EVENING) is None


def test_platform_spellings_of_a_name(run: Run) -> None:
    assert run("/facts@my_bot nobel").messages == run("FACTS nobel").messages


def test_facts_overview(run: Run) -> None:
    reply = run("facts")
    msg = reply.messages[0]
    assert "10 sourced cards about Ales Bialiatski and Jana Example." in msg.paragraphs
    assert len(msg.items) == 3
    assert msg.items[0].key == "ales-bialiatski/sentence"  # the newest card
    assert any(b.command == "/facts arrest" for b in msg.buttons)


def test_facts_one_hit_is_the_full_card(run: Run) -> None:
    reply = run("facts oslo")
    (msg,) = reply.messages
    assert msg.card_id == "ales-bialiatski/nobel-ceremony"
    assert msg.sources


def test_facts_few_hits_are_full_cards(run: Run) -> None:
    reply = run("facts nobel")
    assert {m.card_id for m in reply.messages} == {
        "ales-bialiatski/nobel-prize",
        "ales-bialiatski/nobel-ceremony",
    }


def test_facts_many_hits_are_a_list(run: Run) -> None:
    (msg,) = run("facts bialiatski").messages
    assert msg.title == "5 cards match “bialiatski”"
    assert len(msg.items) == 5
    assert msg.items[0].key.startswith("ales-bialiatski/")
    assert "/fact <id>" in msg.paragraphs[0]


def test_facts_nothing_found_suggests(run: Run) -> None:
    reply = run("facts nobell xyzzy")
    msg = reply.messages[0]
    assert msg.title == "Nothing found for “nobell xyzzy”"
    assert any(b.command == "/facts nobel" for b in msg.buttons)
    assert reply.private


def test_facts_in_belarusian_uses_the_translation(run: Run) -> None:
    reply = run("facts oslo", BE)
    assert reply.messages[0].title == "Nobel ceremony in absentia"  # no translation: English
    (msg,) = run("facts арышт", BE).messages
    assert msg.title == "Арышт у Мінску"


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "nobel " * 2_000, "(.*)+[a-z]{2,}$^\\", "[[[", "***", "?", "\\"],
)
def test_facts_answers_hostile_queries(run: Run, query: str) -> None:
    reply = run(f"facts {query}")
    assert len(text(reply)) < 5_000


def test_fact_by_global_and_unique_short_id(run: Run) -> None:
    assert run("fact ales-bialiatski/sentence").messages[0].card_id == "ales-bialiatski/sentence"
    assert run("fact nobel-prize").messages[0].card_id == "ales-bialiatski/nobel-prize"
    assert run("fact  NOBEL-PRIZE  ").messages[0].card_id == "ales-bialiatski/nobel-prize"


def test_fact_in_belarusian_and_fallback(run: Run) -> None:
    assert run("fact arrest-2021", BE).messages[0].items  # ambiguous: a list either way
    msg = run("fact ales-bialiatski/arrest-2021", BE).messages[0]
    assert msg.title == "Арышт у Мінску"
    # The date as Belarusian writes it (CLDR puts a narrow no-break space before "г.").
    assert msg.paragraphs == ("14 ліпеня 2021\u202fг.", "Затрыманы ў Мінску.")
    prize = run("fact nobel-prize", BE).messages[0]
    assert prize.title == "Нобелеўская прэмія міру"
    assert "The Norwegian Nobel Committee named him a laureate." in prize.paragraphs
    assert run("fact sentence", BE).messages[0].title == "Sentenced to ten years"


def test_fact_ambiguous_short_id_lists_the_candidates(run: Run) -> None:
    reply = run("fact arrest-2021")
    (msg,) = reply.messages
    assert {i.key for i in msg.items} == {"ales-bialiatski/arrest-2021", "jana-example/arrest-2021"}
    assert "/fact ales-bialiatski/arrest-2021" in msg.paragraphs[0]


def test_fact_unknown_id_did_you_mean(run: Run) -> None:
    reply = run("fact nobel-prise")
    (msg,) = reply.messages
    assert msg.title == "No card has the id “nobel-prise”"
    assert msg.items[0].key == "ales-bialiatski/nobel-prize"
    assert msg.buttons[0].command == "/fact ales-bialiatski/nobel-prize"
    typo = run("fact ales-bialiatski/sentense").messages[0]
    assert typo.items[0].key == "ales-bialiatski/sentence"


def test_fact_unknown_id_falls_back_to_its_words(run: Run) -> None:
    msg = run("fact oslo-ceremony-story").messages[0]
    assert [i.key for i in msg.items][0] == "ales-bialiatski/nobel-ceremony"
    nothing = run("fact zzzzzz").messages[0]
    assert nothing.items == ()
    assert "/facts" in nothing.paragraphs[0]


def test_fact_without_an_id_or_with_hostile_input(run: Run) -> None:
    reply = run("fact")
    assert reply.messages[0].title == "Usage: /fact <id>"
    assert reply.private
    assert str(run("fact " + "a" * 10_000).messages[0].title).startswith("No card has the id")
    assert str(run("fact (.*)+[").messages[0].title).startswith("No card has the id")


def test_today_uses_the_local_date_of_the_moment(run: Run) -> None:
    reply = run("today")
    titles = [m.title for m in reply.messages]
    assert titles == ["5 years ago today: Arrested in Minsk", "5 years in custody"]
    be = run("today", BE)
    assert be.messages[0].title == "5 гадоў таму ў гэты дзень: Арышт у Мінску"


def test_today_birthday_and_milestone(run: Run) -> None:
    moment = Moment(now=datetime(2024, 4, 9, 6, tzinfo=UTC), zone=MINSK)
    assert [m.title for m in run("today", moment=moment).messages] == ["1,000 days in custody"]
    birthday = Moment(now=datetime(2026, 9, 25, 6, tzinfo=UTC), zone=MINSK)
    assert [m.title for m in run("today", moment=birthday).messages] == [
        "Ales Bialiatski turns 64 today"
    ]


def test_today_with_nothing_offers_upcoming(run: Run) -> None:
    moment = Moment(now=datetime(2026, 7, 15, 12, tzinfo=UTC), zone=MINSK)
    (msg,) = run("today", moment=moment).messages
    assert msg.title == "Nothing on 15 July 2026"
    assert "/upcoming" in msg.plain_text()
    assert msg.buttons[0].command == "/upcoming"


def test_today_with_many_anniversaries_lists_them(
    run: Run, build_content: Callable[..., ContentSet]
) -> None:
    cards = [record("m", card(f"c{y}", f"{y}-07-14", f"Event of {y}")) for y in range(2000, 2010)]
    (msg,) = run("today", c=build_content(cards)).messages
    assert msg.title == "On this day, 14 July 2026"
    assert msg.items[0].text == "26 years since: Event of 2000"
    assert len(msg.items) == 10


def test_upcoming_default_and_days(run: Run) -> None:
    moment = Moment(now=datetime(2026, 7, 1, 12, tzinfo=UTC), zone=MINSK)
    (msg,) = run("upcoming", moment=moment).messages
    assert msg.title == "Coming up in the next 30 days"
    assert [(i.key, i.text) for i in msg.items] == [
        ("14 Jul", "5 years since: Arrested in Minsk"),
        ("14 Jul", "5 years in custody"),
    ]
    (week,) = run("upcoming 7", moment=moment).messages
    assert week.title == "Nothing in the next 7 days"
    (year,) = run("upcoming 366", moment=moment).messages
    assert len(year.items) == 11
    assert [i.key for i in year.items][-1] == "3 Mar"


def test_upcoming_long_list_is_capped(run: Run, build_content: Callable[..., ContentSet]) -> None:
    cards = [record("m", card(f"c{n}", f"2000-07-{n:02d}", f"Event {n}")) for n in range(1, 32)]
    cards += [record("m", card(f"d{n}", f"2001-08-{n:02d}", f"Event {n}")) for n in range(1, 32)]
    moment = Moment(now=datetime(2026, 7, 1, 12, tzinfo=UTC), zone=MINSK)
    # 63 anniversaries (1 July twice: 2026 and 2027) and the two subjects' birthdays.
    (msg,) = run("upcoming 366", moment=moment, c=build_content(cards)).messages
    assert len(msg.items) == 40
    assert msg.paragraphs == ("The first 40 of 65: ask for fewer days for the rest.",)


def test_upcoming_in_belarusian(run: Run) -> None:
    moment = Moment(now=datetime(2026, 7, 1, 12, tzinfo=UTC), zone=MINSK)
    (msg,) = run("upcoming", BE, moment=moment).messages
    assert msg.items[0].text == "5 гадоў з дня: Арышт у Мінску"


@pytest.mark.parametrize("args", ["0", "367", "-5", "abc", "7 days", "1e3", "x" * 10_000, "(.*)"])
def test_upcoming_bad_days_gives_usage(run: Run, args: str) -> None:
    reply = run(f"upcoming {args}")
    assert reply.messages[0].title == "Usage: /upcoming [days]"
    assert reply.private


def test_help_lists_commands_and_admin_ones_only_for_admins(run: Run) -> None:
    public = {i.key.split()[0] for i in run("help").messages[0].items}
    admin = {i.key.split()[0] for i in run("help", ADMIN).messages[0].items}
    assert public == {f"/{c.name}" for c in COMMANDS if not c.admin_only}
    assert admin == {f"/{c.name}" for c in COMMANDS}
    assert "/status" not in public


def test_about_counts_cards_and_sources(run: Run) -> None:
    (msg,) = run("about").messages
    body = msg.plain_text()
    assert "Ales Bialiatski and Jana Example" in body
    assert "10 cards" in body
    assert "11 links to 2 websites" in body
    assert msg.items[0].key == "news.example.org"


def test_today_tells_a_birth_card_once_in_the_birthday(
    run: Run, build_content: Callable[..., ContentSet], content: ContentSet
) -> None:
    born = card("born", "1962-09-25", "Born in Karelia", "Born in Vyartsilya.")
    richer = build_content([*content.cards, record("ales-bialiatski", born, ALES)])
    birthday = Moment(now=datetime(2026, 9, 25, 6, tzinfo=UTC), zone=MINSK)
    (msg,) = run("today", moment=birthday, c=richer).messages
    assert msg.title == "Ales Bialiatski turns 64 today"
    assert "Born in Vyartsilya." in msg.paragraphs

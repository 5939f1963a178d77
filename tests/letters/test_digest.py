"""`kind: digest`: the coming days from /upcoming's calendar, with letter deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.calendar import upcoming
from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.today import upcoming_command
from bot.core.content import ContentSet, ScheduledPost
from bot.core.digest import digest_message
from bot.core.posts import compose
from bot.core.rotation import MemoryRotationState
from bot.core.search import SearchIndex
from bot.core.timing import occurrences
from tests.letters.content import holder


@pytest.fixture
def content(tmp_path: Path) -> ContentSet:
    return holder(tmp_path).current


def digest_post(content: ContentSet, days: int | None = None) -> ScheduledPost:
    post = content.post("digest")
    assert post is not None
    if days is None:
        return post
    spec = post.spec.model_copy(update={"days": days})
    return ScheduledPost(spec, post.zone, post.path)


def test_default_is_seven_days(content: ContentSet) -> None:
    assert digest_post(content).spec.days == 7  # type: ignore[union-attr]


async def test_the_mondays_digest_lists_the_week_with_letter_deadlines(
    content: ContentSet,
) -> None:
    post = digest_post(content)
    start = datetime(2026, 9, 21, tzinfo=post.zone).astimezone(UTC)  # a Monday
    [occ] = occurrences(post, start, start + timedelta(days=1))
    assert occ.local.strftime("%a %H:%M") == "Mon 09:00"
    composed = await compose(content, post, occ, MemoryRotationState(), advance=False)
    assert composed is not None
    [message] = composed.messages
    assert message.title == "Coming up in the next 7 days"
    # One event, one post: the birth card is told by the birthday, not listed again.
    assert [(i.key, i.text) for i in message.items] == [
        (
            "25 Sept",
            "Ales Bialiatski turns 64: letters take two to three weeks, write now "
            "(/write ales-bialiatski)",
        ),
    ]


def test_a_birthday_further_ahead_gives_the_day_to_post_by(content: ContentSet) -> None:
    message = digest_message(content, digest_post(content, days=30), date(2026, 8, 31))
    assert message is not None
    texts = [i.text for i in message.items]
    assert "Ales Bialiatski turns 64: send a letter by 4 September (/write ales-bialiatski)" in (
        texts
    )


def test_it_is_upcomings_calendar(content: ContentSet) -> None:
    """The same events, in the same order, as /upcoming 30 on that day."""
    day = date(2026, 8, 31)
    message = digest_message(content, digest_post(content, days=30), day)
    assert message is not None
    events = upcoming(content, content.posts, day, 30)
    assert [i.key for i in message.items] == ["25 Sept"]
    assert len(message.items) == len(events)
    moment = Moment(datetime(2026, 8, 31, 12, tzinfo=UTC), content.zone)
    reply = upcoming_command(
        "30", ChatContext("console", "console"), content, SearchIndex.build(content), moment
    )
    assert [i.key for i in reply.messages[0].items] == [i.key for i in message.items]


async def test_a_week_with_nothing_coming_posts_nothing(content: ContentSet) -> None:
    post = digest_post(content)
    start = datetime(2026, 10, 5, tzinfo=post.zone).astimezone(UTC)  # a Monday
    [occ] = occurrences(post, start, start + timedelta(days=1))
    assert await compose(content, post, occ, MemoryRotationState(), advance=False) is None


def test_the_digest_in_belarusian(content: ContentSet) -> None:
    message = digest_message(content, digest_post(content), date(2026, 9, 21), "be")
    assert message is not None
    assert message.title == "Наперадзе ў наступныя 7 дзён"
    assert message.items[-1].text.endswith("пішыце зараз (/write ales-bialiatski)")

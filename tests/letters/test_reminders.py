"""Letter-writing reminders: `before: [21d, 7d]` occurrences, their text, 29 February and
time zones, and the catch-up rules applied to each reminder on its own."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.core.content import ContentSet, ScheduledPost
from bot.core.posts import compose
from bot.core.rotation import MemoryRotationState
from bot.core.timing import Occurrence, next_occurrences, occurrences
from bot.scheduler.due import COALESCED, plan
from tests.letters.content import ADDRESS, holder, schedule


@pytest.fixture
def content(tmp_path: Path) -> ContentSet:
    return holder(tmp_path).current


def birthdays_post(content: ContentSet) -> ScheduledPost:
    post = content.post("birthdays")
    assert post is not None
    return post


def day_of(post: ScheduledPost, day: date) -> list[Occurrence]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=post.zone).astimezone(UTC)
    return occurrences(post, start, start + timedelta(days=1))


async def said_on(content: ContentSet, day: date) -> dict[str, str]:
    """occurrence key -> what the birthday post says that day (plain text)."""
    post = birthdays_post(content)
    found: dict[str, str] = {}
    for occ in day_of(post, day):
        composed = await compose(content, post, occ, MemoryRotationState(), advance=False)
        if composed is not None:
            found[occ.key] = "\n\n".join(m.plain_text() for m in composed.messages)
    return found


def test_each_lead_time_is_its_own_occurrence(content: ContentSet) -> None:
    found = day_of(birthdays_post(content), date(2026, 9, 4))
    assert [(o.key, o.before_days) for o in found] == [
        ("2026-09-04", 0),
        ("2026-09-04/before-21d", 21),
        ("2026-09-04/before-7d", 7),
    ]
    assert len({o.due_utc for o in found}) == 1  # all at the post's own time


def test_status_shows_one_run_per_day_not_one_per_reminder(content: ContentSet) -> None:
    after = datetime(2026, 9, 1, tzinfo=UTC)
    runs = next_occurrences(birthdays_post(content), after, 3)
    assert [o.key for o in runs] == ["2026-09-01", "2026-09-02", "2026-09-03"]


async def test_reminders_21_and_7_days_before_with_the_kit(content: ContentSet) -> None:
    three_weeks = await said_on(content, date(2026, 9, 4))
    assert list(three_weeks) == ["2026-09-04/before-21d"]
    text = three_weeks["2026-09-04/before-21d"]
    assert text.startswith(
        "Ales Bialiatski turns 64 on 25 September: letters take two to three weeks, write now"
    )
    assert "The birthday is in 21 days." in text
    assert ADDRESS in text  # exactly as the file gives it
    assert "Letters must be in one of these languages: Belarusian, Russian." in text
    assert "https://example.org/write" in text and "https://example.org/addresses" in text
    one_week = await said_on(content, date(2026, 9, 18))
    assert list(one_week) == ["2026-09-18/before-7d"]
    assert "The birthday is in 7 days." in one_week["2026-09-18/before-7d"]
    assert await said_on(content, date(2026, 9, 5)) == {}
    birthday = await said_on(content, date(2026, 9, 25))
    assert list(birthday) == ["2026-09-25"]  # the day itself is the birthday post


async def test_the_address_is_a_copyable_block_not_prose(content: ContentSet) -> None:
    post = birthdays_post(content)
    [occ] = [o for o in day_of(post, date(2026, 9, 4)) if o.before_days == 21]
    composed = await compose(content, post, occ, MemoryRotationState(), advance=False)
    assert composed is not None
    [message] = composed.messages
    assert message.preformatted == ADDRESS
    assert ADDRESS not in message.paragraphs
    assert message.paragraphs[-1] == ("The address, exactly as it must be written on the envelope:")


async def test_a_29_february_birthday_counts_back_from_28_february_in_a_common_year(
    content: ContentSet,
) -> None:
    # 2027 has no 29 February: the birthday is remembered on 28 February, 21 days after
    # 7 February and 7 days after 21 February.
    common = await said_on(content, date(2027, 2, 7))
    assert list(common) == ["2027-02-07/before-21d"]
    assert common["2027-02-07/before-21d"].startswith("Leap Example turns 35 on 28 February")
    assert list(await said_on(content, date(2027, 2, 21))) == ["2027-02-21/before-7d"]
    assert await said_on(content, date(2027, 2, 8)) == {}
    # 2028 has one: 21 days before 29 February is 8 February.
    leap = await said_on(content, date(2028, 2, 8))
    assert leap["2028-02-08/before-21d"].startswith("Leap Example turns 36 on 29 February")
    assert await said_on(content, date(2028, 2, 7)) == {}


async def test_without_letters_the_reminder_still_posts_with_the_subjects_sources(
    content: ContentSet,
) -> None:
    text = (await said_on(content, date(2027, 2, 7)))["2027-02-07/before-21d"]
    assert "write now" not in text  # nobody to write to: the date and where to read
    assert "This bot has no address for letters to this person now." in text
    assert "https://example.org/leap" in text


async def test_the_local_day_of_the_posts_time_zone_decides(tmp_path: Path) -> None:
    # 00:30 in Auckland on 4 September is still 3 September in UTC and in Minsk.
    content = holder(tmp_path, schedule_text=schedule("Pacific/Auckland", at="00:30")).current
    post = birthdays_post(content)
    [occ] = [o for o in day_of(post, date(2026, 9, 4)) if o.before_days == 21]
    assert occ.due_utc == datetime(2026, 9, 3, 12, 30, tzinfo=UTC)
    assert occ.local.tzinfo == ZoneInfo("Pacific/Auckland")
    composed = await compose(content, post, occ, MemoryRotationState(), advance=False)
    assert composed is not None and composed.occurrence_key == "2026-09-04/before-21d"
    [earlier] = [o for o in day_of(post, date(2026, 9, 3)) if o.before_days == 21]
    assert await compose(content, post, earlier, MemoryRotationState(), advance=False) is None


def test_catch_up_sends_each_reminder_once_and_coalesces_each_on_its_own(
    content: ContentSet,
) -> None:
    post = birthdays_post(content)
    minsk = post.zone
    now = datetime(2026, 9, 4, 13, 0, tzinfo=minsk)  # 3 hours after the 10:00 post
    due = plan([post], {}, now).due
    assert sorted(d.occurrence.key for d in due) == [
        "2026-09-04",
        "2026-09-04/before-21d",
        "2026-09-04/before-7d",
    ]
    # Down for two days with a long window: each stream sends its latest day only.
    long_window = content.posts[0].spec.model_copy(update={"catch_up": "3d"})
    wide = ScheduledPost(long_window, minsk, post.path)
    result = plan([wide], {"birthdays": datetime(2026, 9, 2, 10, 0, tzinfo=minsk)}, now)
    assert sorted(d.occurrence.key for d in result.due) == [
        "2026-09-04",
        "2026-09-04/before-21d",
        "2026-09-04/before-7d",
    ]
    coalesced = [s for s in result.skipped if s.reason == COALESCED]
    assert sorted(s.first.key for s in coalesced) == [
        "2026-09-03",
        "2026-09-03/before-21d",
        "2026-09-03/before-7d",
    ]


async def test_a_reminder_with_an_old_address_warns_readers_and_admins(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `checked: 2026-06-01`; a year later the address is more than 180 days old.
    content = holder(tmp_path).current
    with caplog.at_level("WARNING", logger="bot.core.reminders"):
        text = (await said_on(content, date(2027, 9, 4)))["2027-09-04/before-21d"]
    assert "more than 180 days ago: prisoners are moved" in text
    assert "ales-bialiatski: the letters address was last checked on 2026-06-01" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="bot.core.reminders"):
        fresh = (await said_on(content, date(2026, 9, 4)))["2026-09-04/before-21d"]
    assert "The address was last checked on 1 June 2026." in fresh
    assert caplog.text == ""

"""What is due: catch-up after downtime, coalescing, and DST days, with no clock at all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.content import ScheduledPost
from bot.scheduler.due import COALESCED, TOO_LATE, next_runs, plan
from tests.scheduler.posts import BERLIN, MINSK, NEW_YORK, make_post

DAILY = make_post(id="on-this-day", kind="on-this-day", at="09:00")


def local(zone: ZoneInfo, text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone).astimezone(UTC)


def test_on_time_wake_materializes_the_occurrence_once() -> None:
    yesterday = local(MINSK, "2026-07-13 09:00")
    at_nine = plan([DAILY], {"on-this-day": yesterday}, local(MINSK, "2026-07-14 09:00"))
    [due] = at_nine.due
    assert due.occurrence.key == "2026-07-14"
    assert due.occurrence.due_utc == datetime(2026, 7, 14, 6, 0, tzinfo=UTC)  # Minsk is UTC+3
    assert due.deadline_utc == due.occurrence.due_utc + timedelta(hours=6)
    later = plan([DAILY], {"on-this-day": due.occurrence.due_utc}, local(MINSK, "2026-07-14 09:01"))
    assert later.due == () and later.skipped == ()


def test_restart_after_a_three_hour_outage_sends_the_missed_post_once() -> None:
    last = {"on-this-day": local(MINSK, "2026-07-13 09:00")}
    restart = local(MINSK, "2026-07-14 11:30")  # down from 08:30 to 11:30
    [due] = plan([DAILY], last, restart).due
    assert due.occurrence.key == "2026-07-14"
    # Once materialized, the ledger remembers it: the next wake sends nothing.
    last = {"on-this-day": due.occurrence.due_utc}
    assert plan([DAILY], last, restart + timedelta(minutes=1)).due == ()


def test_restart_after_a_three_day_outage_does_not_send_days_late() -> None:
    last = {"on-this-day": local(MINSK, "2026-07-11 09:00")}
    restart = local(MINSK, "2026-07-14 16:00")  # today's 09:00 is 7 hours old
    result = plan([DAILY], last, restart)
    assert result.due == ()
    [skipped] = result.skipped
    assert (skipped.reason, skipped.count) == (TOO_LATE, 3)
    assert (skipped.first.key, skipped.last.key) == ("2026-07-12", "2026-07-14")


def test_after_a_long_outage_only_todays_post_inside_the_window_goes_out() -> None:
    last = {"on-this-day": local(MINSK, "2026-07-11 09:00")}
    [due] = plan([DAILY], last, local(MINSK, "2026-07-14 10:00")).due
    assert due.occurrence.key == "2026-07-14"


def test_the_catch_up_window_is_the_posts_own() -> None:
    short = make_post(id="short", kind="on-this-day", at="09:00", catch_up="30m")
    last = {"short": local(MINSK, "2026-07-13 09:00")}
    assert plan([short], last, local(MINSK, "2026-07-14 09:29")).due
    late = plan([short], last, local(MINSK, "2026-07-14 09:30"))
    assert late.due == () and late.skipped[0].reason == TOO_LATE


def test_a_fresh_database_sends_only_what_is_inside_the_window() -> None:
    assert plan([DAILY], {}, local(MINSK, "2026-07-14 14:59")).due
    assert plan([DAILY], {}, local(MINSK, "2026-07-14 15:00")).due == ()
    assert plan([DAILY], {}, local(MINSK, "2026-07-14 08:59")).due == ()


def test_card_rotation_coalesces_missed_fires_to_the_latest() -> None:
    hourly = make_post(id="hourly", kind="card-rotation", cron="0 * * * *")
    last = {"hourly": local(MINSK, "2026-07-14 09:00")}
    result = plan([hourly], last, local(MINSK, "2026-07-14 12:10"))
    [due] = result.due
    assert due.occurrence.key == "2026-07-14T12:00"
    [coalesced] = result.skipped
    assert (coalesced.reason, coalesced.count) == (COALESCED, 2)


def test_daily_kind_with_a_long_window_sends_the_latest_day_only() -> None:
    post = make_post(id="otd", kind="on-this-day", at="09:00", catch_up="2d")
    last = {"otd": local(MINSK, "2026-07-11 09:00")}
    result = plan([post], last, local(MINSK, "2026-07-13 10:00"))
    assert [d.occurrence.key for d in result.due] == ["2026-07-13"]
    assert [(s.reason, s.count) for s in result.skipped] == [(COALESCED, 1)]


def test_disabled_posts_are_never_due() -> None:
    off = make_post(id="off", kind="on-this-day", at="09:00", enabled=False)
    assert plan([off], {}, local(MINSK, "2026-07-14 09:00")).due == ()


def _tick_through_the_day(post: ScheduledPost, zone: ZoneInfo, day: str) -> list[datetime]:
    """Wake every minute for a whole local day (as the runner does) and collect sends."""
    start = local(zone, f"{day} 00:00")
    next_day = (datetime.fromisoformat(day) + timedelta(days=1)).date().isoformat()
    end = local(zone, f"{next_day} 00:00") - timedelta(minutes=1)  # 23, 24 or 25 hours
    last: dict[str, datetime] = {}
    sent: list[datetime] = []
    now = start
    while now <= end:
        for due in plan([post], last, now).due:
            sent.append(due.occurrence.due_utc)
            last[post.id] = due.occurrence.due_utc
        now += timedelta(minutes=1)
    return sent


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected_utc"),
    [
        # Minsk has no DST: 09:00 is 06:00 UTC all year.
        (MINSK, "2026-03-29", "09:00", "2026-03-29 06:00"),
        (MINSK, "2026-10-25", "09:00", "2026-10-25 06:00"),
        # Berlin springs forward at 02:00 on 29 March 2026: 02:30 does not exist and is
        # sent once at the first valid minute, 03:00 CEST (01:00 UTC).
        (BERLIN, "2026-03-29", "02:30", "2026-03-29 01:00"),
        (BERLIN, "2026-03-29", "09:00", "2026-03-29 07:00"),
        # Berlin falls back on 25 October 2026: 02:30 happens twice, sent once (the first).
        (BERLIN, "2026-10-25", "02:30", "2026-10-25 00:30"),
        (BERLIN, "2026-10-25", "09:00", "2026-10-25 08:00"),
        # New York falls back on 1 November 2026: 01:30 EDT is 05:30 UTC.
        (NEW_YORK, "2026-11-01", "01:30", "2026-11-01 05:30"),
        (NEW_YORK, "2026-03-08", "02:30", "2026-03-08 07:00"),
    ],
)
def test_dst_days_send_exactly_once_at_the_right_moment(
    zone: ZoneInfo, day: str, at: str, expected_utc: str
) -> None:
    post = make_post(zone, id="daily", kind="on-this-day", at=at)
    sent = _tick_through_the_day(post, zone, day)
    assert sent == [datetime.fromisoformat(expected_utc).replace(tzinfo=UTC)]


def test_hourly_cron_on_the_fall_back_day_sends_each_wall_hour_once() -> None:
    hourly = make_post(BERLIN, id="hourly", kind="card-rotation", cron="30 * * * *")
    sent = _tick_through_the_day(hourly, BERLIN, "2026-10-25")
    keys = [s.astimezone(BERLIN).strftime("%H:%M") for s in sent]
    assert keys.count("02:30") == 1
    assert len(sent) == len(set(sent))


def test_next_runs_merges_all_posts_soonest_first() -> None:
    weekly = make_post(id="weekly", kind="card-rotation", cron="0 18 * * thu")
    runs = next_runs([DAILY, weekly], local(MINSK, "2026-07-14 10:00"), 5)  # a Tuesday
    assert [(r.post_id, r.occurrence.local.strftime("%a %H:%M")) for r in runs] == [
        ("on-this-day", "Wed 09:00"),
        ("on-this-day", "Thu 09:00"),
        ("weekly", "Thu 18:00"),
        ("on-this-day", "Fri 09:00"),
        ("on-this-day", "Sat 09:00"),
    ]

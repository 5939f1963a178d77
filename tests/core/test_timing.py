"""Occurrence maths: keys, time zones, DST gaps and folds, crontab weekday meaning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.content import ScheduledPost
from bot.core.cron_words import weekday_names
from bot.core.schedule_files import CardRotationPost
from bot.core.timing import next_occurrences, occurrences

from .conftest import MINSK, make_post

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(y: int, m: int, d: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(y, m, d, hour, minute, tzinfo=UTC)


def local_day(zone: ZoneInfo, y: int, m: int, d: int) -> tuple[datetime, datetime]:
    """The window (after, until] that holds exactly one local day, in UTC."""
    tick = timedelta(microseconds=1)
    start = datetime(y, m, d, tzinfo=zone).astimezone(UTC) - tick
    end = (datetime(y, m, d, tzinfo=zone) + timedelta(days=1)).astimezone(UTC) - tick
    return start, end


def test_daily_at_in_minsk_has_a_date_key() -> None:
    post = make_post(id="otd", kind="on-this-day", at="09:00")
    found = occurrences(post, utc(2026, 7, 13, 12), utc(2026, 7, 16, 12))
    assert [o.key for o in found] == ["2026-07-14", "2026-07-15", "2026-07-16"]
    assert found[0].due_utc == utc(2026, 7, 14, 6)  # Minsk is UTC+3 all year
    assert found[0].local == datetime(2026, 7, 14, 9, tzinfo=MINSK)
    assert found[0].post_id == "otd"


def test_window_is_open_at_the_start_and_closed_at_the_end() -> None:
    post = make_post(id="otd", kind="on-this-day", at="09:00")
    due = utc(2026, 7, 14, 6)
    assert occurrences(post, due, due + timedelta(hours=1)) == []
    assert [o.due_utc for o in occurrences(post, due - timedelta(seconds=1), due)] == [due]
    assert occurrences(post, due, due - timedelta(days=1)) == []


def test_a_utc_evening_is_already_tomorrow_in_minsk() -> None:
    post = make_post(id="otd", kind="on-this-day", at="00:30")
    found = occurrences(post, utc(2026, 7, 13, 21), utc(2026, 7, 13, 22))
    assert [o.key for o in found] == ["2026-07-14"]
    assert found[0].due_utc == utc(2026, 7, 13, 21, 30)


def test_rotation_key_is_the_local_minute() -> None:
    post = make_post(id="weekly", kind="card-rotation", cron="0 18 * * thu")
    found = occurrences(post, utc(2026, 7, 13), utc(2026, 7, 31))
    assert [o.key for o in found] == ["2026-07-16T18:00", "2026-07-23T18:00", "2026-07-30T18:00"]


def test_daily_kinds_fire_at_most_once_per_local_day() -> None:
    post = make_post(id="otd", kind="on-this-day", cron="0 9,18 * * *")
    found = occurrences(post, utc(2026, 7, 13, 21), utc(2026, 7, 15, 20))
    assert [(o.key, o.local.hour) for o in found] == [("2026-07-14", 9), ("2026-07-15", 9)]


def test_29_february() -> None:
    post = make_post(id="otd", kind="on-this-day", at="09:00")
    keys = [o.key for o in occurrences(post, utc(2024, 2, 27, 12), utc(2024, 3, 1, 12))]
    assert keys == ["2024-02-28", "2024-02-29", "2024-03-01"]
    yearly = make_post(id="leap", kind="card-rotation", cron="0 12 29 2 *")
    found = next_occurrences(yearly, utc(2025, 1, 1), 2)
    assert [o.key for o in found] == ["2028-02-29T12:00", "2032-02-29T12:00"]


@pytest.mark.parametrize(
    ("zone", "y", "m", "d", "at", "due"),
    [
        # Spring forward: 02:30 does not exist; it fires once, when the gap ends (03:00).
        (BERLIN, 2025, 3, 30, "02:30", utc(2025, 3, 30, 1, 0)),
        (BERLIN, 2026, 3, 29, "02:30", utc(2026, 3, 29, 1, 0)),
        (NEW_YORK, 2025, 3, 9, "02:30", utc(2025, 3, 9, 7, 0)),
        (NEW_YORK, 2026, 3, 8, "02:15", utc(2026, 3, 8, 7, 0)),
        # Fall back: 02:30 (Berlin) / 01:30 (New York) happens twice; it fires once, first.
        (BERLIN, 2025, 10, 26, "02:30", utc(2025, 10, 26, 0, 30)),
        (BERLIN, 2026, 10, 25, "02:30", utc(2026, 10, 25, 0, 30)),
        (NEW_YORK, 2025, 11, 2, "01:30", utc(2025, 11, 2, 5, 30)),
        (NEW_YORK, 2026, 11, 1, "01:30", utc(2026, 11, 1, 5, 30)),
        # Ordinary times on the same days keep their wall-clock time.
        (BERLIN, 2025, 3, 30, "09:00", utc(2025, 3, 30, 7, 0)),
        (BERLIN, 2025, 10, 26, "09:00", utc(2025, 10, 26, 8, 0)),
        (NEW_YORK, 2025, 11, 2, "09:00", utc(2025, 11, 2, 14, 0)),
    ],
)
def test_dst_days_fire_once(zone: ZoneInfo, y: int, m: int, d: int, at: str, due: datetime) -> None:
    post = make_post(zone, id="otd", kind="on-this-day", at=at)
    found = occurrences(post, *local_day(zone, y, m, d))
    assert [o.due_utc for o in found] == [due]
    assert found[0].key == f"{y:04d}-{m:02d}-{d:02d}"


def test_repeated_hour_fires_once_even_across_window_boundaries() -> None:
    post = make_post(BERLIN, id="r", kind="card-rotation", cron="30 2 * * *")
    first = utc(2025, 10, 26, 0, 30)
    assert [o.due_utc for o in occurrences(post, first - timedelta(minutes=1), first)] == [first]
    # The second 02:30 (01:30 UTC, CET) is not an occurrence of its own.
    assert occurrences(post, first, utc(2025, 10, 26, 2)) == []


def test_half_hourly_cron_through_both_changes() -> None:
    post = make_post(NEW_YORK, id="r", kind="card-rotation", cron="*/30 * * * *")
    autumn = occurrences(post, *local_day(NEW_YORK, 2025, 11, 2))
    assert len(autumn) == 48  # 25 hours, but 01:00 and 01:30 fire once
    assert len({o.key for o in autumn}) == 48
    spring = occurrences(post, *local_day(NEW_YORK, 2026, 3, 8))
    assert len(spring) == 46  # 02:00 and 02:30 do not exist; both become the 03:00 run
    assert [o.key[-5:] for o in spring[3:6]] == ["01:30", "03:00", "03:30"]
    dues = [o.due_utc for o in spring]
    assert dues == sorted(set(dues))


def test_minsk_has_no_dst() -> None:
    post = make_post(id="otd", kind="on-this-day", at="02:30")
    for y, m, d in ((2025, 3, 30), (2025, 10, 26)):
        found = occurrences(post, *local_day(MINSK, y, m, d))
        assert [o.due_utc for o in found] == [utc(y, m, d - 1, 23, 30)]


def test_numeric_weekdays_mean_what_crontab_means() -> None:
    sunday = make_post(id="r", kind="card-rotation", cron="0 9 * * 0")
    assert next_occurrences(sunday, utc(2026, 7, 13), 1)[0].local.strftime("%a") == "Sun"
    weekdays = make_post(id="r", kind="card-rotation", cron="0 9 * * 1-5")
    days = [o.local.strftime("%a") for o in next_occurrences(weekdays, utc(2026, 7, 12), 7)]
    assert days == ["Mon", "Tue", "Wed", "Thu", "Fri", "Mon", "Tue"]
    assert weekday_names("0") == "sun"
    assert weekday_names("5-7") == "fri,sat,sun"
    assert weekday_names("*/2") == "tue,thu,sat,sun"
    assert weekday_names("thu") == "thu"


def test_day_of_month_or_weekday_as_in_crontab() -> None:
    post = make_post(id="r", kind="card-rotation", cron="0 9 13 * fri")
    keys = [o.key[:10] for o in next_occurrences(post, utc(2026, 2, 1), 6)]
    # Every Friday, and the 13th whatever its weekday (13 February 2026 is a Friday).
    assert keys == [
        "2026-02-06",
        "2026-02-13",
        "2026-02-20",
        "2026-02-27",
        "2026-03-06",
        "2026-03-13",
    ]
    april = [o.key[:10] for o in next_occurrences(post, utc(2026, 4, 11), 2)]
    assert april == ["2026-04-13", "2026-04-17"]


def test_next_occurrences_for_status() -> None:
    post = make_post(id="weekly", kind="card-rotation", cron="0 18 * * thu")
    found = next_occurrences(post, utc(2026, 7, 16, 15), 2)  # exactly at a run: not included
    assert [o.key for o in found] == ["2026-07-23T18:00", "2026-07-30T18:00"]
    assert next_occurrences(post, utc(2026, 7, 16), 0) == []


def test_a_date_that_never_comes_gives_no_occurrence_quickly() -> None:
    # Validation refuses such a cron; timing must still cope if one slips through.
    spec = CardRotationPost.model_construct(
        id="never",
        kind="card-rotation",
        cron="0 0 30 2 *",
        at=None,
        timezone=None,
        catch_up="6h",
        to=["console"],
        enabled=True,
        cards=[],
        subjects=[],
        tags=[],
    )
    post = ScheduledPost(spec, ZoneInfo("Europe/Minsk"), "schedules/test.yaml")
    assert next_occurrences(post, utc(2026, 1, 1), 3) == []
    assert occurrences(post, utc(2026, 1, 1), utc(2030, 1, 1)) == []


def test_disabled_post_never_fires() -> None:
    post = make_post(id="otd", kind="on-this-day", at="09:00", enabled=False)
    assert occurrences(post, utc(2026, 7, 13), utc(2026, 7, 20)) == []
    assert next_occurrences(post, utc(2026, 7, 13), 3) == []


def test_naive_datetimes_are_refused() -> None:
    post = make_post(id="otd", kind="on-this-day", at="09:00")
    with pytest.raises(ValueError, match="timezone-aware"):
        occurrences(post, datetime(2026, 7, 13), utc(2026, 7, 14))  # noqa: DTZ001


def test_keys_are_stable_across_calls_and_window_sizes() -> None:
    post = make_post(BERLIN, id="r", kind="card-rotation", cron="15 */3 * * *")
    whole = occurrences(post, utc(2025, 10, 20), utc(2025, 11, 2))
    pieces = []
    t = utc(2025, 10, 20)
    while t < utc(2025, 11, 2):
        pieces += occurrences(post, t, t + timedelta(minutes=37))
        t += timedelta(minutes=37)
    assert [o.key for o in pieces if o.due_utc <= utc(2025, 11, 2)] == [o.key for o in whole]


def test_validation_refuses_a_cron_that_never_fires() -> None:
    with pytest.raises(ValueError, match="never fires"):
        make_post(id="never", kind="card-rotation", cron="0 0 30 2 *")


def test_cron_weekday_seven_is_sunday_as_in_crontab() -> None:
    post = make_post(id="sun", kind="card-rotation", cron="0 9 * * 7")
    (occ,) = next_occurrences(post, utc(2026, 7, 13), 1)  # a Monday
    assert occ.local.strftime("%A %H:%M") == "Sunday 09:00"

"""When a scheduled post fires: pure occurrence maths, correct across DST changes.

APScheduler is used only as a calculator, and only on *wall-clock* times: the cron
expression is evaluated in a fake UTC zone where local time never jumps, and each local
time it yields is then placed on the real time line here. Asked to work in the post's
zone directly, APScheduler 3 fires a time in the repeated autumn hour twice and reports a
time in the skipped spring hour as a non-existent local time (docs/architecture.md §4); both are
settled once, below:

- a local time that occurs twice (autumn) fires once, at its first occurrence;
- a local time that does not exist (spring) fires once, at the first minute after the gap;
- two local times that land on the same moment fire once.

All arithmetic and comparisons are on UTC datetimes (docs/architecture.md §4): adding a timedelta
to a zoned datetime is wall-clock arithmetic and would loop in the repeated hour.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from apscheduler.triggers.cron import CronTrigger

from bot.core.content import ScheduledPost
from bot.core.cron_words import crontab_triggers
from bot.core.schedule_files import BirthdayPost, before_days

# Local times a DST change moves backwards are searched this far past the window's end.
_FOLD_MARGIN = timedelta(hours=3)
# next_occurrences gives up after this long (a cron such as "0 0 30 2 *" never fires).
_HORIZON = timedelta(days=10 * 366)
# Kinds that post at most once per local day: the key is the date, not the minute.
DAILY_KINDS = frozenset({"on-this-day", "milestone", "birthday", "digest"})


@dataclass(frozen=True)
class Occurrence:
    """One firing of a post.

    `key` names the occurrence across restarts and reloads: the local date for daily
    kinds (so moving `at` from 09:00 to 10:00 after the post went out does not post it
    again), the local minute ("2026-07-14T18:00") for card-rotation, and the date plus
    the lead time ("2026-09-04/before-21d") for a birthday post's letter reminders.
    """

    post_id: str
    key: str
    due_utc: datetime
    local: datetime
    # A birthday post's letter reminder this many days ahead (`before:`), 0 for the post
    # itself: each reminder is its own occurrence, with its own key in the ledger.
    before_days: int = 0


def occurrences(post: ScheduledPost, after_utc: datetime, until_utc: datetime) -> list[Occurrence]:
    """Every fire time in (after_utc, until_utc], oldest first; none for a disabled post.

    Daily kinds give at most one occurrence per local day (and per reminder lead time)
    even when a cron names several times; a later call's duplicate key is the delivery
    ledger's to refuse.
    """
    after = _utc(after_utc, "after_utc")
    until = _utc(until_utc, "until_utc")
    if not post.spec.enabled or until <= after:
        return []
    # A wall time after the window's last one still lands inside it only just before a
    # backward jump: search a little further, then keep what is due by `until`.
    end_wall = _wall(until, post.zone) + _FOLD_MARGIN
    found = [occ for occ in _walk(post, after, end_wall) if occ.due_utc <= until]
    found.sort(key=lambda o: o.due_utc)
    return _first_per_key(found)


def next_occurrences(post: ScheduledPost, after_utc: datetime, count: int) -> list[Occurrence]:
    """The next `count` fire times after `after_utc` (for /status); fewer when none come."""
    after = _utc(after_utc, "after_utc")
    if not post.spec.enabled or count <= 0:
        return []
    found: list[Occurrence] = []
    keys: set[str] = set()
    for occ in _walk(post, after, _wall(after + _HORIZON, post.zone)):
        if occ.before_days:
            continue  # a reminder fires with its post: one run to show, not one per lead time
        if occ.key not in keys:
            keys.add(occ.key)
            found.append(occ)
            if len(found) >= count:
                break
    return found


def _walk(post: ScheduledPost, after: datetime, end_wall: datetime) -> Iterator[Occurrence]:
    """Occurrences after `after` up to the wall time `end_wall`, in wall-clock order."""
    zone = post.zone
    daily = post.spec.kind in DAILY_KINDS
    seen: set[datetime] = set()
    for wall in _wall_times(post, _wall(after, zone) - timedelta(minutes=1), end_wall):
        due = _place(wall, zone)
        if due <= after or due in seen:
            continue
        seen.add(due)
        local = due.astimezone(zone)
        key = local.date().isoformat() if daily else local.strftime("%Y-%m-%dT%H:%M")
        yield Occurrence(post.id, key, due, local)
        for days in reminder_days(post):
            yield Occurrence(post.id, f"{key}/before-{days}d", due, local, days)


def reminder_days(post: ScheduledPost) -> tuple[int, ...]:
    """The `before:` lead times of a birthday post, longest first; none for other kinds."""
    spec = post.spec
    if not isinstance(spec, BirthdayPost):
        return ()
    return tuple(sorted((before_days(b) for b in spec.before), reverse=True))


def _wall_times(post: ScheduledPost, start: datetime, end: datetime) -> Iterator[datetime]:
    """Naive local times in [start, end] at which the post is meant to fire."""
    spec = post.spec
    if spec.at is not None:
        hour, minute = (int(part) for part in spec.at.split(":"))
        day = start.date()
        while (wall := datetime.combine(day, time(hour, minute))) <= end:
            if wall >= start:
                yield wall
            day += timedelta(days=1)
        return
    if spec.cron is None:  # the schedule model requires `at` or `cron`
        return
    streams = [_fire_times(t, start) for t in crontab_triggers(spec.cron, end)]
    last: datetime | None = None
    for wall in heapq.merge(*streams):
        if wall != last:
            yield wall
            last = wall


def _fire_times(trigger: CronTrigger, start: datetime) -> Iterator[datetime]:
    """A trigger's times from `start` on; the trigger runs in UTC, which stands for wall time."""
    prev: datetime | None = None
    now = start.replace(tzinfo=UTC)
    while True:
        nxt = trigger.get_next_fire_time(prev, now)
        if nxt is None:
            return
        yield nxt.replace(tzinfo=None)
        prev = now = nxt


def _place(wall: datetime, zone: tzinfo) -> datetime:
    """The UTC moment a local wall-clock time stands for.

    A repeated time gives its first occurrence (fold=0). A skipped time gives the moment
    the gap ends, the first valid local minute after it.
    """
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if _wall(first, zone) == wall:
        return first
    # In a gap, fold=0 reads the time with the offset before the change, fold=1 with the
    # one after: the change happened between the two readings. Find it by bisection.
    lo = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    hi = first
    if lo > hi:
        lo, hi = hi, lo
    before = lo.astimezone(zone).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(zone).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi.replace(microsecond=0)


def _wall(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.astimezone(UTC)


def _first_per_key(found: list[Occurrence]) -> list[Occurrence]:
    keys: set[str] = set()
    kept: list[Occurrence] = []
    for occ in found:
        if occ.key not in keys:
            keys.add(occ.key)
            kept.append(occ)
    return kept

"""What to post now: a pure function of the schedules, the ledger's memory and the clock.

APScheduler only wakes the bot; it does not remember what fell during downtime (its
in-memory jobs restart from "now", docs/architecture.md §4). So on every wake the bot asks this
module which occurrences lie between the last one it materialized (from the ledger) and
now, and applies its own rules:

- **catch-up**: an occurrence missed by less than its post's `catch_up` window (default
  6h) is sent once, late; an older one is skipped and reported, never sent days late;
- **coalescing**: of several occurrences still inside the window, only the latest is
  sent (a card-rotation post that missed three hourly fires sends one card; a daily post
  down for two days with `catch_up: 2d` sends the latest day only), like APScheduler's
  `coalesce=True` and systemd's `Persistent=`.

All arithmetic is on UTC datetimes; occurrence times come from `bot.core.timing`, which
already handles DST gaps and folds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.core.content import ScheduledPost
from bot.core.fields import parse_duration
from bot.core.timing import Occurrence, next_occurrences, occurrences

# Never look further back than the longest allowed catch_up (7d) plus a margin: after a
# month offline there is nothing to send, and no need to enumerate a month of minutes.
MAX_LOOKBACK = timedelta(days=8)
TOO_LATE = "too late"
COALESCED = "coalesced"


@dataclass(frozen=True, slots=True)
class Due:
    """An occurrence to materialize now; `deadline_utc` is when it becomes too late."""

    post: ScheduledPost
    occurrence: Occurrence
    deadline_utc: datetime


@dataclass(frozen=True, slots=True)
class Skipped:
    """Occurrences of one post that will never be sent, for the log and /status."""

    post_id: str
    reason: str  # TOO_LATE or COALESCED
    count: int
    first: Occurrence
    last: Occurrence


@dataclass(frozen=True, slots=True)
class Plan:
    due: tuple[Due, ...]
    skipped: tuple[Skipped, ...]


def catch_up_window(post: ScheduledPost) -> timedelta:
    return parse_duration(post.spec.catch_up)


def plan(posts: Iterable[ScheduledPost], last_due: Mapping[str, datetime], now: datetime) -> Plan:
    """Which occurrence of each post to materialize at `now`.

    `last_due` maps a post id to the due time of its latest materialized occurrence (from
    the ledger). A post with no history only looks back over its catch-up window: a new
    post, or a fresh database, sends what is due or just missed, not a backlog.
    """
    now = _utc(now)
    due: list[Due] = []
    skipped: list[Skipped] = []
    for post in posts:
        if not post.spec.enabled:
            continue
        window = catch_up_window(post)
        last = last_due.get(post.id)
        lookback = window if last is None else max(MAX_LOOKBACK, window)
        after = now - lookback if last is None else max(_utc(last), now - lookback)
        found = occurrences(post, after, now)
        fresh = [o for o in found if now - o.due_utc < window]
        stale = [o for o in found if now - o.due_utc >= window]
        if stale:
            skipped.append(Skipped(post.id, TOO_LATE, len(stale), stale[0], stale[-1]))
        # Each letter reminder (`before:`) is a stream of its own, coalesced on its own.
        for stream in sorted({o.before_days for o in fresh}):
            mine = [o for o in fresh if o.before_days == stream]
            if len(mine) > 1:
                older = mine[:-1]
                skipped.append(Skipped(post.id, COALESCED, len(older), older[0], older[-1]))
            latest = mine[-1]
            due.append(Due(post, latest, latest.due_utc + window))
    due.sort(key=lambda d: (d.occurrence.due_utc, d.post.id))
    return Plan(tuple(due), tuple(skipped))


@dataclass(frozen=True, slots=True)
class NextRun:
    post_id: str
    occurrence: Occurrence


def next_runs(posts: Iterable[ScheduledPost], now: datetime, count: int) -> list[NextRun]:
    """The next `count` fire times over all posts, soonest first (for /status)."""
    now = _utc(now)
    runs = [
        NextRun(post.id, occ)
        for post in posts
        if post.spec.enabled
        for occ in next_occurrences(post, now, count)
    ]
    runs.sort(key=lambda r: (r.occurrence.due_utc, r.post_id))
    return runs[:count]


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("pass timezone-aware datetimes")
    return moment.astimezone(UTC)

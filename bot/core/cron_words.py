"""Read a schedule's cron expression the way crontab(5) does, for APScheduler 3.

Admins copy cron lines from crontab guides, where weekday 0 (and 7) is Sunday and a
line that restricts both the day of the month and the weekday fires when *either*
matches. APScheduler 3's `from_crontab` counts weekdays from Monday and requires both
(its documentation calls the first a historical mistake), so "0 9 * * 1-5" would post
Tuesday to Saturday. This module turns the weekday field into names, which mean the same
in both, and splits an either-or line into two triggers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.triggers.cron import CronTrigger

_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
# APScheduler lists weekdays from Monday; the order only makes the output readable.
_APS_ORDER = (1, 2, 3, 4, 5, 6, 0)


def _day(token: str) -> int:
    """A crontab weekday (0-7 or a name) as 0 = Sunday ... 6 = Saturday."""
    low = token.lower()
    if low in _NAMES:
        return _NAMES.index(low)
    value = int(low)
    if not 0 <= value <= 7:
        raise ValueError(token)
    return value % 7


def weekday_names(field: str) -> str:
    """'1-5' -> 'mon,tue,wed,thu,fri'; '*' stays; something unreadable is left unchanged."""
    if field == "*":
        return field
    days: set[int] = set()
    try:
        for item in field.split(","):
            part, _, step_text = item.partition("/")
            step = int(step_text) if step_text else 1
            if step < 1:
                return field
            if part == "*":
                first, last = 0, 6
            elif "-" in part:
                a, b = part.split("-", 1)
                first, last = _day(a), 7 if b == "7" else _day(b)
                if first > last:
                    return field
            else:
                first = _day(part)
                last = 6 if step_text else first
            days.update(d % 7 for d in range(first, last + 1, step))
    except ValueError:
        return field
    return ",".join(_NAMES[d] for d in _APS_ORDER if d in days)


def crontab_triggers(expr: str, end: datetime) -> list[CronTrigger]:
    """UTC triggers that together fire when crontab(5) would fire `expr`, until `end`.

    The triggers run in UTC, which stands for the post's wall clock (see timing.py);
    `end` (naive wall-clock) also stops the search for a date that never comes (30 Feb).
    """
    minute, hour, dom, month, dow = expr.split()
    names = weekday_names(dow)
    common = {"minute": minute, "hour": hour, "month": month}
    stop = end.replace(tzinfo=UTC)
    # crontab(5): the either-or rule applies only when neither field starts with "*".
    if not dom.startswith("*") and not dow.startswith("*"):
        return [
            CronTrigger(**common, day=dom, timezone=UTC, end_date=stop),
            CronTrigger(**common, day_of_week=names, timezone=UTC, end_date=stop),
        ]
    return [CronTrigger(**common, day=dom, day_of_week=names, timezone=UTC, end_date=stop)]

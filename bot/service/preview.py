"""The posts of one local day: shared by `advocacy-bot preview` and the /preview command."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.content import ContentSet
from bot.core.messages import Post
from bot.core.posts import compose
from bot.core.rotation import MemoryRotationState, RotationState
from bot.core.timing import Occurrence, occurrences


def _day_bounds_utc(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


async def posts_of_day(
    content: ContentSet,
    day: date,
    rotation: RotationState | None = None,
    *,
    language: str | None = None,
) -> list[tuple[Occurrence, Post]]:
    """Every post that would go out on `day` (local to each post's zone), in time order,
    as a chat reading `language` would get it (by default, as its named targets do).

    Rotation is read but never advanced: a preview must not change what is posted.
    """
    rotation = rotation or MemoryRotationState()
    found: list[tuple[Occurrence, Post]] = []
    for post in content.posts:
        if not post.spec.enabled:
            continue
        start, end = _day_bounds_utc(day, post.zone)
        # occurrences() is (after, until]: start one microsecond early to include midnight.
        before = start - timedelta(microseconds=1)
        for occ in occurrences(post, before, end - timedelta(microseconds=1)):
            composed = await compose(
                content, post, occ, rotation, advance=False, language=language or post.language
            )
            if composed is not None:
                found.append((occ, composed))
    found.sort(key=lambda pair: pair[0].due_utc)
    return found

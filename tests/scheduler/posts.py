"""Building scheduled posts and content sets for scheduler tests, straight from the models."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter

from bot.core.content import ContentSet, ScheduledPost
from bot.core.schedule_files import PostSpec

MINSK = ZoneInfo("Europe/Minsk")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
_SPEC: TypeAdapter[Any] = TypeAdapter(PostSpec)


def make_post(zone: ZoneInfo = MINSK, **fields: Any) -> ScheduledPost:
    fields.setdefault("to", ["console"])
    return ScheduledPost(_SPEC.validate_python(fields), zone, "schedules/test.yaml")


def content_with(*posts: ScheduledPost) -> ContentSet:
    return ContentSet.build([], {}, list(posts))

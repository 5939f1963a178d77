"""Content that validation should refuse, but that must not crash the bot if it slips
through: a milestone whose `until` comes before its `since`, and a card dated 0000-01-01
(a year no calendar has). Every command and every preview still answers."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.core.calendar import milestone_posts, upcoming
from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.dispatch import run_core_command
from bot.core.content import ContentSet
from bot.core.dates import PartialDate
from bot.core.loading import ContentHolder
from bot.core.schedule_files import MilestonePost
from bot.core.search import SearchIndex
from bot.service.preview import posts_of_day

ROOT = Path(__file__).resolve().parents[2]
ARREST = "ales-bialiatski/bialiatski-arrest-2021"


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    assert holder.load() == []
    return holder.current


def swapped_milestones(content: ContentSet) -> ContentSet:
    posts = []
    for post in content.posts:
        spec = post.spec
        if isinstance(spec, MilestonePost) and spec.until:
            spec = spec.model_copy(update={"since": spec.until, "until": spec.since})
        posts.append(dataclasses.replace(post, spec=spec))
    assert posts != list(content.posts)
    return ContentSet.build(list(content.cards), content.subjects, posts)


def year_zero(content: ContentSet) -> ContentSet:
    cards = [
        dataclasses.replace(rec, card=rec.card.model_copy(update={"date": PartialDate(0, 1, 1)}))
        if rec.global_id == ARREST
        else rec
        for rec in content.cards
    ]
    return ContentSet.build(cards, content.subjects, list(content.posts))


@pytest.mark.parametrize("broken", [swapped_milestones, year_zero])
async def test_no_command_or_preview_crashes_on_content_that_slipped_through(
    bundled: ContentSet, broken: Callable[[ContentSet], ContentSet]
) -> None:
    content = broken(bundled)
    index = SearchIndex.build(content)
    ctx = ChatContext("console", "console", is_bot_admin=True)
    start = date(2021, 7, 10)
    for offset in range(0, 6 * 366, 7):
        day = start + timedelta(days=offset)
        await posts_of_day(content, day)
    for day in (date(2021, 7, 14), date(2025, 2, 12), date(2026, 1, 1), date(2026, 7, 14)):
        moment = Moment(now=datetime.combine(day, time(12), tzinfo=content.zone), zone=content.zone)
        for name, args in (("today", ""), ("upcoming", "366"), ("fact", ARREST), ("facts", "")):
            reply = run_core_command(name, args, ctx, content, index, moment)
            assert reply is not None and reply.messages
    assert len(upcoming(content, content.posts, date(2026, 1, 1), 366)) > 0
    assert milestone_posts(content, content.posts) is not None

"""What a scheduled post says on a given occurrence, and how one card is shown.

Posts are English: a channel has no single reader's language. Commands pass the
asker's language to the same builders, which then use a card's translation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.calendar import (
    Anniversary,
    Birthday,
    Milestone,
    MilestoneRefs,
    anniversaries,
    birthdays,
    matches,
    milestone_refs,
    milestones_on,
    said_once,
)
from bot.core.content import CardRecord, ContentSet, ScheduledPost
from bot.core.digest import digest_message
from bot.core.messages import Link, Message, Post
from bot.core.reminders import reminder_messages
from bot.core.rotation import RotationState, next_card
from bot.core.schedule_files import CardRotationPost
from bot.core.timing import Occurrence
from bot.core.wording import birthday_title, milestone_span, milestone_title, years_ago_today

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def card_message(rec: CardRecord, language: str | None = None) -> Message:
    """A card as people read it: title, date, text, sources, and its id as the footer."""
    title, text = rec.localized(language)
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    if rec.date is not None:
        paragraphs.insert(0, rec.date.human())
    return Message(
        title=title,
        paragraphs=tuple(paragraphs),
        sources=tuple(Link(s.url, s.title) for s in rec.sources),
        footer=rec.global_id,
        card_id=rec.global_id,
    )


def anniversary_message(ann: Anniversary, language: str | None = None) -> Message:
    """'5 years ago today: Arrested in Minsk', then the card."""
    shown = card_message(ann.record, language)
    return replace(shown, title=f"{years_ago_today(ann.years, language)}: {shown.title}")


def milestone_message(m: Milestone, refs: MilestoneRefs, language: str | None = None) -> Message:
    """'1,000 days in custody', what is counted between which dates, and both cards' sources."""
    links: dict[str, Link] = {}
    for rec in (refs.since, refs.until):
        for s in rec.sources if rec is not None else ():
            links.setdefault(s.url, Link(s.url, s.title))
    return Message(
        title=milestone_title(m, refs, language),
        paragraphs=milestone_span(refs, language),
        sources=tuple(links.values()),
        footer=refs.since.global_id,
        card_id=refs.since.global_id,
    )


def birthday_message(b: Birthday, language: str | None = None) -> Message:
    """'<name> turns 54 today', who they are (from the card that backs the birth date, with
    its sources), and where to write a letter when the subject has an address or a page."""
    letters = b.subject.letters
    paragraphs: list[str] = []
    links: dict[str, Link] = {}
    card_id = None
    if b.card is not None:
        shown = card_message(b.card, language)
        # A card dated on the birth date is that day's on-this-day post already: cite it,
        # don't repeat it.
        if b.card.date is None:
            paragraphs.extend(shown.paragraphs)
        links.update((s.url, s) for s in shown.sources)
        card_id = b.card.global_id
    if letters is not None:
        paragraphs.append(f"Send {b.subject.name} a letter or a postcard: a few words matter.")
        if letters.url:
            links[letters.url] = Link(letters.url, f"How to write to {b.subject.name}")
    return Message(
        title=birthday_title(b, language),
        paragraphs=tuple(paragraphs),
        preformatted=letters.address if letters is not None else None,  # to copy exactly
        sources=tuple(links.values()),
        footer=card_id,
        card_id=card_id,
    )


def rotation_candidates(content: ContentSet, post: ScheduledPost) -> list[CardRecord]:
    """The cards a card-rotation post cycles through, in the order it shows them.

    Listed `cards` keep the admin's order; otherwise content order. `subjects` and `tags`
    narrow either further.
    """
    spec = post.spec
    if not isinstance(spec, CardRotationPost):
        return []
    if spec.cards:
        listed = (content.get(ref) for ref in spec.cards)
        pool = list({rec.global_id: rec for rec in listed if rec is not None}.values())
    else:
        pool = list(content.cards)
    return [rec for rec in pool if matches(rec, spec.subjects, spec.tags)]


async def compose(
    content: ContentSet,
    post: ScheduledPost,
    occ: Occurrence,
    rotation: RotationState,
    *,
    advance: bool = True,
) -> Post | None:
    """The post for one occurrence, or None when there is nothing to say that day.

    Card-rotation records the card it picked only when `advance` is set: previews pass
    False so that looking never changes what will be posted.
    """
    spec = post.spec
    day = occ.local.date()
    messages: list[Message] = []
    if spec.kind == "on-this-day":
        found = anniversaries(content, day, subjects=spec.subjects, tags=spec.tags)
        messages = [anniversary_message(a) for a in found]
    elif spec.kind == "birthday" and occ.before_days:
        messages = reminder_messages(content, post, day, occ.before_days)
    elif spec.kind == "birthday":
        messages = [birthday_message(b) for b in birthdays(content, day, subjects=spec.subjects)]
    elif spec.kind == "digest":
        messages = [m for m in (digest_message(content, post, day),) if m is not None]
    elif spec.kind == "milestone":
        refs = milestone_refs(content, post)
        if refs is not None:
            found_m = said_once(milestones_on(refs.start, refs.end, day))
            messages = [milestone_message(m, refs) for m in found_m]
    elif spec.kind == "card-rotation":
        picked = next_card(rotation_candidates(content, post), await rotation.shown(post.id))
        if picked is not None:
            rec, new_cycle = picked
            if advance:
                await rotation.record(post.id, rec.global_id, new_cycle=new_cycle)
            messages = [card_message(rec)]
    if not messages:
        return None
    return Post(post.id, occ.key, tuple(messages), targets=tuple(spec.to))

"""What a scheduled post says on a given occurrence, and how one card is shown.

Every builder takes the language of the chat it writes for: its words come from that
language's catalogue and each card from its translation there, else English. A post is
composed once per language a broadcast needs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

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
    told_by_birthday,
)
from bot.core.content import CardRecord, ContentSet, ScheduledPost
from bot.core.digest import digest_message
from bot.core.messages import Link, Message, Post
from bot.core.notes import review_note
from bot.core.reminders import reminder_messages
from bot.core.review import awaiting_review
from bot.core.rotation import RotationState, next_card
from bot.core.schedule_files import CardRotationPost
from bot.core.timing import Occurrence
from bot.core.wording import (
    birthday_title,
    card_date,
    letter_lines,
    milestone_span,
    milestone_title,
    subject_name,
    years_ago_today,
)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def card_message(
    rec: CardRecord, language: str | None = None, *, day: date | None = None
) -> Message:
    """A card as people read it: title, date, text, sources, and its id as the footer.

    With `day` (commands pass the asker's today), a card awaiting review on that day says so.
    """
    title, text = rec.localized(language)
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    if rec.date is not None:
        paragraphs.insert(0, card_date(rec.date, language))
    if day is not None and rec.card.review_by is not None and awaiting_review(rec, day):
        paragraphs.append(review_note(rec.card.review_by, language))
    return Message(
        title=title,
        paragraphs=tuple(paragraphs),
        sources=tuple(Link(s.url, s.title) for s in rec.sources),
        footer=rec.global_id,
        card_id=rec.global_id,
        language=language,
    )


def anniversary_message(
    ann: Anniversary, language: str | None = None, *, day: date | None = None
) -> Message:
    """'5 years ago today: Arrested in Minsk', then the card."""
    shown = card_message(ann.record, language, day=day)
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
        # The birthday post tells the birth card whole; the on-this-day post leaves it out
        # (see calendar.told_by_birthday): one event, one post.
        shown = card_message(b.card, language)
        paragraphs.extend(shown.paragraphs)
        links.update((s.url, s) for s in shown.sources)
        card_id = b.card.global_id
    if letters is not None:
        call, link_title = letter_lines(subject_name(b.subject, language), language)
        paragraphs.append(call)
        if letters.url:
            links[letters.url] = Link(letters.url, link_title)
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
    language: str | None = None,
) -> Post | None:
    """The post for one occurrence in `language`, or None when there is nothing to say.

    Card-rotation records the card it picked only when `advance` is set: previews pass
    False so that looking never changes what will be posted. `language` words the post
    for one readership: a broadcast composes it once per language in use.
    """
    spec = post.spec
    day = occ.local.date()
    messages: list[Message] = []
    if spec.kind == "on-this-day":
        found = anniversaries(content, day, subjects=spec.subjects, tags=spec.tags)
        told = told_by_birthday(content, found)
        messages = [
            anniversary_message(a, language)
            for a in found
            if not awaiting_review(a.record, day) and a.record.global_id not in told
        ]
    elif spec.kind == "birthday" and occ.before_days:
        messages = reminder_messages(content, post, day, occ.before_days, language)
    elif spec.kind == "birthday":
        found_b = birthdays(content, day, subjects=spec.subjects)
        messages = [birthday_message(_unreviewed(b, day), language) for b in found_b]
    elif spec.kind == "digest":
        found_d = digest_message(content, post, day, language)
        messages = [found_d] if found_d is not None else []
    elif spec.kind == "milestone":
        refs = milestone_refs(content, post)
        if refs is not None:
            found_m = said_once(milestones_on(refs.start, refs.end, day))
            messages = [milestone_message(m, refs, language) for m in found_m]
    elif spec.kind == "card-rotation":
        candidates = [r for r in rotation_candidates(content, post) if not awaiting_review(r, day)]
        picked = next_card(candidates, await rotation.shown(post.id))
        if picked is not None:
            rec, new_cycle = picked
            if advance:
                await rotation.record(post.id, rec.global_id, new_cycle=new_cycle)
            messages = [card_message(rec, language)]
    if not messages:
        return None
    return Post(post.id, occ.key, tuple(messages), targets=tuple(spec.to))


def _unreviewed(b: Birthday, day: date) -> Birthday:
    """A birthday without its citation when the birth card awaits review."""
    return replace(b, card=None) if b.card is not None and awaiting_review(b.card, day) else b

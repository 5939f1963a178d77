"""Anniversaries, milestones and birthdays: which days are worth a word, as pure functions.

Nothing here reads a clock: every function takes the local day it is asked about, so the
same code serves the scheduler, `/today`, `/upcoming` and `preview --date`.

The 29 February rule (one rule everywhere): something that happened on 29 February is
remembered on 28 February in years that have no 29 February, so it is never skipped for
three years in four and never remembered twice.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.core.content import CardRecord, ContentSet, ScheduledPost
from bot.core.fact_files import Subject
from bot.core.schedule_files import MilestonePost
from bot.core.wording import birthday_line, milestone_title, years_since

MilestoneKind = Literal["days", "years", "total"]
EventKind = Literal["anniversary", "birthday", "milestone"]


@dataclass(frozen=True, slots=True)
class Anniversary:
    record: CardRecord
    years: int


@dataclass(frozen=True, slots=True)
class Birthday:
    subject: Subject
    age: int | None  # None when the birth year is not known for sure
    card: CardRecord | None = None  # the card that backs the birth date (see birth_card)


@dataclass(frozen=True, slots=True)
class Milestone:
    kind: MilestoneKind
    count: int  # days for "days" and "total", years for "years"
    day: date


def falls_on(month: int, day_of_month: int, day: date) -> bool:
    """Whether a yearly date (month, day) is remembered on `day` (the 29 February rule)."""
    if (month, day_of_month) == (day.month, day.day):
        return True
    return (
        (month, day_of_month) == (2, 29)
        and (day.month, day.day) == (2, 28)
        and not _cal.isleap(day.year)
    )


def file_key(rec: CardRecord) -> str:
    """The subject id of a card, or its file's stem: what a schedule's `subjects` names."""
    return rec.global_id.split("/", 1)[0]


def matches(rec: CardRecord, subjects: Collection[str], tags: Collection[str]) -> bool:
    """The schedule filters: an empty filter lets everything through."""
    if subjects and file_key(rec) not in subjects:
        return False
    return not tags or any(t in tags for t in rec.card.tags)


def anniversaries(
    content: ContentSet,
    day: date,
    *,
    subjects: Collection[str] = (),
    tags: Collection[str] = (),
) -> list[Anniversary]:
    """Day-precise cards whose date recurs on `day`, oldest event first.

    A card dated 29 February is remembered on 28 February in non-leap years. Cards known
    only to the month or the year never have an anniversary, and the day of the event
    itself (year 0) is not one either.
    """
    found: list[Anniversary] = []
    for rec in content.cards:
        d = rec.date
        if d is None or d.month is None or d.day is None:
            continue
        years = day.year - d.year
        if years >= 1 and falls_on(d.month, d.day, day) and matches(rec, subjects, tags):
            found.append(Anniversary(rec, years))
    found.sort(key=lambda a: -a.years)
    return found


def milestones_on(since: date, until: date | None, day: date) -> list[Milestone]:
    """Round counts since `since` that fall on `day`.

    Day counts 100, 500, 1,000 and every 1,000 after; whole years (29 February rule).
    With `until`, nothing is counted after it, and on `until` itself the whole span is
    reported as a "total" milestone (also when it is a round number: a post says it once).
    """
    if day <= since or (until is not None and day > until):
        return []
    found: list[Milestone] = []
    days = (day - since).days
    if days in (100, 500) or (days >= 1000 and days % 1000 == 0):
        found.append(Milestone("days", days, day))
    years = day.year - since.year
    if years >= 1 and falls_on(since.month, since.day, day):
        found.append(Milestone("years", years, day))
    if until is not None and day == until:
        found.append(Milestone("total", days, day))
    return found


def birth_card(content: ContentSet, subject: Subject) -> CardRecord | None:
    """The card a birthday post quotes and cites: a birthday states a fact, so it needs one.

    The subject's card dated on the birth date, else its first card tagged `biography`.
    """
    own = [c for c in content.cards if c.subject is not None and c.subject.id == subject.id]
    if subject.born is not None:
        for rec in own:
            if rec.date is not None and rec.date.is_exact and rec.date == subject.born:
                return rec
    return next((rec for rec in own if "biography" in rec.card.tags), None)


def told_by_birthday(content: ContentSet, found: Iterable[Anniversary]) -> frozenset[str]:
    """The cards among `found` that a birthday post tells instead of the on-this-day post.

    One event, one post: a card dated on its subject's birth date is the birthday itself,
    so when an enabled birthday post covers that subject, the birthday post carries the
    card (text and sources) and on-this-day posts leave it out. Without such a post the
    on-this-day post keeps it, so it is never lost.
    """
    births = [
        a.record
        for a in found
        if a.record.subject is not None and a.record.date == a.record.subject.born
    ]
    if not births:
        return frozenset()
    covered: set[str] = set()
    everyone = False
    for post in content.posts:
        spec = post.spec
        if spec.kind == "birthday" and spec.enabled:
            everyone = everyone or not spec.subjects
            covered.update(spec.subjects)
    return frozenset(
        rec.global_id
        for rec in births
        if rec.subject is not None and (everyone or rec.subject.id in covered)
    )


def birthdays(content: ContentSet, day: date, *, subjects: Collection[str] = ()) -> list[Birthday]:
    """Subjects born on this day of the year (29 February rule), by name."""
    found: list[Birthday] = []
    for subject in content.subjects.values():
        born = subject.born
        if born is None or born.month is None or born.day is None:
            continue
        if subjects and subject.id not in subjects:
            continue
        age = day.year - born.year
        if age >= 1 and falls_on(born.month, born.day, day):
            known = age if subject.born_year_known else None
            found.append(Birthday(subject, known, birth_card(content, subject)))
    found.sort(key=lambda b: b.subject.name)
    return found


@dataclass(frozen=True, slots=True)
class MilestoneRefs:
    """A milestone post's cards, resolved: the dates a count runs between."""

    post_id: str
    since: CardRecord
    until: CardRecord | None
    label: str | None
    start: date
    end: date | None


def milestone_refs(content: ContentSet, post: ScheduledPost) -> MilestoneRefs | None:
    """The since/until cards of a milestone post, or None when they have no exact date."""
    spec = post.spec
    if not isinstance(spec, MilestonePost):
        return None
    since = content.get(spec.since)
    until = content.get(spec.until) if spec.until else None
    if since is None or since.date is None or not since.date.is_exact:
        return None
    if spec.until and (until is None or until.date is None or not until.date.is_exact):
        return None
    try:
        start = since.date.as_date()
        end = until.date.as_date() if until is not None and until.date is not None else None
    except ValueError:  # a date no calendar has (year 0), should one pass validation
        return None
    return MilestoneRefs(post.id, since, until, spec.label, start, end)


def milestone_posts(content: ContentSet, posts: Iterable[ScheduledPost]) -> list[MilestoneRefs]:
    """Enabled milestone posts with usable dates, each distinct count once."""
    seen: set[tuple[str, str | None, str | None]] = set()
    found: list[MilestoneRefs] = []
    for post in posts:
        refs = milestone_refs(content, post) if post.spec.enabled else None
        if refs is None:
            continue
        key = (refs.since.global_id, refs.until.global_id if refs.until else None, refs.label)
        if key not in seen:
            seen.add(key)
            found.append(refs)
    return found


@dataclass(frozen=True, slots=True)
class UpcomingEvent:
    """One thing worth a word on `day`; exactly one of the three detail fields is set."""

    day: date
    kind: EventKind
    anniversary: Anniversary | None = None
    birthday: Birthday | None = None
    milestone: Milestone | None = None
    refs: MilestoneRefs | None = None

    @property
    def card_id(self) -> str | None:
        """The card to open with /fact, where there is one."""
        if self.anniversary is not None:
            return self.anniversary.record.global_id
        return self.refs.since.global_id if self.refs is not None else None

    def text(self, language: str | None = None) -> str:
        """One line: '5 years since: Second arrest', 'Ales Bialiatski turns 64'."""
        if self.anniversary is not None:
            title = self.anniversary.record.localized(language)[0]
            return f"{years_since(self.anniversary.years, language)}: {title}"
        if self.birthday is not None:
            return birthday_line(self.birthday, language)
        if self.milestone is not None and self.refs is not None:
            return milestone_title(self.milestone, self.refs, language)
        raise ValueError("an UpcomingEvent needs an anniversary, a birthday or a milestone")


def upcoming(
    content: ContentSet, posts: Sequence[ScheduledPost], start: date, days: int
) -> list[UpcomingEvent]:
    """Every anniversary, birthday and milestone in [start, start + days), by date.

    Cards are grouped by month and day once, so a year ahead costs one pass over the cards.
    """
    by_day: dict[tuple[int, int], list[CardRecord]] = {}
    for rec in content.cards:
        d = rec.date
        if d is not None and d.month is not None and d.day is not None:
            by_day.setdefault((d.month, d.day), []).append(rec)
    refs = milestone_posts(content, posts)
    events: list[UpcomingEvent] = []
    for offset in range(max(days, 0)):
        day = start + timedelta(days=offset)
        keys = [(day.month, day.day)]
        if (day.month, day.day) == (2, 28) and not _cal.isleap(day.year):
            keys.append((2, 29))
        recs = [r for k in keys for r in by_day.get(k, ())]
        born = birthdays(content, day)
        told = {b.card.global_id for b in born if b.card is not None}  # one event, one line
        dated = [(r, day.year - r.date.year) for r in recs if r.date is not None]
        for rec, years in sorted(dated, key=lambda pair: -pair[1]):
            if years >= 1 and rec.global_id not in told:
                events.append(UpcomingEvent(day, "anniversary", Anniversary(rec, years)))
        events.extend(UpcomingEvent(day, "birthday", birthday=b) for b in born)
        for ref in refs:
            for m in said_once(milestones_on(ref.start, ref.end, day)):
                events.append(UpcomingEvent(day, "milestone", milestone=m, refs=ref))
    return events


def said_once(found: list[Milestone]) -> list[Milestone]:
    """Drop a round day count that the total of the same day already says."""
    totals = {m.count for m in found if m.kind == "total"}
    return [m for m in found if not (m.kind == "days" and m.count in totals)]

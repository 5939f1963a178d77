"""A loaded, validated content set: every card with its global id, and every post.

This is what the rest of the bot reads. It is immutable: a reload builds a new set and
swaps it in whole, so a broken edit can never leave half a set behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.core.dates import PartialDate
from bot.core.fact_files import Card, Source, Subject, Translation
from bot.core.schedule_files import PostSpec


@dataclass(frozen=True, slots=True)
class CardRecord:
    """A card as the bot uses it: the file's card plus where it belongs."""

    global_id: str  # "<subject id or file stem>/<card id>"
    card: Card
    subject: Subject | None
    path: str  # the file it came from, for messages to admins

    @property
    def short_id(self) -> str:
        return self.card.id

    @property
    def date(self) -> PartialDate | None:
        return self.card.date

    @property
    def sources(self) -> list[Source]:
        return self.card.sources

    def localized(self, lang: str | None) -> tuple[str, str]:
        """(title, text) in `lang` where the card has that translation, else English.

        'be-BY' falls back to 'be' before English.
        """
        if lang:
            tr: Translation | None = self.card.translations.get(lang)
            if tr is None and "-" in lang:
                tr = self.card.translations.get(lang.split("-", 1)[0])
            if tr is not None:
                return (tr.title or self.card.title, tr.text or self.card.text)
        return (self.card.title, self.card.text)


@dataclass(frozen=True, slots=True)
class ScheduledPost:
    """A post from a schedule file, with its effective time zone resolved."""

    spec: PostSpec
    zone: ZoneInfo
    path: str
    # The post's `language:`, else its file's: what named targets read (subscribers get
    # their chat's language).
    language: str | None = None

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class ContentSet:
    """Every card and every post, indexed for lookups."""

    cards: tuple[CardRecord, ...] = ()
    subjects: Mapping[str, Subject] = field(default_factory=dict)
    posts: tuple[ScheduledPost, ...] = ()
    # The schedules' top-level `language:` (the first file that sets one): a chat's
    # language when neither the chat nor the person gives one the bot speaks.
    language: str | None = None
    _by_global: Mapping[str, CardRecord] = field(default_factory=dict, repr=False)
    _by_short: Mapping[str, tuple[CardRecord, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        cards: list[CardRecord],
        subjects: Mapping[str, Subject],
        posts: list[ScheduledPost],
        language: str | None = None,
    ) -> ContentSet:
        by_short: dict[str, list[CardRecord]] = {}
        for rec in cards:
            by_short.setdefault(rec.short_id, []).append(rec)
        return cls(
            cards=tuple(cards),
            subjects=dict(subjects),
            posts=tuple(posts),
            language=language,
            _by_global={c.global_id: c for c in cards},
            _by_short={k: tuple(v) for k, v in by_short.items()},
        )

    def get(self, ref: str) -> CardRecord | None:
        """A card by global id, or by short id when exactly one card has it."""
        rec = self._by_global.get(ref)
        if rec is not None:
            return rec
        matches = self._by_short.get(ref, ())
        return matches[0] if len(matches) == 1 else None

    def ambiguous(self, ref: str) -> tuple[CardRecord, ...]:
        """Cards sharing a short id, when `ref` names more than one."""
        matches = self._by_short.get(ref, ())
        return matches if len(matches) > 1 else ()

    @property
    def zone(self) -> ZoneInfo:
        """The zone in which "today" is meant for commands and --now: the schedules'."""
        return self.posts[0].zone if self.posts else ZoneInfo("UTC")

    def post(self, post_id: str) -> ScheduledPost | None:
        for p in self.posts:
            if p.id == post_id:
                return p
        return None

"""What every page of the site shares: the options, the sections and where each file lives.

Links between pages are relative, so the folder works from any path on any host and from
`file://`; absolute addresses (Open Graph, feeds, calendars) exist only with a base URL.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date

from bot.core.calendar import file_key
from bot.core.content import CardRecord, ContentSet
from bot.core.fact_files import Subject
from bot.core.wording import subject_name

STYLE = "style.css"
CARDS_JSON = "cards.json"
CARDS_SCHEMA = "cards.schema.json"


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """How to build: as of which day, for which address, how far back and ahead."""

    day: date
    base_url: str | None = None  # "https://example.org/facts/"; None: relative links only
    feed_days: int = 30  # the feed holds the posts of this many days up to `day`
    leap_years: int = 12  # 29 February events are written one per year for this many years


@dataclass(frozen=True, slots=True)
class Section:
    """A subject (or a file without one) and its cards, newest first, undated last."""

    key: str
    subject: Subject | None
    cards: tuple[CardRecord, ...]

    def name(self, language: str) -> str:
        return subject_name(self.subject, language) if self.subject is not None else self.key


def _newest_first(rec: CardRecord) -> tuple[int, tuple[int, int, int]]:
    if rec.date is None:
        return (1, (0, 0, 0))
    y, m, d = rec.date.sort_key
    return (0, (-y, -m, -d))


def sections(content: ContentSet) -> list[Section]:
    """Cards grouped by subject in content order, each group newest first."""
    groups: dict[str, list[CardRecord]] = {}
    for rec in content.cards:
        groups.setdefault(file_key(rec), []).append(rec)
    return [
        Section(key, content.subjects.get(key), tuple(sorted(recs, key=_newest_first)))
        for key, recs in groups.items()
    ]


def index_path(lang: str) -> str:
    return f"{lang}/index.html"


def subject_path(lang: str, key: str) -> str:
    return f"{lang}/subjects/{key}.html"


def card_path(lang: str, rec: CardRecord | str) -> str:
    gid = rec if isinstance(rec, str) else rec.global_id
    return f"{lang}/cards/{gid}.html"


def calendar_path(lang: str) -> str:
    return f"{lang}/calendar.html"


def ics_path(lang: str) -> str:
    return f"{lang}/calendar.ics"


def feed_path(lang: str) -> str:
    return f"{lang}/feed.atom"


def href(from_path: str, to_path: str) -> str:
    """The relative link from the file `from_path` to the file `to_path`.

    Up to the root and down again ("../../en/x.html"): the same target as the shortest
    path, without `posixpath.relpath`, which cost more than the rest of a page.
    """
    if posixpath.dirname(from_path) == posixpath.dirname(to_path):
        return posixpath.basename(to_path)
    return "../" * from_path.count("/") + to_path


def absolute(options: SiteOptions, path: str) -> str | None:
    """The public address of `path`, when the site knows its base URL."""
    if options.base_url is None:
        return None
    return options.base_url.rstrip("/") + "/" + path

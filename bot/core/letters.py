"""The letters kit: everything a supporter needs to write to a prisoner, as message parts.

`/write`, the birthday reminders and the birthday post itself show the same kit, so an
address is written one way everywhere: in a copyable block, exactly as the file gives it,
with the languages letters must be in, the notes, the page that explains how to write,
when the address was last checked and where it comes from.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, timedelta

from babel import Locale, UnknownLocaleError

from bot.core.calendar import birth_card
from bot.core.content import ContentSet
from bot.core.fact_files import Letters, Subject
from bot.core.i18n import Texts, texts
from bot.core.messages import Link
from bot.core.wording import subject_name

# Prisoners are moved: an address nobody has confirmed for this long is flagged (settable
# with `--address-max-age` on validate and preview).
DEFAULT_MAX_AGE = timedelta(days=180)
SUBJECT_SOURCES = 3  # links shown for a subject without letters


@dataclass(frozen=True, slots=True)
class Kit:
    """The parts of a message that say how to write: prose, the address block, links."""

    paragraphs: tuple[str, ...]
    address: str | None
    links: tuple[Link, ...]


def recipients(content: ContentSet) -> list[Subject]:
    """Subjects with a `letters` block, by name: the only people `/write` offers."""
    found = [s for s in content.subjects.values() if s.letters is not None]
    return sorted(found, key=lambda s: s.name)


def matching_recipients(
    content: ContentSet, text: str, language: str | None
) -> list[tuple[str, str]]:
    """(id, name in `language`) of the recipients whose id or any name contains `text`."""
    wanted = text.strip().casefold()
    found: list[tuple[str, str]] = []
    for s in recipients(content):
        names = [s.id, s.name, *(tr.name for tr in s.translations.values())]
        if any(wanted in n.casefold() for n in names):
            found.append((s.id, subject_name(s, language)))
    return found


def notes_in(letters: Letters, language: str | None) -> str | None:
    """The notes in `language` where the file translates them, else as written."""
    tr = letters.translations.get(texts(language).language)
    return tr.notes if tr is not None else letters.notes


def is_stale(letters: Letters, today: date, max_age: timedelta = DEFAULT_MAX_AGE) -> bool:
    """Whether an address was last confirmed more than `max_age` before `today`."""
    return (
        letters.address is not None
        and letters.checked is not None
        and today - letters.checked > max_age
    )


def language_names(codes: list[str], t: Texts) -> str:
    """'Belarusian, Russian' in the reader's language (Babel's names), codes kept if unknown."""
    names: dict[str, str] = {}
    with contextlib.suppress(ValueError, UnknownLocaleError):
        names.update(Locale.parse(t.language).languages)
    return ", ".join(names.get(code, code) for code in codes)


def kit(
    subject: Subject,
    language: str | None,
    today: date,
    max_age: timedelta = DEFAULT_MAX_AGE,
) -> Kit:
    """How to write to `subject`; an empty kit when the subject has no `letters` block."""
    letters = subject.letters
    if letters is None:
        return Kit((), None, ())
    t = texts(language)
    name = subject_name(subject, language)
    paragraphs: list[str] = []
    if letters.languages:
        paragraphs.append(t("write-languages", languages=language_names(letters.languages, t)))
    notes = notes_in(letters, language)
    if notes:
        paragraphs.append(notes)
    if letters.address is not None:
        if letters.checked is not None:
            days = max_age.days
            when = t.long_date(letters.checked)
            paragraphs.append(
                t("write-checked-stale", date=when, days=days)
                if is_stale(letters, today, max_age)
                else t("write-checked", date=when)
            )
        if letters.sources:
            paragraphs.append(t("write-where-from"))
        paragraphs.append(t("write-address"))
    else:
        paragraphs.append(t("write-no-address"))
    links: dict[str, Link] = {}
    if letters.url:
        links[letters.url] = Link(letters.url, t("letters-how-to-write", name=name))
    for s in letters.sources:
        links.setdefault(s.url, Link(s.url, s.title))
    return Kit(tuple(paragraphs), letters.address, tuple(links.values()))


def subject_sources(content: ContentSet, subject: Subject) -> tuple[Link, ...]:
    """Where to read about a subject who has no letters block: its cards' sources.

    The card behind the birth date first, then the subject's other cards, newest first.
    """
    own = [c for c in content.cards if c.subject is not None and c.subject.id == subject.id]
    own.sort(key=lambda c: str(c.date or ""), reverse=True)
    first = birth_card(content, subject)
    records = ([first] if first is not None else []) + own
    links: dict[str, Link] = {}
    for rec in records:
        for s in rec.sources:
            links.setdefault(s.url, Link(s.url, s.title))
    return tuple(links.values())[:SUBJECT_SOURCES]

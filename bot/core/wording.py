"""The phrases of anniversaries, milestones and birthdays, in one place per language.

Posts, `/today` and `/upcoming` say the same thing the same way because they all take
their words from here; the words themselves are in the catalogues (`bot/core/i18n.py`).
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR
from typing import TYPE_CHECKING

from bot.core.i18n import texts

if TYPE_CHECKING:
    from bot.core.calendar import Birthday, Milestone, MilestoneRefs
    from bot.core.dates import PartialDate
    from bot.core.fact_files import Subject


def subject_name(subject: Subject, language: str | None) -> str:
    """The subject's name in `language` where the file gives it, else as written."""
    t = texts(language)
    tr = subject.translations.get(t.language)
    return tr.name if tr is not None else subject.name


def card_date(when: PartialDate, language: str | None) -> str:
    """'14 July 2021', '14 ліпеня 2021 г.', 'November 2023', '2007': as precise as known."""
    t = texts(language)
    if when.month is None or not MINYEAR <= when.year <= MAXYEAR:
        return str(when)  # a year 0 that slipped past validation is shown, not a crash
    if when.day is None:
        return t.month_year(when.year, when.month)
    return t.long_date(when.as_date())


def years_since(years: int, language: str | None = None) -> str:
    return texts(language)("years-since", count=years)


def years_ago_today(years: int, language: str | None = None) -> str:
    return texts(language)("years-ago-today", count=years)


def milestone_title(m: Milestone, refs: MilestoneRefs, language: str | None = None) -> str:
    """'1,000 days in custody', '5 years since: Arrested in Minsk', '1,234 days in all'."""
    t = texts(language)
    since_title = refs.since.localized(language)[0]
    label = (refs.label or "").strip()
    amount = t("years" if m.kind == "years" else "days", count=m.count)
    if m.kind == "total":
        if label:
            return t("milestone-total-labelled", amount=amount, label=label)
        if refs.until is None:
            return t("milestone-total-today", amount=amount, since=since_title)
        until_title = refs.until.localized(language)[0]
        return t("milestone-total", amount=amount, since=since_title, until=until_title)
    if label:
        return t("milestone-labelled", amount=amount, label=label)
    return t("milestone-since", amount=amount, since=since_title)


def milestone_span(refs: MilestoneRefs, language: str | None = None) -> tuple[str, ...]:
    """The lines that say what is counted: 'Since 14 July 2021: Arrested in Minsk.'"""
    t = texts(language)
    since = refs.since.localized(language)[0]
    lines = [t("milestone-span-since", date=t.long_date(refs.start), title=since)]
    if refs.until is not None and refs.end is not None:
        until = refs.until.localized(language)[0]
        lines.append(t("milestone-span-until", date=t.long_date(refs.end), title=until))
    return tuple(lines)


def birthday_line(b: Birthday, language: str | None = None) -> str:
    """'Ales Bialiatski turns 64' or "Ales Bialiatski's birthday", for lists."""
    t = texts(language)
    name = subject_name(b.subject, language)
    if b.age is None:
        return t("birthday-line", name=name)
    return t("birthday-line-age", name=name, age=b.age)


def birthday_title(b: Birthday, language: str | None = None) -> str:
    """'Ales Bialiatski turns 64 today' or "Today is Ales Bialiatski's birthday"."""
    t = texts(language)
    name = subject_name(b.subject, language)
    if b.age is None:
        return t("birthday-title", name=name)
    return t("birthday-title-age", name=name, age=b.age)


def letter_lines(name: str, language: str | None) -> tuple[str, str]:
    """The birthday post's call to write, and its link's title."""
    t = texts(language)
    return t("birthday-letter", name=name), t("birthday-letter-link", name=name)

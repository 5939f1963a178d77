"""The English phrases of anniversaries, milestones and birthdays, in one place.

Posts, `/today` and `/upcoming` say the same thing the same way because they all take
their words from here. Card titles may be translated (for commands); these phrases are
English until the bot has per-chat languages.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.calendar import Birthday, Milestone, MilestoneRefs


def plural(count: int, word: str) -> str:
    """'1 year', '5 years', '1,000 days': thousands separated for readability."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def years_since(years: int) -> str:
    return f"{plural(years, 'year')} since"


def years_ago_today(years: int) -> str:
    return f"{plural(years, 'year')} ago today"


def short_day(day: date) -> str:
    """'14 Jul': the date column of a list."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_day(day: date) -> str:
    """'14 July 2021', without depending on the process locale."""
    return f"{day.day} {_LONG_MONTHS[day.month - 1]} {day.year}"


_LONG_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def milestone_title(m: Milestone, refs: MilestoneRefs, language: str | None = None) -> str:
    """'1,000 days in custody', '5 years since: Arrested in Minsk', '1,234 days in all'."""
    since_title = refs.since.localized(language)[0]
    label = (refs.label or "").strip()
    amount = plural(m.count, "year" if m.kind == "years" else "day")
    if m.kind == "total":
        if label:
            return f"{amount} {label} in all"
        until_title = refs.until.localized(language)[0] if refs.until else "today"
        return f"{amount} in all, from {since_title} to {until_title}"
    if label:
        return f"{amount} {label}"
    return f"{amount} since: {since_title}"


def milestone_span(refs: MilestoneRefs, language: str | None = None) -> tuple[str, ...]:
    """The lines that say what is counted: 'Since 14 July 2021: Arrested in Minsk.'"""
    lines = [f"Since {long_day(refs.start)}: {refs.since.localized(language)[0]}."]
    if refs.until is not None and refs.end is not None:
        lines.append(f"Until {long_day(refs.end)}: {refs.until.localized(language)[0]}.")
    return tuple(lines)


def birthday_line(b: Birthday) -> str:
    """'Ales Bialiatski turns 64' or "Ales Bialiatski's birthday", for lists."""
    name = b.subject.name
    return f"{name} turns {b.age}" if b.age is not None else f"{name}'s birthday"


def birthday_title(b: Birthday) -> str:
    """'Ales Bialiatski turns 64 today' or "Today is Ales Bialiatski's birthday"."""
    name = b.subject.name
    return f"{name} turns {b.age} today" if b.age is not None else f"Today is {name}'s birthday"


def and_list(names: list[str], shown: int = 5) -> str:
    """'A, B and C'; past `shown` names, 'A, B, C, D, E and 2 more'."""
    if len(names) > shown:
        return ", ".join(names[:shown]) + f" and {len(names) - shown} more"
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else ""

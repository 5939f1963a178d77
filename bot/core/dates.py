"""Dates known to a year, a month or a day.

Facts are often known only to the month or the year ("2023-11", "2007"). Only a
day-precise date has an anniversary; the others are shown but never celebrated.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD, rejecting dates that do not exist."""
        m = _PATTERN.match(text)
        if not m:
            raise ValueError(f"date {text!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(m.group(1))
        if year == 0:
            raise ValueError(f"date {text!r} has no year 0: years run from 0001 to 9999")
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"date {text!r} has no month {month}")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"date {text!r} does not exist: {calendar.month_name[month]} {year} "
                    f"has {last} days"
                )
        return cls(year, month, day)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order; a less precise date sorts before the precise ones it spans."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key

    @property
    def is_exact(self) -> bool:
        return self.day is not None

    def as_date(self) -> date:
        """The exact date; only valid when `is_exact`."""
        if self.month is None or self.day is None:
            raise ValueError(f"{self} is not a day-precise date")
        return date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

"""A problem found in a file, pointing at the place an admin must fix.

Problems have a severity: an error makes a file invalid and keeps it from being served; a
warning is shown (by `validate`, `/status` and `/reload`) but never stops the bot, so a
documented-but-doubtful file still serves while its admins are told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """`path:line:column: message` (`path:line:column: warning: message` for a warning),
    with 1-based line and column as editors count them."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def __str__(self) -> str:
        label = "warning: " if self.is_warning else ""
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_warning]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_warning]


class ContentError(Exception):
    """Raised when a content set cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

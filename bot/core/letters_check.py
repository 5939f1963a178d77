"""The one letters rule that depends on the day: an address nobody has confirmed lately.

Prisoners are moved, and a letter to an old address is lost. So an address whose
`checked` date is more than a limit (180 days by default) before the day being validated
or previewed is a warning: `path:line:column: warning: message`, shown but never fatal.
It reads the raw YAML of each fact file, so it needs no loaded content and points at the
`checked` line itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from bot.core.letters import DEFAULT_MAX_AGE
from bot.core.problems import Problem
from bot.core.yamlio import read_yaml


def stale_addresses(
    paths: Iterable[Path], day: date, max_age: timedelta = DEFAULT_MAX_AGE
) -> list[Problem]:
    """A warning for every letters address last checked more than `max_age` before `day`."""
    found: list[Problem] = []
    for path in paths:
        try:
            doc = read_yaml(str(path), path.read_bytes(), "")
        except OSError:
            continue  # the loader reports an unreadable file
        data = doc.data if doc.is_mapping else {}
        subject = data.get("subject") if isinstance(data, dict) else None
        letters = subject.get("letters") if isinstance(subject, dict) else None
        if not isinstance(letters, dict) or not letters.get("address"):
            continue
        checked = _date(letters.get("checked"))
        if checked is None or day - checked <= max_age:
            continue
        line, column = doc.position(["subject", "letters", "checked"])
        found.append(
            Problem(
                str(path),
                line,
                column,
                f"the letters address was last checked on {checked.isoformat()}, "
                f"{(day - checked).days} days before {day.isoformat()} (more than "
                f"{max_age.days}): prisoners are moved, so confirm it and update `checked`",
                severity="warning",
            )
        )
    return sorted(found)


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None  # the model reports a malformed date

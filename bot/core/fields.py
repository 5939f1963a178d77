"""Field types shared by the fact and schedule file models.

Each type validates itself and says how it looks in the JSON Schema, so `advocacy-bot
schema` prints exactly what the loader enforces.
"""

from __future__ import annotations

import re
from datetime import UTC, date, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema

from bot.core.dates import PartialDate

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$"
CARD_REF_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$"
TARGET_PATTERN = (
    r"^(?:telegram:(?:-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})"
    r"|discord:[0-9]{15,21}|console|subscribers)$"
)
DURATION_PATTERN = r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$"
HHMM_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"

CRON_PATTERN = r"^\s*[0-9A-Za-z*/,?-]+(?:\s+[0-9A-Za-z*/,?-]+){4}\s*$"


def _says(message: str) -> dict[str, Any]:
    """What editors (VS Code's YAML extension) show instead of the raw pattern."""
    return {"patternErrorMessage": message}


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=1,
        max_length=64,
        json_schema_extra=_says("lowercase letters, digits and hyphens, like arrest-2021"),
    ),
]
LangCode = Annotated[
    str, Field(pattern=LANG_PATTERN, json_schema_extra=_says("a language code, like be or ru"))
]
HttpUrl = Annotated[
    str,
    Field(
        pattern=URL_PATTERN,
        max_length=2048,
        json_schema_extra=_says("a full web address, like https://example.org/page"),
    ),
]
CardRef = Annotated[
    str,
    Field(
        pattern=CARD_REF_PATTERN,
        max_length=129,
        json_schema_extra=_says("a card id like arrest-2021, or ales-bialiatski/arrest-2021"),
    ),
]
Target = Annotated[
    str,
    Field(
        pattern=TARGET_PATTERN,
        json_schema_extra=_says(
            "telegram:<chat id or @channel>, discord:<channel id>, console or subscribers"
        ),
    ),
]
NonEmptyText = Annotated[
    str, Field(min_length=1, pattern=r"\S", json_schema_extra=_says("must not be blank"))
]


def _partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
    return PartialDate.parse(str(value))


DateField = Annotated[
    PartialDate,
    BeforeValidator(_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {
                    "type": "string",
                    "pattern": r"^(?!0000)\d{4}(-(0[1-9]|1[0-2]))?$",
                    "patternErrorMessage": "YYYY-MM-DD, YYYY-MM or YYYY",
                },
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "YYYY-MM-DD (gives a yearly anniversary), or YYYY-MM / YYYY "
            "for facts known only that precisely",
        }
    ),
]


# A birth date: read like any date (so a partial one gets the model's clear message), shown
# to editors as the full date it must be.
BornDate = Annotated[
    PartialDate,
    BeforeValidator(_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _exact_date(value: Any) -> date:
    parsed = _partial_date(value)
    if not parsed.is_exact:
        raise ValueError("must be a full date YYYY-MM-DD")
    return date(parsed.year, parsed.month or 1, parsed.day or 1)


ExactDate = Annotated[
    date,
    BeforeValidator(_exact_date),
    PlainSerializer(date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "description": "YYYY-MM-DD"}),
]

_DURATION = re.compile(DURATION_PATTERN)


def parse_duration(text: str) -> timedelta:
    """'6h', '90m', '1d12h', '0m' -> timedelta."""
    m = _DURATION.match(text)
    if not m or not text:
        raise ValueError(f"duration {text!r} must look like 30m, 6h, 1d or 1h30m")
    d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    try:
        return timedelta(days=d, hours=h, minutes=mi, seconds=s)
    except OverflowError:  # 99999999999d: more days than a timedelta holds
        raise ValueError(f"duration {text!r} is far too long: use at most 7d") from None


def _check_duration(text: str) -> str:
    if parse_duration(text) > timedelta(days=7):
        raise ValueError("catch_up longer than 7d would post news that are days late")
    return text


Duration = Annotated[
    str,
    Field(
        pattern=DURATION_PATTERN,
        min_length=2,
        max_length=24,
        json_schema_extra=_says("like 30m, 6h, 1d or 1h30m"),
    ),
    AfterValidator(_check_duration),
]


def _check_zone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/Minsk or UTC"
        ) from None
    return name


def _zone_names(schema: dict[str, Any]) -> None:
    """The zones as an enum, read when a schema is printed (editors then complete them)."""
    from zoneinfo import available_timezones

    schema.pop("pattern", None)
    schema["enum"] = sorted(available_timezones())


TimeZoneName = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*$",
        json_schema_extra=_zone_names,
    ),
    AfterValidator(_check_zone),
]


def _check_cron(expr: str) -> str:
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(
            f"cron {expr!r} must have 5 fields (minute hour day month weekday), not {len(fields)}"
        )
    from datetime import datetime

    from bot.core.cron_words import crontab_triggers

    try:
        # Read as crontab(5) reads it (0 and 7 are Sunday), exactly as the scheduler will.
        triggers = crontab_triggers(expr, datetime(2040, 1, 1))  # noqa: DTZ001 - wall clock
    except ValueError as exc:
        raise ValueError(f"invalid cron {expr!r}: {exc}") from None
    start = datetime(2026, 1, 1, tzinfo=UTC)
    if all(t.get_next_fire_time(None, start) is None for t in triggers):
        raise ValueError(f"cron {expr!r} never fires (is the date impossible, like 30 Feb?)")
    return expr


Cron = Annotated[
    str,
    AfterValidator(_check_cron),
    Field(
        json_schema_extra={
            "pattern": CRON_PATTERN,
            **_says("5 fields: minute hour day month weekday, like 0 18 * * thu"),
        }
    ),
]
HHMM = Annotated[
    str,
    Field(pattern=HHMM_PATTERN, json_schema_extra=_says('a 24-hour time in quotes, like "09:00"')),
]

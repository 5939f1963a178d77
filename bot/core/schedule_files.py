"""The shape of `schedules/*.yaml`: field names are a fixed interface (docs/architecture.md §2).

Every field has a description and an example: `advocacy-bot schema` prints them for the
editors admins type in.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from bot.core.fields import (
    HHMM,
    CardRef,
    Cron,
    Duration,
    LangCode,
    Slug,
    Target,
    TimeZoneName,
)

DEFAULT_CATCH_UP = "6h"
_ONLY_SUBJECTS: list[str] = Field(
    default_factory=list,
    description="only cards of these subjects (subject ids, or file names without subject)",
    examples=[["ales-bialiatski"]],
)
_ONLY_TAGS: list[str] = Field(
    default_factory=list,
    description="only cards with one of these tags",
    examples=[["arrest", "nobel"]],
)
DIGEST_DAYS = 7
MAX_BEFORE_DAYS = 366


def before_days(text: str) -> int:
    """'21d' -> 21: a reminder's lead time, in whole days, at most a year."""
    digits = text[:-1] if text.endswith("d") else ""
    if not digits.isdecimal() or len(digits) > 3:
        raise ValueError(f"{text!r} is not a number of days such as 21d or 7d")
    days = int(digits)
    if not 1 <= days <= MAX_BEFORE_DAYS:
        raise ValueError(f"{text!r}: a reminder comes 1d to {MAX_BEFORE_DAYS}d before the day")
    return days


def _check_before(text: str) -> str:
    before_days(text)
    return text


BeforeDays = Annotated[
    str,
    AfterValidator(_check_before),
    WithJsonSchema({"type": "string", "pattern": r"^[1-9][0-9]{0,2}d$"}),
]


class _PostBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug = Field(
        description="unique across the schedule files; the ledger keys deliveries by it",
        examples=["on-this-day"],
    )
    at: HHMM | None = Field(
        None,
        description='local time "HH:MM" in the time zone, every day (or give `cron`)',
        examples=["09:00"],
    )
    cron: Cron | None = Field(
        None,
        description="5-field cron: minute hour day month weekday (or give `at`)",
        examples=["0 18 * * thu"],
        json_schema_extra={
            "markdownDescription": "When to post, as **5 fields**: minute hour day month "
            "weekday, e.g. `0 18 * * thu` (Thursdays at 18:00). Give `at` *or* `cron`."
        },
    )
    timezone: TimeZoneName | None = Field(
        None, description="overrides the file's timezone", examples=["UTC"]
    )
    catch_up: Duration = Field(
        DEFAULT_CATCH_UP,
        description="after downtime, send a missed post at most this late (at most 7d)",
        examples=["30m", "6h", "1d"],
    )
    to: list[Target] = Field(
        min_length=1,
        description="telegram:<chat id or @channel>, discord:<channel id>, console, subscribers",
        examples=[["telegram:@example_channel", "subscribers"]],
        json_schema_extra={"uniqueItems": True},
    )
    enabled: bool = Field(True, description="false pauses the post", examples=[False])
    language: LangCode | None = Field(
        None,
        description="language of this post for named targets (subscribers get their own)",
        examples=["be"],
    )

    @model_validator(mode="after")
    def _one_time_rule(self) -> _PostBase:
        if (self.at is None) == (self.cron is None):
            raise ValueError("give exactly one of `at` or `cron`")
        if len(set(self.to)) != len(self.to):
            raise ValueError("a target is listed twice in `to`")
        return self


class OnThisDayPost(_PostBase):
    """Anniversaries of day-precise cards that fall on today's date."""

    kind: Literal["on-this-day"] = Field(description="what the post says", examples=["on-this-day"])
    subjects: list[Slug] = _ONLY_SUBJECTS
    tags: list[Slug] = _ONLY_TAGS


class CardRotationPost(_PostBase):
    """One card each time, cycling through every matching card before any repeats."""

    kind: Literal["card-rotation"] = Field(
        description="what the post says", examples=["card-rotation"]
    )
    cards: list[CardRef] = Field(
        default_factory=list,
        description="only these cards, in this order",
        examples=[["arrest-2021", "viasna/founded"]],
    )
    subjects: list[Slug] = _ONLY_SUBJECTS
    tags: list[Slug] = _ONLY_TAGS


class MilestonePost(_PostBase):
    """Round day counts (100, 500, 1,000, every 1,000 after) and whole years since a card."""

    kind: Literal["milestone"] = Field(description="what the post says", examples=["milestone"])
    since: CardRef = Field(
        description="the card whose date starts the count",
        examples=["ales-bialiatski/arrest-2021"],
    )
    until: CardRef | None = Field(
        None,
        description="the card whose date ends the count (after since); without it, to today",
        examples=["ales-bialiatski/release-2025"],
    )
    label: str | None = Field(
        None,
        max_length=200,
        description='what is counted, e.g. "in custody" (1,000 days in custody)',
        examples=["in custody"],
    )


class BirthdayPost(_PostBase):
    """Birthdays from `subject.born`, with how to write a letter where `letters` is set."""

    kind: Literal["birthday"] = Field(description="what the post says", examples=["birthday"])
    subjects: list[Slug] = _ONLY_SUBJECTS
    before: list[BeforeDays] = Field(
        default_factory=list,
        description="letter-writing reminders this many days before each birthday, "
        "e.g. [21d, 7d]: international mail takes two to three weeks",
        examples=[["21d", "7d"]],
    )

    @model_validator(mode="after")
    def _distinct(self) -> BirthdayPost:
        days = [before_days(b) for b in self.before]
        if len(set(days)) != len(days):
            raise ValueError("`before` names the same day twice")
        return self


class DigestPost(_PostBase):
    """What is coming in the next `days` days, the same calendar as /upcoming."""

    kind: Literal["digest"] = Field(description="what the post says", examples=["digest"])
    days: int = Field(
        DIGEST_DAYS,
        description="how many days ahead, 1 to 366 (default 7)",
        json_schema_extra={"minimum": 1, "maximum": 366},
        examples=[7],
    )

    @field_validator("days")
    @classmethod
    def _days(cls, days: int) -> int:
        if not 1 <= days <= 366:
            raise ValueError(f"days must be from 1 to 366 (a day to a year ahead), not {days}")
        return days


PostSpec = Annotated[
    OnThisDayPost | CardRotationPost | MilestonePost | BirthdayPost | DigestPost,
    Field(discriminator="kind"),
]

POST_KINDS = ("on-this-day", "card-rotation", "milestone", "birthday", "digest")


class ScheduleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: TimeZoneName = Field(
        description="IANA name, the default for the posts below", examples=["Europe/Minsk"]
    )
    language: LangCode | None = Field(
        None,
        description="default language of the posts below for named targets (be, ru, en)",
        examples=["be"],
    )
    posts: list[PostSpec] = Field(
        description="what the bot posts by itself",
        examples=[[{"id": "on-this-day", "kind": "on-this-day", "at": "09:00", "to": ["console"]}]],
    )

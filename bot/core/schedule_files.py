"""The shape of `schedules/*.yaml`: field names are a fixed interface (docs/architecture.md §2)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class _PostBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    at: HHMM | None = Field(None, description='local time "HH:MM" in the time zone')
    cron: Cron | None = Field(None, description='5-field cron, e.g. "0 18 * * thu"')
    timezone: TimeZoneName | None = Field(None, description="overrides the file's timezone")
    catch_up: Duration = Field(
        DEFAULT_CATCH_UP,
        description="after downtime, send a missed post at most this late (30m, 6h, 1d)",
    )
    to: list[Target] = Field(
        min_length=1,
        description="telegram:<chat id or @channel>, discord:<channel id>, console, subscribers",
    )
    enabled: bool = True
    language: LangCode | None = Field(
        None, description="language of this post for named targets (subscribers get their own)"
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

    kind: Literal["on-this-day"]
    subjects: list[Slug] = Field(default_factory=list, description="only these subjects")
    tags: list[Slug] = Field(default_factory=list, description="only cards with one of these")


class CardRotationPost(_PostBase):
    """One card each time, cycling through every matching card before any repeats."""

    kind: Literal["card-rotation"]
    cards: list[CardRef] = Field(default_factory=list, description="only these cards")
    subjects: list[Slug] = Field(default_factory=list, description="only these subjects")
    tags: list[Slug] = Field(default_factory=list, description="only cards with one of these")


class MilestonePost(_PostBase):
    """Round day counts (100, 500, 1,000, every 1,000 after) and whole years since a card."""

    kind: Literal["milestone"]
    since: CardRef = Field(description="the card whose date starts the count")
    until: CardRef | None = Field(
        None, description="the card whose date ends the count; without it, count to today"
    )
    label: str | None = Field(
        None,
        max_length=200,
        description='what is counted, e.g. "in custody" (1,000 days in custody)',
    )


class BirthdayPost(_PostBase):
    """Birthdays from `subject.born`, with how to write a letter where `letters` is set."""

    kind: Literal["birthday"]
    subjects: list[Slug] = Field(default_factory=list, description="only these subjects")


PostSpec = Annotated[
    OnThisDayPost | CardRotationPost | MilestonePost | BirthdayPost,
    Field(discriminator="kind"),
]

POST_KINDS = ("on-this-day", "card-rotation", "milestone", "birthday")


class ScheduleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: TimeZoneName = Field(description="IANA name, the default for the posts below")
    language: LangCode | None = Field(
        None, description="default language of the posts below for named targets (be, ru, en)"
    )
    posts: list[PostSpec]

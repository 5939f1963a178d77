"""The shape of `facts/*.yaml`: field names are a fixed interface (docs/architecture.md §2).

Every field has a description and an example: `advocacy-bot schema` prints them for the
editors admins type in.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.core.fields import (
    LANG_PATTERN,
    BornDate,
    DateField,
    ExactDate,
    HttpUrl,
    LangCode,
    NonEmptyText,
    Slug,
)

_LANGUAGE_KEYS: dict[str, Any] = {
    "propertyNames": {"pattern": LANG_PATTERN, "patternErrorMessage": "a language code, like be"}
}

NOTES_MAX = 1500  # letters notes: a chat message, not an essay


class _Strict(BaseModel):
    # Unknown keys are errors: a mistyped `titel` must not silently drop a title.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """A page that backs the card."""

    url: HttpUrl = Field(
        description="http(s) address of the page that backs the fact",
        examples=["https://www.nobelprize.org/prizes/peace/2022/bialiatski/facts/"],
    )
    title: str = Field(
        "",
        max_length=500,
        description="publisher and headline, as a reader would cite them",
        examples=['NobelPrize.org, "Ales Bialiatski – Facts"'],
    )


class Translation(_Strict):
    """The card's title and text in another language; what is left out stays English."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    title: NonEmptyText | None = Field(
        None, max_length=200, description="the title in that language", examples=["Арышт"]
    )
    text: NonEmptyText | None = Field(
        None, max_length=20000, description="the text in that language", examples=["Тэкст."]
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Translation:
        if self.title is None and self.text is None:
            raise ValueError("a translation needs a title, a text or both")
        return self


class LettersTranslation(_Strict):
    notes: NonEmptyText = Field(
        max_length=NOTES_MAX,
        description="the notes in that language",
        examples=["Пішыце коратка, па-беларуску або па-руску, без палітыкі."],
    )


class Letters(_Strict):
    """How to write to a prisoner: what `/write` and birthday reminders show."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    address: NonEmptyText | None = Field(
        None,
        max_length=500,
        description="exactly as it must be written on the envelope",
        examples=["(the address exactly as the prison writes it, often in Cyrillic)"],
    )
    languages: list[LangCode] = Field(
        default_factory=list,
        description="the languages letters must be written in, e.g. [be, ru]",
        examples=[["be", "ru"]],
    )
    notes: NonEmptyText | None = Field(
        None,
        max_length=NOTES_MAX,
        description="plain text: what to write about, what to avoid, how long",
        examples=["Write briefly, in Belarusian or Russian, and leave politics out."],
    )
    url: HttpUrl | None = Field(
        None,
        description="a page that explains how to write",
        examples=["https://example.org/how-to-write"],
    )
    sources: list[Source] = Field(
        default_factory=list,
        description="where the address comes from (required with address)",
        examples=[[{"url": "https://example.org/addresses", "title": "Publisher, page title"}]],
    )
    checked: ExactDate | None = Field(
        None,
        description="when someone last confirmed the address (YYYY-MM-DD)",
        examples=["2026-11-20"],
    )
    translations: dict[LangCode, LettersTranslation] = Field(
        default_factory=dict,
        description="the notes per language code, e.g. be: {notes: ...}",
        examples=[{"be": {"notes": "Пішыце коратка."}}],
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Letters:
        if self.address is None and self.url is None:
            raise ValueError("letters needs an address, a url or both")
        if self.address is not None and not self.sources:
            raise ValueError(
                "letters: an address needs at least one source in `sources` (where it comes from)"
            )
        return self


class SubjectTranslation(_Strict):
    """The subject's name in another language."""

    name: NonEmptyText = Field(
        max_length=200,
        description="the subject's name in that language",
        examples=["Алесь Бяляцкі"],
    )


class Subject(_Strict):
    """The person or organisation the file's cards are about."""

    id: Slug = Field(
        description="the subject's id: the first part of its cards' global ids",
        examples=["ales-bialiatski"],
    )
    name: NonEmptyText = Field(
        max_length=200, description="the name as posts show it", examples=["Ales Bialiatski"]
    )
    born: BornDate | None = Field(
        None,
        description="enables birthday reminders (YYYY-MM-DD); a card dated on it, or "
        "tagged biography, should back it",
        examples=["1962-09-25"],
    )
    born_year_known: bool = Field(
        True,
        description="false when the birth year is only worked out from other facts: "
        "birthday posts then do not state an age",
        examples=[False],
    )
    letters: Letters | None = Field(
        None,
        description="where to send a letter or a postcard",
        examples=[{"url": "https://example.org/how-to-write"}],
    )
    translations: dict[LangCode, SubjectTranslation] = Field(
        default_factory=dict,
        description="the name per language code",
        examples=[{"be": {"name": "Алесь Бяляцкі"}}],
        json_schema_extra=_LANGUAGE_KEYS,
    )

    @model_validator(mode="after")
    def _born_exact(self) -> Subject:
        if self.born is not None and not self.born.is_exact:
            raise ValueError("born must be a full date YYYY-MM-DD to give a birthday")
        return self


class Card(_Strict):
    """One sourced fact."""

    id: Slug = Field(description="unique in this file", examples=["arrest-2021"])
    date: DateField | None = Field(
        None,
        description="when it happened; a full date gives a yearly anniversary",
        examples=["2021-07-14", "2023-11", "2007"],
    )
    title: NonEmptyText = Field(
        max_length=200, description="one line, as a headline", examples=["Arrested in Minsk"]
    )
    text: NonEmptyText = Field(
        max_length=20000,
        description="what happened, in plain sentences; a blank line starts a paragraph",
        examples=["Detained with colleagues from Viasna."],
    )
    sources: list[Source] = Field(
        min_length=1,
        description="at least one source per card",
        examples=[[{"url": "https://example.org/article", "title": 'Publisher, "Headline"'}]],
    )
    tags: list[Slug] = Field(
        default_factory=list,
        description="words schedules filter on; `biography` backs a birth date",
        examples=[["arrest", "viasna"]],
    )
    translations: dict[LangCode, Translation] = Field(
        default_factory=dict,
        description="title and text per language code",
        examples=[{"be": {"title": "Арышт", "text": "Тэкст."}}],
        json_schema_extra=_LANGUAGE_KEYS,
    )
    confidence: str | None = Field(
        None,
        pattern=r"^(high|medium)$",
        description="how well the sources agree",
        examples=["high"],
        json_schema_extra={"patternErrorMessage": "high or medium"},
    )
    review_by: ExactDate | None = Field(
        None,
        description="a statement that can go stale: from this day the bot stops posting "
        "the card on its own and asks admins to check it (YYYY-MM-DD)",
        examples=["2026-03-01"],
        json_schema_extra={
            "markdownDescription": "A statement that can go stale (*still in custody*): "
            "from this day the bot **stops posting the card on its own**, commands show it "
            "with a note, and `validate` warns. Check the card, then move the date."
        },
    )


class FactFile(_Strict):
    subject: Subject | None = Field(
        None,
        description="who the cards are about; without it the file name gives the global ids",
        examples=[{"id": "ales-bialiatski", "name": "Ales Bialiatski"}],
    )
    cards: list[Card] = Field(
        description="the sourced facts",
        examples=[
            [
                {
                    "id": "arrest-2021",
                    "title": "Arrested",
                    "text": "Text.",
                    "sources": [{"url": "https://example.org/a"}],
                }
            ]
        ],
    )

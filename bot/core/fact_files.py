"""The shape of `facts/*.yaml`: field names are a fixed interface (see DESIGN.md)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.core.fields import DateField, ExactDate, HttpUrl, LangCode, NonEmptyText, Slug

NOTES_MAX = 1500  # letters notes: a chat message, not an essay


class _Strict(BaseModel):
    # Unknown keys are errors: a mistyped `titel` must not silently drop a title.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    url: HttpUrl = Field(description="http(s) address of the page that backs the fact")
    title: str = Field("", description='Publisher and headline, e.g. Reuters, "Headline"')


class Translation(_Strict):
    title: NonEmptyText | None = None
    text: NonEmptyText | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Translation:
        if self.title is None and self.text is None:
            raise ValueError("a translation needs a title, a text or both")
        return self


class LettersTranslation(_Strict):
    notes: NonEmptyText = Field(max_length=NOTES_MAX, description="the notes in that language")


class Letters(_Strict):
    """How to write to a prisoner: what `/write` and birthday reminders show (DESIGN.md)."""

    address: NonEmptyText | None = Field(
        None, max_length=500, description="exactly as it must be written on the envelope"
    )
    languages: list[LangCode] = Field(
        default_factory=list, description="the languages letters must be written in, e.g. [be, ru]"
    )
    notes: NonEmptyText | None = Field(
        None,
        max_length=NOTES_MAX,
        description="plain text: what to write about, what to avoid, how long",
    )
    url: HttpUrl | None = Field(None, description="a page that explains how to write")
    sources: list[Source] = Field(
        default_factory=list, description="where the address comes from (required with address)"
    )
    checked: ExactDate | None = Field(
        None, description="when someone last confirmed the address (YYYY-MM-DD)"
    )
    translations: dict[LangCode, LettersTranslation] = Field(
        default_factory=dict, description="the notes per language code, e.g. be: {notes: ...}"
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
    name: NonEmptyText = Field(description="the subject's name in that language")


class Subject(_Strict):
    id: Slug
    name: NonEmptyText
    born: DateField | None = Field(None, description="enables birthday reminders (YYYY-MM-DD)")
    born_year_known: bool = Field(
        True,
        description="false when the birth year is only worked out from other facts: "
        "birthday posts then do not state an age",
    )
    letters: Letters | None = None
    translations: dict[LangCode, SubjectTranslation] = Field(
        default_factory=dict, description="the name per language code, e.g. be: {name: ...}"
    )

    @model_validator(mode="after")
    def _born_exact(self) -> Subject:
        if self.born is not None and not self.born.is_exact:
            raise ValueError("born must be a full date YYYY-MM-DD to give a birthday")
        return self


class Card(_Strict):
    id: Slug
    date: DateField | None = None
    title: NonEmptyText = Field(max_length=200)
    text: NonEmptyText = Field(max_length=20000)
    sources: list[Source] = Field(min_length=1, description="at least one source per card")
    tags: list[Slug] = Field(default_factory=list)
    translations: dict[LangCode, Translation] = Field(default_factory=dict)
    confidence: str | None = Field(
        None, pattern=r"^(high|medium)$", description="how well the sources agree"
    )
    review_by: ExactDate | None = Field(
        None,
        description="a statement that can go stale: from this day the bot stops posting "
        "the card on its own and asks admins to check it (YYYY-MM-DD)",
    )


class FactFile(_Strict):
    subject: Subject | None = None
    cards: list[Card]

"""A small content set built straight from the models: no YAML loader, no bundled facts/.

Dates chosen for the edge cases: a 29 February card and birthday, month- and year-precise
cards, a short id shared by two subjects, a file without a subject, translations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pydantic import TypeAdapter

from bot.core.content import CardRecord, ContentSet, ScheduledPost
from bot.core.dates import PartialDate
from bot.core.fact_files import Card, Letters, Source, Subject, Translation
from bot.core.schedule_files import PostSpec

MINSK = ZoneInfo("Europe/Minsk")
_POST = TypeAdapter(PostSpec)

ALES = Subject(
    id="ales-bialiatski",
    name="Ales Bialiatski",
    born=PartialDate(1962, 9, 25),
    letters=Letters(
        address="Penal colony No. 9, Horki, Belarus",
        url="https://example.org/write",
        sources=[Source(url="https://example.org/addresses", title="Example addresses")],
    ),
)
JANA = Subject(
    id="jana-example", name="Jana Example", born=PartialDate(1990, 2, 29), born_year_known=False
)


def card(
    card_id: str,
    date: str | None,
    title: str,
    text: str = "Plain text.",
    *,
    tags: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
    translations: dict[str, dict[str, str]] | None = None,
) -> Card:
    urls = sources or (f"https://news.example.org/{card_id}",)
    return Card(
        id=card_id,
        date=PartialDate.parse(date) if date else None,
        title=title,
        text=text,
        sources=[Source(url=u, title=f"Source for {card_id}") for u in urls],
        tags=list(tags),
        translations={k: Translation(**v) for k, v in (translations or {}).items()},
    )


def record(prefix: str, c: Card, subject: Subject | None = None) -> CardRecord:
    return CardRecord(f"{prefix}/{c.id}", c, subject, f"facts/{prefix}.yaml")


def make_post(zone: ZoneInfo = MINSK, **fields: Any) -> ScheduledPost:
    fields.setdefault("to", ["console"])
    return ScheduledPost(_POST.validate_python(fields), zone, "schedules/test.yaml")


def default_cards() -> list[CardRecord]:
    ales = [
        card(
            "arrest-2021",
            "2021-07-14",
            "Arrested in Minsk",
            "Detained with colleagues from Viasna.\n\nHeld in pre-trial detention.",
            tags=("arrest", "viasna"),
            sources=("https://www.news.example.org/arrest", "https://spring96.example.org/a"),
            translations={"be": {"title": "Арышт у Мінску", "text": "Затрыманы ў Мінску."}},
        ),
        card(
            "nobel-prize",
            "2022-10-07",
            "Awarded the Nobel Peace Prize",
            "The Norwegian Nobel Committee named him a laureate.",
            tags=("nobel",),
            translations={"be": {"title": "Нобелеўская прэмія міру"}},
        ),
        card(
            "nobel-ceremony",
            "2022-12-10",
            "Nobel ceremony in absentia",
            "His wife accepted the prize in Oslo.",
            tags=("nobel",),
        ),
        card(
            "sentence", "2023-03-03", "Sentenced to ten years", "A court in Minsk.", tags=("trial",)
        ),
        card("first-arrest", "2011-08-04", "First arrest", "Arrested for tax evasion."),
    ]
    jana = [
        card("arrest-2021", "2021-09-07", "Detained after a protest", "Białacki was cited."),
        card("leap-protest", "2020-02-29", "Leap-day protest", "A protest on 29 February."),
    ]
    viasna = [
        card("founded", "1996-04", "Viasna founded", "Month-precise.", tags=("viasna",)),
        card("office-search", "2021", "Office searched", "Year-precise.", tags=("viasna",)),
        card("mission", None, "What Viasna does", "Undated."),
    ]
    return [
        *(record("ales-bialiatski", c, ALES) for c in ales),
        *(record("jana-example", c, JANA) for c in jana),
        *(record("viasna", c) for c in viasna),
    ]


def default_posts() -> list[ScheduledPost]:
    return [
        make_post(id="on-this-day", kind="on-this-day", at="09:00"),
        make_post(
            id="weekly-fact",
            kind="card-rotation",
            cron="0 18 * * thu",
            subjects=["ales-bialiatski"],
            to=["subscribers"],
        ),
        make_post(
            id="custody",
            kind="milestone",
            at="10:00",
            since="ales-bialiatski/arrest-2021",
            label="in custody",
        ),
        make_post(
            id="to-sentence",
            kind="milestone",
            at="10:00",
            since="ales-bialiatski/arrest-2021",
            until="ales-bialiatski/sentence",
        ),
        make_post(id="birthdays", kind="birthday", at="08:00"),
    ]


@pytest.fixture
def content() -> ContentSet:
    return ContentSet.build(default_cards(), {s.id: s for s in (ALES, JANA)}, default_posts())


@pytest.fixture
def build_content() -> Callable[..., ContentSet]:
    """Build another content set: (cards, posts) with the default subjects."""

    def build(cards: list[CardRecord], posts: list[ScheduledPost] | None = None) -> ContentSet:
        return ContentSet.build(cards, {s.id: s for s in (ALES, JANA)}, posts or [])

    return build

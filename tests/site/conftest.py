"""A small content set for the site tests: a subject with a birthday and translations, a
29 February card, a milestone, and a card written to break every output format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.site import Site, SiteOptions, build_site

BASE_URL = "https://example.org/facts/"
DAY = date(2026, 7, 14)  # the fifth anniversary of arrest-2021

SUBJECT = """\
subject:
  id: ales-bialiatski
  name: Ales Bialiatski
  born: 1962-09-25
  translations: {be: {name: Алесь Бяляцкі}, ru: {name: Алесь Беляцкий}}
cards:
  - id: born
    date: 1962-09-25
    title: Born in Karelia
    text: Born on 25 September 1962.
    sources:
      - url: https://example.org/born
    tags: [biography]
  - id: arrest-2021
    date: 2021-07-14
    title: Arrested in Minsk
    text: Detained with colleagues from Viasna.
    sources:
      - url: https://example.org/arrest
        title: Example News, "Arrest"
    translations:
      be: {title: Арыштаваны ў Мінску, text: Затрыманы разам з калегамі з «Вясны».}
      ru: {title: Арестован в Минске, text: Задержан вместе с коллегами из «Весны».}
  - id: leap-protest
    date: 2020-02-29
    title: Leap-day protest
    text: A protest on 29 February.
    sources:
      - url: https://example.org/leap
  - id: undated-note
    title: A card without a date
    text: Known only as a fact, not as a day.
    sources:
      - url: https://example.org/note
"""

# Every trick a card's author (or a compromised source file) could try on a page, a
# calendar or a feed reader.
HOSTILE_TITLE = "</title></script><script>document.title='pwned'</script>\u202eevil"
HOSTILE_TEXT = (
    "<img src=x onerror=\"document.title='pwned'\"> javascript:alert(1) "
    '<a href="javascript:alert(1)">click</a> </script> \u202egnp.exe; a, b\\c'
)
HOSTILE = f"""\
cards:
  - id: hostile
    date: 2020-03-10
    title: {json.dumps(HOSTILE_TITLE)}
    text: {json.dumps(HOSTILE_TEXT)}
    sources:
      - url: https://example.org/hostile?a=1&b=<x>
        title: "<b>bold</b> source"
"""

SCHEDULE = """\
timezone: Europe/Minsk
posts:
  - id: on-this-day
    kind: on-this-day
    at: "09:00"
    to: [subscribers]
  - id: birthdays
    kind: birthday
    at: "10:00"
    to: [subscribers]
  - id: since-arrest
    kind: milestone
    since: ales-bialiatski/arrest-2021
    label: since the arrest
    at: "09:00"
    to: [subscribers]
  - id: weekly-card
    kind: card-rotation
    cron: "0 18 * * thu"
    to: [subscribers]
"""


def write_files(root: Path) -> tuple[Path, Path]:
    facts, schedules = root / "facts", root / "schedules"
    facts.mkdir()
    schedules.mkdir()
    (facts / "ales-bialiatski.yaml").write_text(SUBJECT, encoding="utf-8")
    (facts / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    (schedules / "default.yaml").write_text(SCHEDULE, encoding="utf-8")
    return facts, schedules


@pytest.fixture(scope="session")
def content(tmp_path_factory: pytest.TempPathFactory) -> ContentSet:
    holder = ContentHolder(*write_files(tmp_path_factory.mktemp("content")))
    problems = holder.load()
    assert not problems, problems
    return holder.current


@pytest.fixture(scope="session")
def site(content: ContentSet) -> Site:
    return build_site(content, SiteOptions(DAY, BASE_URL, feed_days=7))

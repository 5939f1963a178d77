"""Fact and schedule files for the letters tests: one subject with a letters kit (its
address untrusted-looking on purpose), one born on 29 February without one."""

from __future__ import annotations

from pathlib import Path

from bot.core.loading import ContentHolder

# Markup, a mention and a backtick fence: each must come out literally on every platform.
ADDRESS = "ИК № 9 <b>\nул. Добролюбова, 16 @everyone ```\n213410, г. Горки"

ALES = """\
subject:
  id: ales-bialiatski
  name: Ales Bialiatski
  translations: {be: {name: Алесь Бяляцкі}, ru: {name: Алесь Беляцкий}}
  born: 1962-09-25
  letters:
    address: |-
      ИК № 9 <b>
      ул. Добролюбова, 16 @everyone ```
      213410, г. Горки
    languages: [be, ru]
    notes: Short and kind; no politics.
    url: https://example.org/write
    sources: [{url: "https://example.org/addresses", title: "Example: Addresses"}]
    checked: 2026-06-01
    translations: {be: {notes: Коратка і цёпла.}}
cards:
  - id: born
    date: 1962-09-25
    title: Born in Karelia
    text: Plain text.
    sources: [{url: "https://example.org/born", title: "Example: Born"}]
    tags: [biography]
"""

LEAP = """\
subject:
  id: leap-example
  name: Leap Example
  born: 1992-02-29
cards:
  - id: profile
    title: A profile
    text: Plain text.
    sources: [{url: "https://example.org/leap", title: "Example: Profile"}]
    tags: [biography]
"""

OTHER = """\
subject:
  id: jana-example
  name: Jana Example
  letters:
    url: https://example.org/jana
cards:
  - id: profile
    title: Jana's profile
    text: Plain text.
    sources: [{url: "https://example.org/jana-profile"}]
"""


def schedule(zone: str = "Europe/Minsk", at: str = "10:00", to: str = "[console]") -> str:
    return f"""\
timezone: {zone}
posts:
  - id: birthdays
    kind: birthday
    at: "{at}"
    before: [21d, 7d]
    to: {to}
  - id: digest
    kind: digest
    cron: "0 9 * * mon"
    to: {to}
"""


def write_files(root: Path, *, schedule_text: str | None = None, other: bool = True) -> Path:
    """facts/ and schedules/ under `root`; returns `root`."""
    facts, schedules = root / "facts", root / "schedules"
    facts.mkdir(parents=True, exist_ok=True)
    schedules.mkdir(parents=True, exist_ok=True)
    (facts / "ales-bialiatski.yaml").write_text(ALES, "utf-8")
    (facts / "leap-example.yaml").write_text(LEAP, "utf-8")
    if other:
        (facts / "jana-example.yaml").write_text(OTHER, "utf-8")
    (schedules / "default.yaml").write_text(schedule_text or schedule(), "utf-8")
    return root


def holder(root: Path, **kwargs: object) -> ContentHolder:
    write_files(root, **kwargs)  # type: ignore[arg-type]
    loaded = ContentHolder(root / "facts", root / "schedules")
    problems = loaded.load()
    assert problems == [], problems
    return loaded

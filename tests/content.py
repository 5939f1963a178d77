"""Sample content for tests: up to three sourced cards about one subject, a schedule with
one on-this-day post, the facts/ and schedules/ folders written from them, and an App over
the three cards.

Each fact text extends the one before, so a key stands on the same line in all of them:
ONE_CARD is arrest-2021 (14 July 2021), TWO_CARDS adds nobel-2022 (7 October 2022) and
THREE_CARDS adds sentence-2023 (3 March 2023).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import App
from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.settings import Settings
from bot.store.sql import open_store

ONE_CARD = """\
subject:
  id: ales-bialiatski
  name: Ales Bialiatski
cards:
  - id: arrest-2021
    date: 2021-07-14
    title: Arrested in Minsk
    text: Detained with colleagues from Viasna <staff> & lawyers.
    sources:
      - url: https://example.org/arrest
        title: Example News, "Arrest"
    tags: [arrest]
"""
TWO_CARDS = (
    ONE_CARD
    + """\
  - id: nobel-2022
    date: 2022-10-07
    title: Nobel Peace Prize
    text: The Norwegian Nobel Committee named him a laureate.
    sources:
      - url: https://example.org/nobel
        title: NobelPrize.org
    tags: [nobel]
"""
)
THREE_CARDS = (
    TWO_CARDS
    + """\
  - id: sentence-2023
    date: 2023-03-03
    title: Sentenced to ten years
    text: A Minsk court sentenced him to ten years in a penal colony.
    sources:
      - url: https://example.com/sentence
"""
)


def schedule(
    at: str = "09:00",
    post_id: str = "on-this-day",
    to: str = "[subscribers]",
    catch_up: str | None = None,
) -> str:
    """A schedule with one on-this-day post (and, with `catch_up`, that line before `to`)."""
    catch_up_line = f"    catch_up: {catch_up}\n" if catch_up else ""
    return f"""\
timezone: Europe/Minsk
posts:
  - id: {post_id}
    kind: on-this-day
    at: "{at}"
{catch_up_line}    to: {to}
"""


def write_content(
    root: Path,
    facts: str = TWO_CARDS,
    schedule_text: str | None = None,
    *,
    fact_file: str = "ales-bialiatski.yaml",
    schedule_file: str = "default.yaml",
) -> tuple[Path, Path]:
    """Write root/facts/`fact_file` and root/schedules/`schedule_file` (by default
    `schedule()`); returns the two folders."""
    folders = root / "facts", root / "schedules"
    texts = (facts, schedule_text or schedule())
    for folder, name, text in zip(folders, (fact_file, schedule_file), texts, strict=True):
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folders


# The real-service tests run at 09:30 in Minsk on the fifth anniversary of arrest-2021.
NOW = datetime(2026, 7, 14, 9, 30, tzinfo=ZoneInfo("Europe/Minsk"))
# What /status lists as the next runs of `schedule()` at NOW.
NEXT_RUNS = "\n".join(f"2026-07-{d} 09:00 +03  on-this-day" for d in range(15, 20))


@asynccontextmanager
async def three_card_app(tmp_path: Path, settings: Settings) -> AsyncIterator[App]:
    """The App's service and store over THREE_CARDS and `schedule()` at NOW; no adapter."""
    facts, schedules = write_content(tmp_path, THREE_CARDS)
    holder = ContentHolder(facts, schedules)
    assert not holder.load()
    clock = FakeClock(NOW)
    store = await open_store(f"sqlite:///{tmp_path / 'advocacy.db'}", clock=clock)
    app = App(replace(settings, facts_dir=facts, schedules_dir=schedules), holder, clock, store, [])
    try:
        yield app
    finally:
        await app.stop()

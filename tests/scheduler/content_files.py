"""Fact and schedule files written to a temporary folder, loaded by the real loader."""

from __future__ import annotations

from pathlib import Path

FACTS = """\
subject:
  id: ales-bialiatski
  name: Ales Bialiatski
cards:
  - id: arrest-2021
    date: 2021-07-14
    title: Arrested in Minsk
    text: Detained with colleagues from Viasna.
    sources:
      - url: https://example.org/arrest
        title: Example, "Arrest"
  - id: nobel
    date: 2022-10-07
    title: Awarded the Nobel Peace Prize
    text: The Norwegian Nobel Committee named him a laureate.
    sources:
      - url: https://example.org/nobel
"""


def schedule(at: str = "09:00", post_id: str = "on-this-day", to: str = "[subscribers]") -> str:
    return f"""\
timezone: Europe/Minsk
posts:
  - id: {post_id}
    kind: on-this-day
    at: "{at}"
    to: {to}
"""


def write_content(root: Path, schedule_text: str | None = None) -> tuple[Path, Path]:
    facts, schedules = root / "facts", root / "schedules"
    facts.mkdir(exist_ok=True)
    schedules.mkdir(exist_ok=True)
    (facts / "ales-bialiatski.yaml").write_text(FACTS, encoding="utf-8")
    (schedules / "default.yaml").write_text(schedule_text or schedule(), encoding="utf-8")
    return facts, schedules

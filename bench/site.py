"""Benchmark: build the public site for 10,000 cards in three languages.

Run from the repository root:

    .venv/bin/python bench/site.py

The target (docs/benchmarks.md) is building every page, calendar, feed and data file of
all three languages, in memory, within 3x a full load and validate (`load_content`) of
the same cards: a rebuild on reload must cost about what the reload itself costs.
Cards come from bench/load.py's generator (each with be and ru translations).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SCHEDULE = """\
timezone: Europe/Minsk
posts:
  - {id: on-this-day, kind: on-this-day, at: "09:00", to: [subscribers]}
  - {id: birthdays, kind: birthday, at: "10:00", to: [subscribers]}
  - {id: since, kind: milestone, since: person-000/card-00000, at: "09:00", to: [subscribers]}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--cards-per-file", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(root / "bench"))
    from load import generate

    from bot.core.loading import load_content
    from bot.site import SiteOptions, build_site

    with tempfile.TemporaryDirectory() as tmp:
        facts, schedules = Path(tmp) / "facts", Path(tmp) / "schedules"
        facts.mkdir()
        schedules.mkdir()
        generate(facts, args.files, args.cards_per_file)
        (schedules / "default.yaml").write_text(SCHEDULE, encoding="utf-8")
        cards = args.files * args.cards_per_file
        options = SiteOptions(date(2026, 12, 5), "https://example.org/facts/")
        # CPU time of this (single-threaded) process: on a machine shared with other jobs
        # wall time measured the neighbours. Alternate the two runs all the same.
        load = build = float("inf")
        for _ in range(args.runs):
            start = time.process_time()
            content = load_content(facts, schedules)
            load = min(load, time.process_time() - start)
            start = time.process_time()
            site = build_site(content, options)
            build = min(build, time.process_time() - start)
        size = sum(len(b) for b in site.files.values())
        print(f"data: {cards} cards in {args.files} files, 3 languages")
        print(f"site: {len(site.files):,} files, {size / 1e6:.0f} MB")
        print(f"load_content (load+validate): {load * 1000:.0f} ms CPU (best of {args.runs})")
        print(f"build_site (in memory):       {build * 1000:.0f} ms CPU (best of {args.runs})")
        print(f"ratio: {build / load:.2f} (target <= 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: load and validate 10,000 cards in 100 files, against a bare YAML parse.

Run from the repository root:

    /work/venv/bin/python bench/load.py

The targets (docs/benchmarks.md): a full `load_content` within 1.5x of a bare
`yaml.load(..., Loader=yaml.CSafeLoader)` of the same files (validation must not cost more
than the parse it follows; also at 50,000 cards: `--cards-per-file 500`), and the error
path (one problem in each file, every problem placed at its line and column) within 1.5x
of the clean load. The latency of 1,000 `/facts`-style queries over the loaded set is
measured too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from bot.core.content import ContentSet

_WORD_TEXT = (
    "court prison sentence arrest human rights defender colony verdict appeal trial "
    "detention Minsk Viasna Nobel prize ceremony letter family lawyer statement release "
    "amnesty charges smuggling financing protest election observer office search police "
    "committee parliament award European freedom thought democracy opposition campaign"
)
WORDS = tuple(_WORD_TEXT.split())
LANGS = ("be", "ru")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def _card(rng: random.Random, index: int, *, biography: bool = False) -> str:
    year = rng.randint(1960, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    lines = [
        f"  - id: card-{index:05d}",
        f"    date: {year:04d}-{month:02d}-{day:02d}",
        f"    title: {_sentence(rng, 7)[:-1]}",
        "    text: >-",
        f"      {_paragraph(rng, 3)}",
        f"      {_paragraph(rng, 2)}",
        "    sources:",
    ]
    for s in range(rng.randint(1, 3)):
        lines.append(f"      - url: https://example.org/news/{year}/{index}-{s}")
        lines.append(f'        title: Example News, "{_sentence(rng, 6)[:-1]}"')
    tags = sorted(
        {rng.choice(WORDS).lower() for _ in range(3)} | ({"biography"} if biography else set())
    )
    lines.append(f"    tags: [{', '.join(tags)}]")
    lines.append("    confidence: high")
    lines.append("    translations:")
    for lang in LANGS:
        lines.append(f"      {lang}:")
        lines.append(f"        title: {_sentence(rng, 7)[:-1]}")
        lines.append(f"        text: {_paragraph(rng, 4)}")
    return "\n".join(lines)


def generate(folder: Path, files: int = 100, cards_per_file: int = 100, seed: int = 1) -> None:
    """Write `files` fact files of `cards_per_file` cards each, with a subject each."""
    rng = random.Random(seed)
    for f in range(files):
        head = [
            "subject:",
            f"  id: person-{f:03d}",
            f"  name: Person {f}",
            f"  born: 19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "cards:",
        ]
        # The first card backs the subject's birth date, as validation requires.
        body = [_card(rng, f * cards_per_file + c, biography=c == 0) for c in range(cards_per_file)]
        (folder / f"person-{f:03d}.yaml").write_text("\n".join(head + body) + "\n", "utf-8")


def break_each(folder: Path, broken: Path) -> None:
    """Copy `folder` to `broken` with one problem per file: a card id that is not a slug,
    in the middle of the file, so its position must be found."""
    broken.mkdir()
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text("utf-8")
        lines = text.splitlines(keepends=True)
        ids = [i for i, line in enumerate(lines) if line.startswith("  - id: card-")]
        middle = ids[len(ids) // 2]
        lines[middle] = lines[middle].replace("id: card-", "id: Card ")
        (broken / path.name).write_text("".join(lines), "utf-8")


def best_of(runs: int, fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bare_parse(folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        with path.open("rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--cards-per-file", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bot.core.loading import check_content, load_content

    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "facts"
        facts.mkdir()
        generate(facts, args.files, args.cards_per_file)
        size = sum(p.stat().st_size for p in facts.glob("*.yaml"))
        cards = args.files * args.cards_per_file
        print(f"data: {cards} cards in {args.files} files, {size / 1e6:.1f} MB")
        # Alternate the two, so a noisy neighbour on the machine slows both alike.
        bare = full = float("inf")
        for _ in range(args.runs):
            bare = min(bare, best_of(1, lambda: bare_parse(facts)))
            full = min(full, best_of(1, lambda: load_content(facts, Path(tmp) / "schedules")))
        print(f"bare yaml.load (CSafeLoader): {bare * 1000:.0f} ms (best of {args.runs})")
        print(f"load_content (load+validate): {full * 1000:.0f} ms (best of {args.runs})")
        print(f"ratio: {full / bare:.2f} (target <= 1.5)")
        broken = Path(tmp) / "broken"
        break_each(facts, broken)
        schedules = Path(tmp) / "schedules"
        problems = len(check_content(broken, schedules).problems)
        clean = failing = float("inf")
        for _ in range(args.runs):
            clean = min(clean, best_of(1, lambda: check_content(facts, schedules)))
            failing = min(failing, best_of(1, lambda: check_content(broken, schedules)))
        print(f"clean check: {clean * 1000:.0f} ms; one problem in each file: ", end="")
        print(f"{failing * 1000:.0f} ms ({problems} problems placed)")
        print(f"error path ratio: {failing / clean:.2f} (target <= 1.5)")
        content = load_content(facts, Path(tmp) / "schedules")
        _bench_search(content)
    return 0


def _queries(rng: random.Random, n: int) -> list[str]:
    """1-3 words as people type them: mostly whole words, some prefixes, some typos."""
    out = []
    for _ in range(n):
        words = [rng.choice(WORDS).lower() for _ in range(rng.randint(1, 3))]
        roll = rng.random()
        if roll < 0.15:  # still typing the last word
            words[-1] = words[-1][: rng.randint(2, 4)]
        elif roll < 0.30:  # a typo: two letters swapped
            w = words[-1]
            i = rng.randrange(len(w) - 1)
            words[-1] = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        out.append(" ".join(words))
    return out


def _bench_search(content: ContentSet) -> None:
    """Index build time, then p50/p99 of 1,000 queries (limit 10, as /facts lists)."""
    from bot.core.search import SearchIndex

    start = time.perf_counter()
    index = SearchIndex.build(content)
    print(f"search: index build: {(time.perf_counter() - start) * 1000:.0f} ms")
    queries = _queries(random.Random(7), 1000)
    times = []
    for q in queries:
        start = time.perf_counter()
        index.search(q, limit=10)
        times.append(time.perf_counter() - start)
    cuts = statistics.quantiles(times, n=100)
    print(
        f"search: p50 {cuts[49] * 1000:.2f} ms, p99 {cuts[98] * 1000:.2f} ms "
        f"({len(queries):,} queries, limit 10)"
    )


if __name__ == "__main__":
    raise SystemExit(main())

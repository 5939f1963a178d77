"""Design notes cited in code live in the repository (docs/), and every citation points at
a section that exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"\b(DESIGN|DELIVERY|TESTING|STYLE)\.md\b")
CITATION = re.compile(r"docs/(\w+)\.md §(\d+)(?:-(\d+))?")


def code_files() -> list[Path]:
    return [p for folder in ("bot", "tests", "bench") for p in (ROOT / folder).rglob("*.py")]


def test_no_comment_cites_a_design_note_outside_the_repository() -> None:
    found = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for p in code_files()
        if p.name != "test_docs_cited.py"
        for m in OUTSIDE.finditer(p.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_every_cited_section_exists() -> None:
    cited = 0
    for path in code_files():
        for m in CITATION.finditer(path.read_text(encoding="utf-8")):
            doc = ROOT / "docs" / f"{m.group(1)}.md"
            assert doc.exists(), (path, m.group(0))
            headings = doc.read_text(encoding="utf-8")
            for section in {m.group(2), m.group(3) or m.group(2)}:
                assert f"\n## {section}. " in headings, (path, m.group(0))
            cited += 1
    assert cited >= 20  # the citations this test guards are really there

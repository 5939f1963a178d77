"""Severities: warnings print as `path:line:column: warning: message` and fail only --strict."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.cli.validate import main
from bot.core.loading import ContentHolder
from tests.content import ONE_CARD, write_content

BORN = ONE_CARD.replace(
    "  name: Ales Bialiatski\n", "  name: Ales Bialiatski\n  born: 1962-09-25\n"
)
STALE = ONE_CARD + "    review_by: 2020-01-01\n"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_warnings_alone_exit_0_and_strict_makes_them_fail(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(root, BORN, None, fact_file="a.yaml")
    assert main([]) == 0
    out, err = capsys.readouterr()
    warning, ok, *coverage = out.splitlines()
    assert coverage == ["be: 0 of 1 card", "ru: 0 of 1 card"]
    assert warning == (
        "facts/a.yaml:4:9: warning: born 1962-09-25 needs a source: add a card dated "
        "1962-09-25, or a card tagged biography whose sources give the birthday"
    )
    assert ok.startswith("ok: 1 card in 1 file, ")
    assert err == "1 problem in 1 file (1 warning)\n"
    assert main(["--strict"]) == 1
    out, _ = capsys.readouterr()
    assert "ok:" not in out


def test_a_card_past_its_review_date_is_a_warning(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(root, STALE, None, fact_file="a.yaml")
    assert main(["facts/a.yaml"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == (
        "facts/a.yaml:13:16: warning: card ales-bialiatski/arrest-2021 is past its review "
        "date 2020-01-01: check it is still true, then move the date"
    )


def test_an_error_beside_warnings_exits_1(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_content(
        root, BORN.replace("title: Arrested", "titel: Arrested"), None, fact_file="a.yaml"
    )
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert [line.split(": ", 1)[1] for line in out.splitlines()] == [
        "warning: born 1962-09-25 needs a source: add a card dated 1962-09-25, or a card "
        "tagged biography whose sources give the birthday",
        "`title` is missing",
        "unknown key 'titel': did you mean 'title'?",
    ]
    assert err == "3 problems in 1 file (1 warning)\n"


def test_the_bot_serves_files_with_warnings_and_keeps_them_for_status(root: Path) -> None:
    write_content(root, STALE, None, fact_file="a.yaml")
    holder = ContentHolder(root / "facts", root / "schedules", today=lambda: date(2026, 1, 1))
    assert holder.load() == []
    assert len(holder.current.cards) == 1
    assert [p.severity for p in holder.warnings] == ["warning"]
    assert "past its review date" in holder.warnings[0].message

"""`advocacy-bot site` as an admin runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.site.conftest import write_files
from tests.test_architecture import _run


def test_site_writes_the_layout_design_md_fixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts, schedules = write_files(tmp_path)
    out = tmp_path / "public"
    args = ["--facts", str(facts), "--schedules", str(schedules), "site", "--out", str(out)]
    code = main([*args, "--base-url", "https://example.org/facts", "--date", "2026-07-14"])
    assert code == 0
    for lang in ("en", "be", "ru"):
        for name in ("index.html", "calendar.html", "calendar.ics", "feed.atom"):
            assert (out / lang / name).is_file(), (lang, name)
        assert (out / lang / "cards" / "ales-bialiatski" / "arrest-2021.html").is_file()
    assert (out / "cards.json").is_file() and (out / "cards.schema.json").is_file()
    assert "as of 2026-07-14" in capsys.readouterr().out
    page = (out / "en" / "cards" / "ales-bialiatski" / "arrest-2021.html").read_text("utf-8")
    assert 'content="https://example.org/facts/en/cards/ales-bialiatski/arrest-2021.html"' in page


@pytest.mark.parametrize("base", ["javascript:alert(1)", "ftp://example.org/", "example.org"])
def test_a_base_url_that_is_not_http_is_a_usage_error(
    tmp_path: Path, base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    facts, schedules = write_files(tmp_path)
    args = [
        "--facts",
        str(facts),
        "--schedules",
        str(schedules),
        "site",
        "--out",
        str(tmp_path / "o"),
    ]
    assert main([*args, "--base-url", base]) == 2
    assert "not an http(s) address" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_broken_files_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts, schedules = write_files(tmp_path)
    (facts / "broken.yaml").write_text("cards: [{id: x}]\n", encoding="utf-8")
    out = tmp_path / "o"
    assert (
        main(["--facts", str(facts), "--schedules", str(schedules), "site", "--out", str(out)]) == 1
    )
    assert "broken.yaml" in capsys.readouterr().err
    assert not out.exists()


def test_the_site_needs_no_platform_library() -> None:
    result = _run("import bot.cli.site, bot.site; print('imported')")
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout

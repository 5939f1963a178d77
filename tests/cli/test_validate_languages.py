"""`advocacy-bot validate` and translations: per-language coverage, `--require-languages`,
and translation keys or texts no reader could get, each reported where it stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.validate import main
from tests.content import ONE_CARD, TWO_CARDS, write_content

SCHEDULE = """\
timezone: Europe/Minsk
posts:
  - id: daily
    kind: on-this-day
    at: "09:00"
    to: [console]
"""
# ONE_CARD's lines 1-12, then the translations: `be` on line 14, `ru` on 15.
TRANSLATED = ONE_CARD + (
    "    translations:\n"
    "      be: {title: Арышт у Мінску, text: Затрыманы ў Мінску.}\n"
    "      ru: {title: Арест в Минске, text: Задержан в Минске.}\n"
)
NAMES = "  translations: {be: {name: Алесь Бяляцкі}, ru: {name: Алесь Беляцкий}}\n"


def run(
    root: Path, facts: str, capsys: pytest.CaptureFixture[str], *args: str, schedule: str = SCHEDULE
) -> tuple[int, list[str], str]:
    write_content(root, facts, schedule, fact_file="a.yaml", schedule_file="s.yaml")
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_coverage_is_counted_per_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partly = TWO_CARDS.replace(
        "    tags: [nobel]\n",
        "    tags: [nobel]\n    translations:\n      be: {text: Нобелеўскі камітэт.}\n",
    )
    code, out, _ = run(tmp_path, partly, capsys)
    assert code == 0
    assert out == [
        "ok: 2 cards in 1 file, 1 post in 1 file",
        "be: 1 of 2 cards",
        "ru: 0 of 2 cards",
    ]


def test_required_languages_make_each_gap_a_problem_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only_be = ONE_CARD + "    translations:\n      be: {title: Арышт, text: Затрыманы.}\n"
    code, out, err = run(tmp_path, only_be, capsys, "--require-languages", "be,ru")
    assert code == 1
    assert out == [  # the subject's mapping starts on line 2, the card on line 5
        "facts/a.yaml:2:3: subject `ales-bialiatski`'s name has no be translation",
        "facts/a.yaml:2:3: subject `ales-bialiatski`'s name has no ru translation",
        "facts/a.yaml:5:5: card `arrest-2021` has no ru translation",
    ]
    assert err == "3 problems in 1 file\n"


def test_required_languages_pass_when_everything_is_translated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = TRANSLATED.replace("  name: Ales Bialiatski\n", "  name: Ales Bialiatski\n" + NAMES)
    code, out, _ = run(tmp_path, whole, capsys, "--require-languages", "be,ru")
    assert code == 0
    assert out[1:] == ["be: 1 of 1 card", "ru: 1 of 1 card"]


def test_a_translation_under_a_code_the_bot_does_not_speak_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = TRANSLATED.replace("      ru: {", "      pt: {").replace("      be: {", "      be-BY: {")
    code, out, _ = run(tmp_path, odd, capsys)
    assert code == 1
    assert out == [
        "facts/a.yaml:14:7: `be-BY` is not a language this bot speaks; use one of be, en, ru",
        "facts/a.yaml:15:7: `pt` is not a language this bot speaks; use one of be, en, ru",
    ]


def test_no_is_the_code_of_norwegian_not_false(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML 1.1 would read the key `no` as false; here it stays a code (one the bot does
    not speak)."""
    norwegian = TRANSLATED.replace("      ru: {", "      no: {")
    code, out, _ = run(tmp_path, norwegian, capsys)
    assert code == 1
    assert out == [
        "facts/a.yaml:15:7: `no` is not a language this bot speaks; use one of be, en, ru"
    ]


def test_a_translated_title_without_its_text_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    half = TRANSLATED.replace(", text: Задержан в Минске.}", "}")
    code, out, _ = run(tmp_path, half, capsys)
    assert code == 1
    assert out == [
        "facts/a.yaml:15:7: the ru translation has a title but no text: readers would get "
        "the English text under a translated title; add `text:` or drop the title"
    ]


def test_a_schedule_language_the_bot_does_not_speak_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schedule = "language: pt\n" + SCHEDULE + "    language: de\n"
    code, out, _ = run(tmp_path, ONE_CARD, capsys, schedule=schedule)
    assert code == 1
    assert out == [
        "schedules/s.yaml:1:11: `pt` is not a language this bot speaks; use one of be, en, ru",
        "schedules/s.yaml:8:15: `de` is not a language this bot speaks; use one of be, en, ru",
    ]


def test_requiring_a_language_the_bot_does_not_speak_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(tmp_path, ONE_CARD, SCHEDULE)
    with pytest.raises(SystemExit) as stopped:
        main(["--require-languages", "be,pt"])
    assert stopped.value.code == 2
    assert "pt: not a language this bot speaks" in capsys.readouterr().err

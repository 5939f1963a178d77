"""`advocacy-bot validate`: exit codes, output format, and every problem in one run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.validate import main
from tests.content import ONE_CARD, write_content

ROOT = Path(__file__).resolve().parents[2]

SCHEDULE = """\
timezone: Europe/Minsk
posts:
  - id: custody
    kind: milestone
    since: arrest-2021
    at: "09:00"
    to: [console]
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path, ONE_CARD, SCHEDULE, fact_file="a.yaml", schedule_file="s.yaml")
    return tmp_path


def test_valid_folders_exit_0_with_a_summary(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 0
    out, err = capsys.readouterr()
    assert out == "ok: 1 card in 1 file, 1 post in 1 file\nbe: 0 of 1 card\nru: 0 of 1 card\n"
    assert err == ""


def test_problems_exit_1_one_line_each_sorted(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "schedules" / "s.yaml").write_text(SCHEDULE.replace("arrest-2021", "arrest"))
    (root / "facts" / "a.yaml").write_text(ONE_CARD.replace("title: Arrested", "titel: Arrested"))
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [  # ONE_CARD's card starts on line 5, its title on line 7
        "facts/a.yaml:5:5: `title` is missing",
        "facts/a.yaml:7:5: unknown key 'titel': did you mean 'title'?",
        "schedules/s.yaml:5:12: no card 'arrest' in the fact files: did you mean 'arrest-2021'?",
    ]
    assert err == "3 problems in 2 files\n"


def test_paths_are_files_or_folders_and_missing_ones_are_problems(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schedules/s.yaml", "facts"]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 card in 1 file, 1 post in 1 file\n")
    assert main(["facts", "nope.yaml", "gone"]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "gone:1:1: no such file or directory",
        "nope.yaml:1:1: no such file or directory",
    ]


def test_facts_option_anywhere(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "facts").rename(root / "cards")
    assert main(["schedules/s.yaml"]) == 1
    assert "no card 'arrest-2021'" in capsys.readouterr().out
    assert main(["schedules/s.yaml", "--facts", "cards"]) == 0
    assert main(["--facts", "cards", "--schedules", "schedules"]) == 0
    assert main(["--facts=cards", "schedules"]) == 0


def test_usage_error_exits_2(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--no-such-option"])
    assert info.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_real_subprocess(root: Path) -> None:
    (root / "facts" / "b.yaml").write_bytes(b"cards:\n  - id: caf\xe9\n")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=root,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            check=False,
        )

    result = run("validate")
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        "facts/b.yaml:2:12: not UTF-8: byte 0xE9 cannot be read; save the file as UTF-8\n"
    )
    assert result.stderr == "1 problem in 1 file\n"
    assert run("validate", "facts/a.yaml", "schedules").returncode == 0
    assert run("validate", "--bogus").returncode == 2

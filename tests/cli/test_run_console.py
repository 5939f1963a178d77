"""The console bot driven through stdin/stdout of a real subprocess, on the bundled files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bot(
    stdin: str, *args: str, db: Path, cwd: Path = ROOT, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
    env["ADVOCACY_LOG_LEVEL"] = "WARNING"
    # The console keeps its ledger in ADVOCACY_DB like every mode: one per test.
    env["ADVOCACY_DB"] = f"sqlite:///{db}"
    env.update(extra or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_commands_are_answered_and_end_of_input_exits_zero(tmp_path: Path) -> None:
    result = run_bot(
        "/help\n/fact bialiatski-nobel-ceremony\n",
        "--now",
        "2026-03-01 12:00",
        db=tmp_path / "advocacy.db",
    )
    assert result.returncode == 0, result.stderr
    assert "/facts" in result.stdout  # the help lists the commands
    assert "Oslo" in result.stdout  # the card text
    assert "https://" in result.stdout  # with its sources
    assert result.stdout.index("/facts") < result.stdout.index("Oslo")  # in input order


def test_posts_already_due_go_out_before_the_first_command(tmp_path: Path) -> None:
    # 14 July: anniversary of the 2021 arrest; the 09:00 on-this-day post is due at 09:30.
    result = run_bot("/help\n", "--now", "2026-07-14 09:30", db=tmp_path / "advocacy.db")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[scheduled post]" in out
    assert "5 years ago today" in out
    assert out.index("[scheduled post]") < out.index("/facts")


def test_missed_post_outside_catch_up_window_is_not_sent(tmp_path: Path) -> None:
    # 14 July at 23:00: the 09:00 post was missed by 14 h, beyond its catch-up window.
    result = run_bot("", "--now", "2026-07-14 23:00", db=tmp_path / "advocacy.db")
    assert result.returncode == 0, result.stderr
    assert "[scheduled post]" not in result.stdout


def test_empty_input_exits_cleanly(tmp_path: Path) -> None:
    result = run_bot("", "--console", "--now", "2026-03-01 12:00", db=tmp_path / "advocacy.db")
    assert result.returncode == 0, result.stderr


def test_unknown_card_gets_did_you_mean(tmp_path: Path) -> None:
    result = run_bot(
        "/fact bialiatski-nobel-ceremoni\n",
        "--now",
        "2026-03-01 12:00",
        db=tmp_path / "advocacy.db",
    )
    assert result.returncode == 0, result.stderr
    assert "bialiatski-nobel-ceremony" in result.stdout


def test_bad_now_is_a_usage_error(tmp_path: Path) -> None:
    result = run_bot("", "--now", "tomorrow", db=tmp_path / "advocacy.db")
    assert result.returncode == 2
    assert "--now" in result.stderr


def test_broken_files_refuse_to_start_with_the_problems(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "x.yaml").write_text("cards:\n  - id: a\n    titel: x\n", encoding="utf-8")
    result = run_bot(
        "",
        "--facts",
        str(facts),
        "--schedules",
        str(tmp_path / "none"),
        cwd=tmp_path,
        db=tmp_path / "advocacy.db",
    )
    assert result.returncode == 1
    assert "x.yaml:3:5:" in result.stderr


def test_a_bad_http_address_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_bot("", "--console", db=tmp_path / "advocacy.db", extra={"ADVOCACY_HTTP": "8080"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "advocacy-bot run: error: ADVOCACY_HTTP must be host:port, such as 0.0.0.0:8080, not '8080'"
    ]


def test_no_terminal_and_no_input_ends_cleanly(tmp_path: Path) -> None:
    # `docker run` without -it and without a token: stdin is /dev/null.
    env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
    env["ADVOCACY_DB"] = f"sqlite:///{tmp_path / 'advocacy.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "console adapter" in result.stderr

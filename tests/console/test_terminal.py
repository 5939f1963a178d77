"""The console bot at a real terminal (a pseudo-terminal), in a real subprocess: what a new
operator sees, and that it is the whole bot: store, ledger, reloads, signals."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.adapters.console.adapter import PROMPT
from bot.core.i18n import texts
from bot.core.loading import ContentHolder
from tests.console.terminal import ROOT, Terminal

NOBEL_TITLE = "title: His wife accepts the Nobel Prize in Oslo"
CHANGED_TITLE = "title: A title changed while the bot runs"


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


@pytest.fixture
def content(tmp_path: Path) -> tuple[Path, Path]:
    facts, schedules = tmp_path / "facts", tmp_path / "schedules"
    shutil.copytree(ROOT / "facts", facts)
    shutil.copytree(ROOT / "schedules", schedules)
    return facts, schedules


def bundled_cards() -> int:
    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    assert not holder.load()
    return len(holder.current.cards)


def start(terminals: list[Terminal], *args: str, db: Path) -> Terminal:
    terminal = Terminal(*args, db=db)
    terminals.append(terminal)
    return terminal


def assert_clean_exit(terminal: Terminal) -> None:
    assert terminal.wait() == 0, terminal.err
    assert "Traceback" not in terminal.err, terminal.err
    assert " ERROR " not in terminal.err, terminal.err


def test_greets_prompts_subscribes_and_ends_on_ctrl_d(
    terminals: list[Terminal], tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    term = start(terminals, "--now", "2026-03-01 12:00", db=db)
    greeting = term.expect(texts("en")("console-greeting", cards=bundled_cards()))
    term.expect(PROMPT, after=greeting)
    term.type("/subscribe")
    term.expect("Subscribed")
    term.type("/status")
    term.expect("Subscribers: console: 1.")  # a subscription in the store, not a stub
    term.control("d")
    assert_clean_exit(term)
    # The one line that says which mode this is and how to get the others.
    assert "TELEGRAM_BOT_TOKEN" in term.err and "DISCORD_BOT_TOKEN" in term.err


def test_a_printed_post_is_not_printed_again_after_a_restart(
    terminals: list[Terminal], tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    # 14 July, 09:30: the 09:00 on-this-day post (the 2021 arrest) is due at start.
    first = start(terminals, "--now", "2026-07-14 09:30", db=db)
    post = first.expect("[scheduled post]")
    first.expect("5 years ago today", after=post)
    first.control("d")
    assert_clean_exit(first)

    again = start(terminals, "--now", "2026-07-14 09:35", db=db)
    prompt = again.expect(PROMPT)  # posts already due are out before the prompt
    again.type("/help")
    again.expect("/facts", after=prompt)
    again.control("d")
    assert_clean_exit(again)
    assert "[scheduled post]" not in again.out


def test_a_changed_file_is_reloaded_and_sighup_reloads(
    terminals: list[Terminal], tmp_path: Path, content: tuple[Path, Path]
) -> None:
    facts, schedules = content
    term = start(
        terminals,
        "--facts",
        str(facts),
        "--schedules",
        str(schedules),
        "--now",
        "2026-03-01 12:00",
        db=tmp_path / "bot.db",
    )
    term.expect(PROMPT)
    term.wait_until_watching()  # the file watcher is up before we edit
    card = facts / "ales-bialiatski.yaml"
    text = card.read_text(encoding="utf-8")
    assert NOBEL_TITLE in text
    card.write_text(text.replace(NOBEL_TITLE, CHANGED_TITLE), encoding="utf-8")
    term.expect("reloaded (files changed)", stream="err")
    mark = len(term.out)
    term.type("/fact bialiatski-nobel-ceremony")
    term.expect("A title changed while the bot runs", after=mark)

    term.signal(signal.SIGHUP)
    term.expect("reloaded (SIGHUP)", stream="err")
    mark = len(term.out)
    term.type("/help")  # still running after SIGHUP
    term.expect("/facts", after=mark)
    term.control("d")
    assert_clean_exit(term)


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_ctrl_c_and_sigterm_end_it_cleanly(
    terminals: list[Terminal], tmp_path: Path, how: str
) -> None:
    term = start(terminals, "--now", "2026-03-01 12:00", db=tmp_path / "bot.db")
    term.expect(PROMPT)
    if how == "ctrl-c":
        term.control("c")
    else:
        term.signal(signal.SIGTERM)
    assert_clean_exit(term)

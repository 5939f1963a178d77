"""`preview --date` shows reminders and digests; the ledger sends each reminder once,
also across a restart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import preview
from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.scheduler.runner import Runner
from bot.store.sql import SqlStore
from tests.letters.content import ADDRESS, holder, schedule, write_files
from tests.scheduler.posts import MINSK
from tests.scheduler.senders import RecordingSender
from tests.store.dbfixtures import db_url, pg_url, store

__all__ = ["db_url", "pg_url", "store"]


def minsk(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MINSK).astimezone(UTC)


def run_preview(root: Path, day: str, platform: str, capsys: pytest.CaptureFixture[str]) -> str:
    argv = ["--facts", str(root / "facts"), "--schedules", str(root / "schedules")]
    assert preview.main([*argv, "--date", day, "--platform", platform]) == 0
    return capsys.readouterr().out


def test_preview_shows_a_reminder_with_the_address_escaped_per_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path)
    console = run_preview(tmp_path, "2026-09-04", "console", capsys)
    assert "=== birthdays at 10:00 +03 to console ===" in console
    assert "Ales Bialiatski turns 64 on 25 September: letters take two to three weeks" in console
    assert "ИК № 9 <b>\nул. Добролюбова, 16 @everyone ```\n213410, г. Горки" in console
    telegram = run_preview(tmp_path, "2026-09-04", "telegram", capsys)
    assert "<pre>ИК № 9 &lt;b&gt;\nул. Добролюбова, 16 @everyone ```\n213410, г. Горки</pre>" in (
        telegram
    )
    discord = run_preview(tmp_path, "2026-09-04", "discord", capsys)
    assert (
        "```\nИК № 9 <b>\nул. Добролюбова, 16 @\u200beveryone \u02cb\u02cb\u02cb\n213410" in discord
    )


def test_preview_shows_the_digest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(tmp_path)
    out = run_preview(tmp_path, "2026-09-21", "console", capsys)
    assert "=== digest at 09:00 +03 to console ===" in out
    assert "Coming up in the next 7 days" in out
    assert "- 25 Sept: Ales Bialiatski turns 64: letters take two to three weeks" in out
    quiet = run_preview(tmp_path, "2026-10-05", "console", capsys)
    assert quiet == "Nothing would be posted on 2026-10-05.\n"


class Bot:
    def __init__(self, store: SqlStore, content: ContentHolder, now: datetime) -> None:
        self.sender = RecordingSender("telegram")
        self.runner = Runner(
            store, lambda: content.current, FakeClock(now), {"telegram": self.sender}
        )


async def test_each_reminder_goes_out_once_across_a_restart(
    store: SqlStore, tmp_path: Path
) -> None:
    content = holder(tmp_path, schedule_text=schedule(to="[subscribers]"))
    for chat in ("1", "2"):
        await store.subscribe(
            "telegram",
            chat,
            chat_kind="private",
            title=None,
            subscribed_by=None,
            now=minsk("2026-09-01 00:00"),
        )
    first = Bot(store, content, minsk("2026-09-04 10:00"))
    await first.runner.tick()
    assert len(first.sender.calls) == 2
    for _, _, messages in first.sender.calls:
        assert (messages[0].title or "").startswith("Ales Bialiatski turns 64 on 25 September")
    rows = await store.ledger.deliveries("birthdays", "2026-09-04/before-21d")
    assert sorted(r.target for r in rows) == ["telegram:1", "telegram:2"]
    assert await store.ledger.deliveries("birthdays", "2026-09-04/before-7d") == []
    # A new process on the same database, minutes later and again an hour later.
    again = Bot(store, content, minsk("2026-09-04 10:05"))
    await again.runner.tick()
    await again.runner.tick(minsk("2026-09-04 11:00"))
    assert again.sender.calls == []
    # The 7-day reminder is its own occurrence: it goes out on its day, once.
    later = Bot(store, content, minsk("2026-09-18 10:00"))
    await later.runner.tick()
    await later.runner.tick(minsk("2026-09-18 10:01"))
    assert sorted(chat for chat, _, _ in later.sender.calls) == ["1", "2"]
    [reminder] = later.sender.calls[0][2]
    assert "The birthday is in 7 days." in reminder.plain_text()
    assert reminder.preformatted == ADDRESS  # the ledger's stored payload keeps the block


def test_preview_warns_about_an_old_address_on_the_day_previewed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path)
    argv = ["--facts", str(tmp_path / "facts"), "--schedules", str(tmp_path / "schedules")]
    assert preview.main([*argv, "--date", "2026-09-04", "--platform", "console"]) == 0
    assert capsys.readouterr().err == ""
    assert preview.main([*argv, "--date", "2027-09-04", "--platform", "console"]) == 0
    captured = capsys.readouterr()
    assert "ales-bialiatski.yaml:15:14: warning: the letters address was last checked" in (
        captured.err
    )
    assert "more than 180 days ago: prisoners are moved" in captured.out

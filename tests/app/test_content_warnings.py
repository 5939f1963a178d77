"""Warnings and review dates as admins meet them in chat: /reload serves files with
warnings and says so, /reload and /status list cards awaiting review, /fact shows them
with a note."""

from __future__ import annotations

from tests.app.conftest import TELEGRAM_ADMIN, Bot
from tests.fakes.telegram_api import private_chat

ADMIN_CHAT = private_chat(TELEGRAM_ADMIN["id"])
UNBACKED = """\
subject:
  id: jana-example
  name: Jana Example
  born: 1990-03-08
cards:
  - id: statement
    title: A statement
    text: Plain text.
    sources: [{url: "https://example.org/statement"}]
    review_by: 2026-07-01
"""


async def test_reload_serves_files_with_warnings_and_status_lists_cards_to_review(
    bot: Bot,
) -> None:
    path = bot.settings.facts_dir / "jana-example.yaml"
    path.write_text(UNBACKED, encoding="utf-8")
    reloaded = await bot.telegram_says("/reload", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert reloaded.plain is not None
    title, serving, warnings, awaiting = reloaded.plain.split("\n\n")
    assert title == "Reloaded"
    assert awaiting == (
        "Awaiting review (not posted until their review_by date moves):\n"
        "jana-example/statement\n"
        "valiantsin-stefanovich/stefanovich-still-jailed"
    )
    assert warnings == (
        "Warnings (the files are served):\n"
        f"{path}:4:9: warning: born 1990-03-08 needs a source: add a card dated 1990-03-08, "
        "or a card tagged biography whose sources give the birthday"
    )
    card = await bot.telegram_says("/fact jana-example/statement", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert card.plain is not None
    assert card.plain.split("\n\n")[:3] == [
        "A statement",
        "Plain text.",
        "Awaiting review since 2026-07-01: this may no longer be current.",
    ]
    status = await bot.telegram_says("/status", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert status.plain is not None
    assert (
        "Awaiting review (not posted until their review_by date moves):\njana-example/statement"
    ) in status.plain
    assert "Warnings (the files are served):" in status.plain

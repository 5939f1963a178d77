"""No secret reaches the log at any level: the webhook secret, both tokens, the DB password.

The bug: at ADVOCACY_LOG_LEVEL=DEBUG python-telegram-bot logged setWebhook's parameters,
`secret_token` included, and only the token was redacted. Here `advocacy-bot run` starts
in webhook mode with every credential set, against the fakes and a real PostgreSQL whose
URL carries a password (trust auth ignores it), and its whole stderr is searched.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot import redaction
from bot.settings import Settings
from tests.app.conftest import DISCORD_TOKEN, TELEGRAM_TOKEN, Records
from tests.app.test_process import START_DEADLINE, files, start_bot
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.telegram_api import FakeTelegram
from tests.store.dbfixtures import clean_pg

__all__ = ["files"]

WEBHOOK_SECRET = "Webhook-Secret_0f9a2c"
DB_PASSWORD = "Db-Pass/word%41"  # "/" and "%" appear percent-encoded in a URL


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TELEGRAM_TOKEN) as server:
        yield server


@pytest.fixture
async def discord() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(token=DISCORD_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


def secrets_in(text: str) -> list[str]:
    values = (
        TELEGRAM_TOKEN,
        TELEGRAM_TOKEN.split(":")[1],
        WEBHOOK_SECRET,
        DISCORD_TOKEN,
        DB_PASSWORD,
        make_url("postgresql://u@h/d").set(password=DB_PASSWORD).render_as_string(False),
    )
    return [v for v in values if v in text]


async def test_webhook_secret_and_every_credential_stay_out_of_a_debug_log(
    tmp_path: Path,
    files: tuple[Path, Path],
    telegram: FakeTelegram,
    discord: FakeDiscord,
    pg_url: str,
) -> None:
    await clean_pg(pg_url)
    db = make_url(pg_url).set(password=DB_PASSWORD).render_as_string(hide_password=False)
    assert "Db-Pass%2Fword%2541" in db  # the encoded form is in the URL, the plain one not
    bot = await start_bot(
        tmp_path,
        files,
        telegram,
        ADVOCACY_LOG_LEVEL="DEBUG",
        ADVOCACY_DB=db,
        TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/hook",
        TELEGRAM_WEBHOOK_LISTEN="127.0.0.1:0",
        TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
        DISCORD_BOT_TOKEN=DISCORD_TOKEN,
        DISCORD_API_URL=discord.api_url,
        DISCORD_GATEWAY_URL=discord.gateway_url,
    )
    try:
        (hook,) = await telegram.wait_for("setWebhook", timeout=START_DEADLINE)
        assert hook.params["secret_token"] == WEBHOOK_SECRET  # the secret really was sent
        await bot.wait_stderr("discord adapter started", START_DEADLINE)
        # PTB's DEBUG line for the call, with the secret replaced by its name.
        await bot.wait_stderr("Calling Bot API endpoint `setWebhook`")
        bot.signal(signal.SIGTERM)
        assert await bot.exit_code() == 0
    finally:
        await bot.kill()
    stderr = "".join(bot.stderr)
    (line,) = [s for s in bot.stderr if "Calling Bot API endpoint `setWebhook`" in s]
    assert redaction.WEBHOOK_SECRET in line
    assert "Shard ID" in stderr  # discord.py's own DEBUG lines were on
    assert secrets_in(stderr) == []


async def test_an_exception_quoting_the_database_url_is_redacted(log_records: Records) -> None:
    url = make_url("postgresql://root@db.example/advocacy").set(password=DB_PASSWORD)
    settings = Settings(
        db_url=url.render_as_string(hide_password=False),
        telegram_token=TELEGRAM_TOKEN,
        telegram_webhook_secret=WEBHOOK_SECRET,
        discord_token=DISCORD_TOKEN,
    )
    redactor = redaction.install(redaction.settings_secrets(settings))
    try:
        try:
            raise ConnectionError(f"cannot reach {settings.db_url} as {DB_PASSWORD}")
        except ConnectionError:
            logging.getLogger("some.library").exception(
                "failed with %s and %s", WEBHOOK_SECRET, DISCORD_TOKEN, stack_info=True
            )
    finally:
        redaction.remove(redactor)
    (text,) = [t for t in log_records.texts() if "failed with" in t]
    assert secrets_in(text) == []
    assert "cannot reach postgresql://root:<database password>@db.example" in text
    assert f"failed with {redaction.WEBHOOK_SECRET} and {redaction.DISCORD_TOKEN}" in text
    assert redactor not in log_records.filters


def test_records_logged_before_install_or_after_remove_are_untouched(
    log_records: Records,
) -> None:
    redactor = redaction.install({"hunter2": "<pw>"})
    logging.getLogger("x").warning("pw is %s", "hunter2")
    redaction.remove(redactor)
    logging.getLogger("x").warning("later: hunter2")
    assert [r.getMessage() for r in log_records.records[-2:]] == ["pw is <pw>", "later: hunter2"]


def test_a_program_without_logging_configured_is_covered_too() -> None:
    """Python's last-resort handler prints warnings when no handler is configured."""
    code = (
        "import logging; from bot import redaction; "
        "redaction.install({'s3cr3t-value': '<X>'}); "
        "logging.getLogger('some.library').warning('token s3cr3t-value')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "token <X>\n"


def test_a_bad_format_string_is_logged_redacted_and_raises_nothing(log_records: Records) -> None:
    redactor = redaction.install({"hunter2": "<pw>"})
    try:
        logging.getLogger("some.library").warning("two %s %s", "hunter2")  # one arg short
    finally:
        redaction.remove(redactor)
    assert log_records.records[-1].getMessage() == "two %s %s ('<pw>',)"

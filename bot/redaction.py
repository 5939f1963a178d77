"""Keep every secret the settings hold out of the log, whatever level and loggers speak.

Libraries log secrets in passing: python-telegram-bot prints Bot API URLs (token inside)
and, at DEBUG, each call's parameters (`setWebhook`'s `secret_token`); httpx logs request
URLs; an exception can quote a database URL. Filtering a few named loggers misses the next
one, so the filter goes on handlers, where every record that propagates ends up, whichever
logger made it. It rewrites the record itself (message, exception text, stack), so handlers
after it see the redacted record too.

Each secret is replaced by its name in angle brackets (`<TELEGRAM_BOT_TOKEN>`): a reader of
the log still sees which credential a line was about.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from urllib.parse import quote

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.settings import Settings

# What a reader of the log sees in place of each secret (names, not credentials).
TELEGRAM_TOKEN = "<TELEGRAM_BOT_TOKEN>"  # noqa: S105
WEBHOOK_SECRET = "<TELEGRAM_WEBHOOK_SECRET>"  # noqa: S105
DISCORD_TOKEN = "<DISCORD_BOT_TOKEN>"  # noqa: S105
DB_PASSWORD = "<database password>"  # noqa: S105


def telegram_secrets(token: str | None, webhook_secret: str | None) -> dict[str, str]:
    """The token, its secret half (after "bot_id:") and the webhook secret, by placeholder."""
    found: dict[str, str] = {}
    if token:
        found[token] = TELEGRAM_TOKEN
        _, colon, key = token.partition(":")
        if colon and key:
            found[key] = TELEGRAM_TOKEN
    if webhook_secret:
        found[webhook_secret] = WEBHOOK_SECRET
    return found


def db_password(url: str) -> str | None:
    try:
        return make_url(url).password
    except ArgumentError:  # not a URL at all: the store says so at start, quoting nothing
        return None


def settings_secrets(settings: Settings) -> dict[str, str]:
    """Every credential in `settings`, as it may appear in a log line: secret -> placeholder."""
    found = telegram_secrets(settings.telegram_token, settings.telegram_webhook_secret)
    if settings.discord_token:
        found[settings.discord_token] = DISCORD_TOKEN
    password = db_password(settings.db_url)
    if password:
        # A URL in a message carries the password percent-encoded, a driver error plainly.
        found[password] = DB_PASSWORD
        found[quote(password, safe="")] = DB_PASSWORD
    return found


class Redactor(logging.Filter):
    """Replaces each secret in every record that passes; drops nothing."""

    def __init__(self, secrets: Mapping[str, str]) -> None:
        super().__init__()
        self.handlers: list[logging.Handler] = []
        # Longest first: a token is replaced whole before its secret half is looked for.
        self._secrets = sorted(
            ((s, p) for s, p in secrets.items() if s), key=lambda sp: -len(sp[0])
        )

    def redact(self, text: str) -> str:
        for secret, placeholder in self._secrets:
            if secret in text:
                text = text.replace(secret, placeholder)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        unformattable = False
        try:
            message = record.getMessage()
        except Exception:  # a library's bad format string: a filter must never raise
            message, unformattable = f"{record.msg} {record.args!r}", True
        clean = self.redact(message)
        if unformattable or clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when it is set: the traceback is formatted once, here.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def _handlers() -> list[logging.Handler]:
    """Every handler configured now: the root's, any logger's own, and the last resort
    that prints warnings when logging is not configured at all."""
    loggers = [logging.getLogger()]
    loggers += [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    handlers = [h for lg in loggers for h in lg.handlers]
    if logging.lastResort is not None:
        handlers.append(logging.lastResort)
    return list(dict.fromkeys(handlers))


def install(secrets: Mapping[str, str]) -> Redactor:
    """Redact `secrets` from every handler configured now, until `remove`.

    Call it after logging is configured: a handler added later is not covered.
    """
    redactor = Redactor(secrets)
    redactor.handlers = _handlers()
    for handler in redactor.handlers:
        handler.addFilter(redactor)
    return redactor


def remove(redactor: Redactor) -> None:
    for handler in redactor.handlers:
        handler.removeFilter(redactor)
    redactor.handlers = []

"""Keep the bot token out of the log, whatever level and handlers an operator chooses.

The Bot API carries the token in every URL (`.../bot<token>/sendMessage`), and two
libraries log such URLs: python-telegram-bot when it builds a bot (DEBUG, "Set Bot API
URL: ...") and httpx for every request (INFO). `run` turns httpx down to warnings, but an
operator who sets ADVOCACY_LOG_LEVEL=DEBUG, or a program that embeds the App with logging
of its own, would still get the token in the log. A logger's filters run where a record is
made, before any handler formats it, so a filter on those loggers covers every handler
(a file, journald, pytest's caplog) at every level.
"""

from __future__ import annotations

import logging

PLACEHOLDER = "<TELEGRAM_BOT_TOKEN>"
# The loggers that print Bot API URLs (python-telegram-bot 22, httpx 0.28); the app tests
# run at DEBUG and fail if a release starts logging the token under another name.
URL_LOGGERS = ("telegram.Bot", "telegram.ext.ExtBot", "httpx")


class RedactToken(logging.Filter):
    """Replaces one token in every record that passes; drops nothing."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self._token in message:
            record.msg = message.replace(self._token, PLACEHOLDER)
            record.args = None
        return True


def install(token: str) -> RedactToken:
    """Redact `token` from every logger that prints Bot API URLs, until `remove`."""
    redact = RedactToken(token)
    for name in URL_LOGGERS:
        logging.getLogger(name).addFilter(redact)
    return redact


def remove(redact: RedactToken) -> None:
    for name in URL_LOGGERS:
        logging.getLogger(name).removeFilter(redact)

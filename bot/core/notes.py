"""The few sentences about content health that people read in chats (not in files).

Lists are cut at MAX_LINES so a broken folder cannot flood a chat; the words are in the
catalogues.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.core.i18n import texts

MAX_LINES = 20


def _listed(heading: str, lines: Sequence[str], language: str | None) -> str:
    shown = list(lines[:MAX_LINES])
    if len(lines) > MAX_LINES:
        shown.append(texts(language)("reload-more", count=len(lines) - MAX_LINES))
    return heading + "\n" + "\n".join(shown)


def review_note(review_by: date, language: str | None = None) -> str:
    """The line commands add to a card awaiting review."""
    return texts(language)("review-note", date=review_by.isoformat())


def awaiting_review(global_ids: Sequence[str], language: str | None = None) -> str:
    """/status: which cards the scheduler holds back until an admin checks them."""
    return _listed(texts(language)("status-awaiting-review"), global_ids, language)


def content_warnings(lines: Sequence[str], language: str | None = None) -> str:
    """/status and /reload: warnings, which never stop the bot."""
    return _listed(texts(language)("status-warnings"), lines, language)


def serving_stored(problems: Sequence[str], language: str | None = None) -> str:
    """Told to admins once when a start finds broken files and serves the stored set."""
    return _listed(texts(language)("status-serving-stored"), problems, language)

"""The few sentences about content health that people read in chats (not in files).

Kept together so they move into the message catalogues in one step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

MAX_LINES = 20


def review_note(review_by: date) -> str:
    """The line commands add to a card awaiting review."""
    return f"Awaiting review since {review_by.isoformat()}: this may no longer be current."


def awaiting_review(global_ids: Sequence[str]) -> str:
    """/status: which cards the scheduler holds back until an admin checks them."""
    shown = "\n".join(global_ids[:MAX_LINES])
    more = f"\n... and {len(global_ids) - MAX_LINES} more" if len(global_ids) > MAX_LINES else ""
    return f"Awaiting review (not posted until their review_by date moves):\n{shown}{more}"


def content_warnings(lines: Sequence[str]) -> str:
    """/status and /reload: warnings, which never stop the bot."""
    shown = "\n".join(lines[:MAX_LINES])
    more = f"\n... and {len(lines) - MAX_LINES} more" if len(lines) > MAX_LINES else ""
    return f"Warnings (the files are served):\n{shown}{more}"


def serving_stored(problems: Sequence[str]) -> str:
    """Told to admins once when a start finds broken files and serves the stored set."""
    shown = "\n".join(problems[:MAX_LINES])
    more = f"\n... and {len(problems) - MAX_LINES} more" if len(problems) > MAX_LINES else ""
    return (
        "The fact or schedule files have errors, so the bot is serving the last good set "
        f"it stored. Fix these, then /reload:\n{shown}{more}"
    )

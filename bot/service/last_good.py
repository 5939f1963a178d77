"""The last good content set: stored after each good load, served when a start finds the
files broken, so a typo never keeps the bot down, not even across a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from bot.core import notes
from bot.core.loading import ContentHolder
from bot.core.messages import Message
from bot.core.problems import Problem
from bot.core.sources import Snapshot

log = logging.getLogger(__name__)


class ContentStore(Protocol):
    async def save_content(self, snapshot: Snapshot) -> bool: ...

    async def stored_content(self) -> tuple[Snapshot, datetime] | None: ...


async def serve_last_good(holder: ContentHolder, store: ContentStore) -> bool:
    """Serve the store's last good set; False when none is stored (a first start)."""
    stored = await store.stored_content()
    if stored is None:
        return False
    snapshot, saved_at = stored
    errors = holder.serve_stored(snapshot)
    if errors:  # only if the rules grew stricter since it was stored
        for problem in errors:
            log.error("stored set: %s", problem)
        return False
    log.warning(
        "the files have %d errors; serving the last good set stored at %s (%s)",
        len(holder.last_problems),
        saved_at.isoformat(timespec="seconds"),
        snapshot.digest()[:12],
    )
    return True


async def keep_last_good(holder: ContentHolder, store: ContentStore) -> None:
    """Store the files being served, when they come from disk; a store hiccup is logged,
    never raised: serving matters more than the copy."""
    snapshot = holder.snapshot
    if snapshot is None or holder.serving_stored:
        return
    try:
        if await store.save_content(snapshot):
            log.info("stored the files as the last good set (%s)", snapshot.digest()[:12])
    except Exception:
        log.exception("could not store the last good set")


def admin_notices(
    admins: Collection[str], problems: list[Problem]
) -> list[tuple[str, str, Message]]:
    """(platform, user id, message) for each bot admin: the files are broken and the stored
    set is served. Sent once, at the start that found them broken."""
    message = Message(paragraphs=(notes.serving_stored([str(p) for p in problems]),))
    notices = []
    for admin in sorted(admins):
        platform, _, user_id = admin.partition(":")
        if user_id:
            notices.append((platform, user_id, message))
    return notices

"""Cards with a shelf life: `review_by` marks a statement that can go stale.

From its review day on (the day being posted or previewed, passed in: no clock here) the
scheduler leaves the card out of everything it posts by itself, commands still show it
with a note, and admins are asked to check it.
"""

from __future__ import annotations

from datetime import date

from bot.core.content import CardRecord, ContentSet


def awaiting_review(rec: CardRecord, day: date) -> bool:
    """Whether `day` is on or after the card's review date."""
    review_by = rec.card.review_by
    return review_by is not None and review_by <= day


def stale_cards(content: ContentSet, day: date) -> list[CardRecord]:
    """The cards awaiting review on `day`, in content order (for /status)."""
    return [rec for rec in content.cards if awaiting_review(rec, day)]


def past_review(global_id: str, review_by: date) -> str:
    """The warning `validate` prints for a card past its review date."""
    return (
        f"card {global_id} is past its review date {review_by.isoformat()}: "
        "check it is still true, then move the date"
    )

"""Card rotation: one card at a time, every matching card once before any repeats.

The position is state that must survive restarts, so it lives behind `RotationState`;
the store persists it, and `MemoryRotationState` serves the console and tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.core.content import CardRecord


class RotationState(Protocol):
    async def shown(self, post_id: str) -> frozenset[str]:
        """Global ids already shown in the current cycle of this post."""
        ...

    async def record(self, post_id: str, card_id: str, *, new_cycle: bool) -> None:
        """Remember that `card_id` was shown; `new_cycle` forgets the previous cycle first."""
        ...


class MemoryRotationState:
    def __init__(self) -> None:
        self._shown: dict[str, set[str]] = {}

    async def shown(self, post_id: str) -> frozenset[str]:
        return frozenset(self._shown.get(post_id, ()))

    async def record(self, post_id: str, card_id: str, *, new_cycle: bool) -> None:
        seen = self._shown.setdefault(post_id, set())
        if new_cycle:
            seen.clear()
        seen.add(card_id)


def next_card(
    candidates: Sequence[CardRecord], shown: frozenset[str]
) -> tuple[CardRecord, bool] | None:
    """The next card of the cycle and whether it starts a new cycle.

    Cards keep their content order (files sorted by name, cards in file order), so a card
    added mid-cycle is shown in this cycle and a removed one is simply skipped.
    """
    if not candidates:
        return None
    for rec in candidates:
        if rec.global_id not in shown:
            return rec, False
    return candidates[0], True

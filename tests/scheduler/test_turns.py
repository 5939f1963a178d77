"""Overlapping ledger turns keep the in-doubt bound: never more than k rows `sending`.

A store that commits each turn after a scripted number of event-loop turns, so turns
finish in every order; it checks the bound at every commit. No clock is involved: the
interleavings come from a seeded script, so a run is the same on any machine.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.messages import Message
from bot.scheduler.broadcast import Broadcaster
from bot.scheduler.payload import Payload, encode
from bot.scheduler.sender import Outcome, SendOutcome
from bot.store.base import (
    PENDING,
    SENDING,
    SENT,
    Claim,
    ClaimRequest,
    OccurrenceRecord,
    Resolution,
)

DUE = datetime(2026, 7, 14, 6, tzinfo=UTC)
POST = (Message(paragraphs=("A post.",)),)


async def steps(n: int) -> None:
    for _ in range(n):
        await asyncio.sleep(0)  # one event-loop turn: an interleaving, not a wait for time


class ScriptedLedger:
    """Just what `Broadcaster` asks of a ledger, in memory, with turns of scripted length."""

    def __init__(self, targets: int, k: int, seed: int) -> None:
        self.parallel_turns = 3
        self.k = k
        self.rng = random.Random(seed)
        self.state = {i: PENDING for i in range(1, targets + 1)}
        self.platform = {i: ("telegram" if i % 3 else "discord") for i in self.state}
        self.peak_sending = 0
        self.concurrent = 0
        self.peak_concurrent = 0
        self.commits = 0

    async def step(
        self, resolutions: Sequence[Resolution], claim: ClaimRequest | None
    ) -> list[Claim]:
        self.concurrent += 1
        self.peak_concurrent = max(self.peak_concurrent, self.concurrent)
        try:
            await steps(self.rng.randint(0, 12))  # the transaction's work
        finally:
            self.concurrent -= 1
        # The commit: atomic, in whatever order the turns get here.
        for r in resolutions:
            assert self.state[r.id] == SENDING
            self.state[r.id] = r.state
        claims: list[Claim] = []
        if claim is not None:
            for platform in claim.platforms:
                for i, st in self.state.items():
                    if len(claims) < claim.limit and st == PENDING and self.platform[i] == platform:
                        self.state[i] = SENDING
                        claims.append(Claim(i, f"{platform}:{i}", platform, 1))
        sending = sum(1 for st in self.state.values() if st == SENDING)
        assert sending <= self.k, f"{sending} rows sending after a commit"
        self.peak_sending = max(self.peak_sending, sending)
        self.commits += 1
        return claims

    async def renew_leases(self, owner: str, lease: timedelta) -> int:
        return 0

    async def release(self, ids: Collection[int], owner: str) -> int:
        return 0

    async def next_retry_in(self, *key: object) -> float | None:
        return None

    async def next_lease_expiry_in(self, *key: object) -> float | None:
        return None

    async def open_counts(self, post_id: str, occurrence_key: str) -> dict[tuple[str, str], int]:
        return dict(Counter((self.platform[i], s) for i, s in self.state.items() if s != SENT))


class ScriptedSender:
    def __init__(self, platform: str, rng: random.Random) -> None:
        self.platform = platform
        self.rng = rng
        self.chats: list[str] = []

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        await steps(self.rng.randint(0, 8))  # the round trip
        self.chats.append(chat)
        return SendOutcome(Outcome.SENT, message_ids=(chat,))


@pytest.mark.parametrize("seed", range(8))
async def test_overlapping_turns_never_hold_more_than_k_rows_sending(seed: int) -> None:
    ledger = ScriptedLedger(targets=300, k=8, seed=seed)
    rng = random.Random(seed + 100)
    senders = {p: ScriptedSender(p, rng) for p in ("telegram", "discord")}
    broadcaster = Broadcaster(ledger, senders, owner="me", max_in_flight=8)  # type: ignore[arg-type]
    payload = encode(Payload({"en": POST}))
    occ = OccurrenceRecord("daily", "2026-07-14", DUE, DUE + timedelta(hours=6), payload)
    result = await broadcaster.run(occ)
    assert result.sent == 300
    assert set(ledger.state.values()) == {SENT}
    delivered = [c for s in senders.values() for c in s.chats]
    assert sorted(delivered, key=int) == [str(i) for i in range(1, 301)]  # each once
    assert ledger.peak_sending == 8  # the bound is reached, never passed
    assert ledger.peak_concurrent > 1  # turns did overlap
    assert ledger.commits < 300  # and still grouped: fewer commits than deliveries

"""A minimal stand-in for the scheduler's broadcast: what the ledger does with outcomes.

It sends one post to many chats with at most `in_flight` sends under way (docs/delivery.md
§5: the in-flight cap bounds what a crash can leave in doubt), retries RATE_LIMITED after the
wait the outcome carries and TRANSIENT with a short backoff, and records every final
outcome. Tests and `bench/telegram.py` drive the real sender with it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence

from bot.core.messages import Message
from bot.scheduler.sender import Outcome, Sender, SendOutcome

RETRYABLE = (Outcome.RATE_LIMITED, Outcome.TRANSIENT)


async def broadcast(
    sender: Sender,
    chats: Iterable[str],
    messages: Sequence[Message],
    *,
    in_flight: int = 8,
    max_attempts: int = 5,
    post_key: str = "post/occurrence",
) -> dict[str, list[SendOutcome]]:
    """Every attempt's outcome per chat, in order; the last one is final."""
    todo = list(chats)
    results: dict[str, list[SendOutcome]] = {chat: [] for chat in todo}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for chat in todo:
        queue.put_nowait(chat)

    async def worker() -> None:
        while not queue.empty():
            chat = queue.get_nowait()
            for _ in range(max_attempts):
                key = f"{post_key}/telegram:{chat}"
                outcome = await sender.send(chat, messages, delivery_key=key)
                results[chat].append(outcome)
                if outcome.outcome not in RETRYABLE:
                    break
                await asyncio.sleep(outcome.retry_after or 0.05)

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return results

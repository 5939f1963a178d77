"""The offline history check of docs/delivery.md §5: the recorder's receipts against the ledger.

A run of crashes and restarts leaves two histories: what the chats received (the
recorder) and what the ledger believes (delivery rows). `check` compares them after the
fact, Jepsen-style, and returns every broken invariant as a readable line:

- I1  no (post, occurrence, target) received twice (no policy here resends `unknown`);
- I2  every row is `sent` and received exactly once, or `failed`/`skipped` with a reason,
      or `unknown` (Telegram only) and received at most once; nothing left open;
- I3  `unknown` rows, at most k per crash;
- I4  Discord: no duplicate, no loss, nothing `unknown` (restarts inside the nonce window);
- I5  nothing received before its due time (by the bot's clock).

Receipts must also carry the delivery's fixed key, the ledger's message id, and the post.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.scheduler.ledger import nonce_for
from bot.store.base import FAILED, SENT, SKIPPED, UNKNOWN, DeliveryRow
from tests.scheduler.recorder import Receipt


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    states: Counter[tuple[str, str]] = field(default_factory=Counter)  # (platform, state)
    unknown_received: int = 0  # in-doubt rows the chat did get (sent, then the crash)

    @property
    def unknown(self) -> int:
        return sum(n for (_, state), n in self.states.items() if state == UNKNOWN)


def check(
    rows: Sequence[DeliveryRow],
    receipts: Sequence[Receipt],
    *,
    due_utc: datetime,
    k: int,
    crashes: int,
    title: str | Mapping[str, str] | None = None,
) -> Report:
    """`title`: what every chat must read, or per target (each chat its own language)."""
    report = Report()
    problems = report.problems
    by_target = {row.target: row for row in rows}
    received = Counter(r.target for r in receipts)
    for rc in receipts:
        row = by_target.get(rc.target)
        if row is None:
            problems.append(f"received by {rc.target}, which has no delivery row")
            continue
        if rc.key != nonce_for(row.post_id, row.occurrence_key, row.target):
            problems.append(f"{rc.target}: received with key {rc.key}, not the row's fixed key")
        if rc.bot_time < due_utc:
            problems.append(f"I5 {rc.target}: received at {rc.bot_time}, before due {due_utc}")
        expected = title if title is None or isinstance(title, str) else title[rc.target]
        if expected is not None and rc.title != expected:
            problems.append(f"{rc.target}: received {rc.title!r}, not {expected!r}")
        if row.state == SENT and row.message_ids != (str(rc.message_id),):
            problems.append(f"{rc.target}: ledger has ids {row.message_ids}, chat {rc.message_id}")
    for row in rows:
        report.states[(row.platform, row.state)] += 1
        n = received[row.target]
        if n > 1:
            rule = "I4" if row.platform == "discord" else "I1"
            problems.append(f"{rule} {row.target}: received {n} times (state {row.state})")
        if row.state == SENT:
            if n != 1:
                problems.append(f"I2 {row.target}: sent per the ledger, received {n} times")
        elif row.state == UNKNOWN:
            report.unknown_received += n
            if row.platform == "discord":
                problems.append(f"I4 {row.target}: Discord row in doubt, not resent")
        elif row.state in (FAILED, SKIPPED):
            if not row.last_error:
                problems.append(f"I2 {row.target}: {row.state} without a reason")
        else:
            problems.append(f"I2 {row.target}: left {row.state} (received {n} times)")
    if report.unknown > k * crashes:
        problems.append(f"I3 {report.unknown} rows in doubt after {crashes} crash(es), k={k}")
    return report

"""Two bot processes on one fresh PostgreSQL database, the same schedule, 1,000 subscribers.

Only the holder of the leader lock broadcasts (rate limits belong to the token); the other
follows and takes over when the leader dies, finishing its broadcast: the dead leader's
claimed rows wait out their lease, then are settled as the protocol says (Discord: resent
with the same nonce, deduplicated; Telegram: `unknown`, never resent).
"""

from __future__ import annotations

import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.base import SENT, UNKNOWN
from tests.scheduler.procs import Harness, K, fresh_pg, states
from tests.scheduler.recorder import Recorder

DISCORD, TELEGRAM = 400, 600
LEASE, POLL = 3.0, 0.2


@pytest.fixture
async def bots(tmp_path: Path) -> AsyncIterator[Harness]:
    async with Recorder() as recorder, fresh_pg() as url:
        harness = Harness(url, tmp_path, recorder, lease=LEASE, poll=POLL)
        await harness.subscribe(DISCORD, TELEGRAM)
        try:
            yield harness
        finally:
            await harness.kill_all()


async def test_two_instances_send_every_post_exactly_once(bots: Harness) -> None:
    recorder = bots.recorder
    recorder.hold()  # the leader's first sends wait until both instances are up
    first, second = await bots.spawn(), await bots.spawn()
    started = await recorder.wait_event("started", 2)
    assert sorted(e.data["leading"] for e in started) == [False, True]
    leader = next(e.owner for e in started if e.data["leading"])
    recorder.release()
    assert await bots.wait(first) == 0, bots.tail()
    assert await bots.wait(second) == 0, bots.tail()
    report = await bots.check(crashes=0)
    assert states(report) == {SENT: DISCORD + TELEGRAM}
    assert {r.owner for r in recorder.receipts} == {leader}
    done = {e.owner: e for e in recorder.named("done")}
    [took_over] = [e for e in recorder.named("leading") if e.owner != leader]
    assert took_over.received >= done[leader].received  # led only once the leader was gone
    assert done[took_over.owner].data["sent"] == 0  # and found nothing left to send


async def test_the_follower_finishes_when_the_leader_is_killed(bots: Harness) -> None:
    recorder = bots.recorder
    recorder.hold()
    leader = await bots.spawn("after_send:500")  # SIGKILL at its 500th answered send
    [started] = await recorder.wait_event("started")
    assert started.data["leading"]
    follower = await bots.spawn()
    [_, following] = await recorder.wait_event("started", 2)
    assert not following.data["leading"]
    recorder.release()
    assert await bots.wait(leader) == -signal.SIGKILL, bots.tail()
    died = time.monotonic()
    assert await bots.wait(follower) == 0, bots.tail()

    [took_over] = [e for e in recorder.named("leading") if e.owner == following.owner]
    assert took_over.received - died < LEASE  # a follower takes over within the lease
    old, new = recorder.by_owner(started.owner), recorder.by_owner(following.owner)
    assert len(old) >= 500 and new
    assert max(r.received for r in old) < min(r.received for r in new)  # never both at once

    report = await bots.check(crashes=1)
    # The dead leader's in-flight rows waited out their lease, then were settled: Discord
    # ones resent with their nonce (the platform drops what it had), Telegram ones left
    # `unknown`, at most k. The answered 500th send shows up one way or the other.
    assert report.unknown == report.states[("telegram", UNKNOWN)] <= K
    assert report.unknown_received + len(recorder.deduplicated) >= 1
    assert report.states[("discord", SENT)] == DISCORD
    assert states(report)[SENT] == DISCORD + TELEGRAM - report.unknown

"""Crash tests with real bot processes: SIGKILL mid-broadcast, restart, every post once.

A bot subprocess (tests/scheduler/crash_bot.py: the real store, ledger, broadcaster and
runner) broadcasts one post to 500 subscribers, 200 on Discord and 300 on Telegram,
through a recording platform; it is killed with SIGKILL at a named crash point or from
outside, restarted, and left to finish. The offline history check (tests/scheduler/
history.py) then compares what the chats received with the ledger (docs/delivery.md §5).
"""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.base import PENDING, SENDING, SENT, UNKNOWN, DeliveryRow
from tests.content import write_content
from tests.scheduler.history import Report
from tests.scheduler.procs import Harness, K, fresh_pg, states
from tests.scheduler.recorder import Recorder
from tests.scheduler.translated import TITLES, TRANSLATED

DISCORD, TELEGRAM = 200, 300
KILLED = -signal.SIGKILL


@pytest.fixture
async def recorder() -> AsyncIterator[Recorder]:
    async with Recorder() as running:
        yield running


@pytest.fixture
async def bots(tmp_path: Path, recorder: Recorder) -> AsyncIterator[Harness]:
    harness = Harness(f"sqlite:///{tmp_path / 'advocacy.db'}", tmp_path, recorder)
    await harness.subscribe(DISCORD, TELEGRAM)
    try:
        yield harness
    finally:
        await harness.kill_all()


async def crash_then_finish(bots: Harness, crash_at: str) -> dict[str, str]:
    """One crash at `crash_at`, then a clean run; returns the rows the crash left in doubt
    (target -> platform)."""
    assert await bots.run(crash_at) == KILLED, bots.tail()
    in_doubt = await bots.in_flight()  # checks I3: at most k
    assert len(bots.recorder.receipts) < DISCORD + TELEGRAM  # it died mid-way
    assert await bots.run() == 0, bots.tail()
    [restart] = bots.recorder.named("leading")[-1:]
    assert sum(restart.data["in_doubt"].values()) == len(in_doubt)  # settled at start-up
    return in_doubt


def settled_by_the_protocol(
    report: Report, rows: list[DeliveryRow], in_doubt: dict[str, str]
) -> None:
    """Each row in doubt after the crash: Discord resent with its nonce and sent once (the
    platform drops a resend it already has); Telegram `unknown`, never resent."""
    state = {r.target: r.state for r in rows}
    assert {t for t, p in in_doubt.items() if p == "discord"} <= {
        t for t, s in state.items() if s == SENT
    }
    telegram = {t for t, p in in_doubt.items() if p == "telegram"}
    assert telegram == {t for t, s in state.items() if s == UNKNOWN}
    assert report.unknown == len(telegram) <= K
    assert report.states[("discord", SENT)] == DISCORD  # Discord: none lost, none doubled
    assert states(report)[SENT] == DISCORD + TELEGRAM - report.unknown


@pytest.mark.parametrize("point", ["before_claim:12", "after_claim:12", "after_record:12"])
async def test_sigkill_at_a_crash_point_then_restart_sends_every_post_once(
    bots: Harness, point: str
) -> None:
    in_doubt = await crash_then_finish(bots, point)
    report = await bots.check(crashes=1)
    settled_by_the_protocol(report, await bots.rows(), in_doubt)


@pytest.mark.parametrize("nth", [137, 350])
async def test_sigkill_between_a_send_and_its_record(bots: Harness, nth: int) -> None:
    """The nth send was answered but never recorded, and up to k-1 others were in flight.
    A Discord one is resent at restart with the same nonce and dropped by the platform;
    a Telegram one (no idempotency key) becomes `unknown` and is not resent."""
    in_doubt = await crash_then_finish(bots, f"after_send:{nth}")
    assert in_doubt
    report = await bots.check(crashes=1)
    settled_by_the_protocol(report, await bots.rows(), in_doubt)
    deduplicated = {r.target for r in bots.recorder.deduplicated}
    assert deduplicated <= {t for t, p in in_doubt.items() if p == "discord"}
    # The answered one shows up either way: as a dropped Discord resend, or received once.
    assert len(deduplicated) + report.unknown_received >= 1


@pytest.mark.parametrize("point", ["after_send:137", "after_claim:20"])
async def test_sigkill_mid_broadcast_in_three_languages(bots: Harness, point: str) -> None:
    """Subscribers chose be, ru or nothing (English): after a SIGKILL and a restart each
    chat has its own language's post, once, from the rendering the ledger kept."""
    write_content(bots.root, TRANSLATED)
    chosen = await bots.choose_languages(["be", "ru", None])
    assert set(chosen.values()) == {"be", "ru", None}
    in_doubt = await crash_then_finish(bots, point)
    titles = {target: TITLES[language or "en"] for target, language in chosen.items()}
    report = await bots.check(crashes=1, titles=titles)
    settled_by_the_protocol(report, await bots.rows(), in_doubt)
    read = {TITLES[language or "en"] for language in chosen.values()}
    assert {r.title for r in bots.recorder.receipts} == read


async def test_sigkill_from_outside_mid_broadcast(bots: Harness) -> None:
    proc = await bots.spawn()
    await bots.recorder.wait_receipts(300)
    proc.send_signal(signal.SIGKILL)
    assert await bots.wait(proc) == KILLED
    in_doubt = await bots.in_flight()
    assert await bots.run() == 0, bots.tail()
    report = await bots.check(crashes=1)
    settled_by_the_protocol(report, await bots.rows(), in_doubt)


async def test_sigterm_stops_gracefully_with_nothing_in_doubt(bots: Harness) -> None:
    proc = await bots.spawn()
    await bots.recorder.wait_receipts(250)
    proc.send_signal(signal.SIGTERM)
    # A hang guard, not a timing assertion: the stop is bounded by the bot's drain grace.
    assert await bots.wait(proc, deadline=60) == 0, bots.tail()
    [done] = bots.recorder.named("done")
    assert done.data["signalled"]
    rows = await bots.rows()
    left = {r.state for r in rows if r.state != SENT}
    assert left == {PENDING}  # stopped mid-way, with no row in doubt (no sending, no unknown)
    assert await bots.run() == 0, bots.tail()
    report = await bots.check(crashes=0)
    assert states(report) == {SENT: DISCORD + TELEGRAM}
    assert bots.recorder.named("leading")[-1].data["in_doubt"] == {"retry": 0, "unknown": 0}


async def test_repeated_crashes_on_postgresql(tmp_path: Path, recorder: Recorder) -> None:
    """Six SIGKILLs in a row, at every point and from outside, on PostgreSQL (where a
    restarted bot waits out its dead predecessor's leases), then a clean finish."""
    async with fresh_pg() as url:
        bots = Harness(url, tmp_path, recorder, lease=1.5)
        await bots.subscribe(DISCORD, TELEGRAM)
        try:
            crashes = 0
            for point in ("after_send:120", "before_claim:5", "after_claim:5", "after_record:5"):
                assert await bots.run(point) == KILLED, bots.tail()
                crashes += 1
                # Leases of 1.5 s: a bot killed soon after a restart leaves its
                # predecessor's rows unsettled too; each dead bot left at most k.
                assert len(await bots.in_flight()) <= K * crashes
            assert await bots.run("after_send:150") == KILLED, bots.tail()
            assert len(recorder.receipts) < DISCORD + TELEGRAM - 40  # room for one more
            proc = await bots.spawn()
            await recorder.wait_receipts(len(recorder.receipts) + 40)
            proc.send_signal(signal.SIGKILL)
            assert await bots.wait(proc) == KILLED
            crashes += 2
            assert len(await bots.in_flight()) <= K * crashes
            assert await bots.run() == 0, bots.tail()
            report = await bots.check(crashes=crashes)
            assert report.states[("discord", SENT)] == DISCORD
            assert report.states[("telegram", UNKNOWN)] == report.unknown
            assert SENDING not in states(report)
        finally:
            await bots.kill_all()


def test_the_crash_switch_is_only_in_the_test_script() -> None:
    """ADVOCACY_CRASH_AT must never reach production code."""
    root = Path(__file__).resolve().parents[2] / "bot"
    users = [p for p in root.rglob("*.py") if "ADVOCACY_CRASH_AT" in p.read_text("utf-8")]
    assert users == []


async def test_the_recorder_dedupes_discord_by_nonce_but_not_telegram(recorder: Recorder) -> None:
    import aiohttp

    body = {"delivery_key": "k1", "owner": "t", "bot_time": "2026-07-14T06:00:00+00:00"}
    async with aiohttp.ClientSession() as http:
        for platform in ("discord", "discord", "telegram", "telegram"):
            payload = {**body, "platform": platform, "target": f"{platform}:1"}
            async with http.post(f"{recorder.url}/send", json=payload) as resp:
                assert resp.status == 200
    assert [r.platform for r in recorder.receipts] == ["discord", "telegram", "telegram"]
    assert [r.message_id for r in recorder.deduplicated] == [recorder.receipts[0].message_id]

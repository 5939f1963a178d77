"""Subscriptions, chat settings and rotation positions: the same contract on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.store.sql import SqlStore

NOW = datetime(2026, 7, 14, 9, 0, tzinfo=UTC)


async def _sub(store: SqlStore, platform: str, chat: str) -> bool:
    return await store.subscribe(
        platform, chat, chat_kind="group", title="A group", subscribed_by="42", now=NOW
    )


async def test_subscribe_is_idempotent_and_says_so(store: SqlStore) -> None:
    assert await _sub(store, "telegram", "-100123") is True
    assert await _sub(store, "telegram", "-100123") is False
    sub = await store.get_subscription("telegram", "-100123")
    assert sub is not None
    assert (sub.active, sub.chat_kind, sub.title, sub.subscribed_by) == (
        True,
        "group",
        "A group",
        "42",
    )
    assert sub.subscribed_at == NOW
    assert sub.target == "telegram:-100123"


async def test_unsubscribe_then_subscribe_again(store: SqlStore) -> None:
    assert await store.unsubscribe("telegram", "1", reason="user") is False  # never subscribed
    await _sub(store, "telegram", "1")
    assert await store.unsubscribe("telegram", "1", reason="user") is True
    assert await store.unsubscribe("telegram", "1", reason="user") is False
    sub = await store.get_subscription("telegram", "1")
    assert sub is not None and not sub.active and sub.deactivated_reason == "user"
    assert await _sub(store, "telegram", "1") is True
    sub = await store.get_subscription("telegram", "1")
    assert sub is not None and sub.active and sub.deactivated_reason is None


async def test_counts_per_platform_only_count_active(store: SqlStore) -> None:
    for chat in ("1", "2", "3"):
        await _sub(store, "telegram", chat)
    await _sub(store, "discord", "123456789012345678")
    await store.unsubscribe("telegram", "2", reason="user")
    assert await store.subscriber_counts() == {"telegram": 2, "discord": 1}


async def test_active_subscriptions_stream_in_batches_in_a_stable_order(store: SqlStore) -> None:
    for i in range(25):
        await _sub(store, "telegram", f"{i:03d}")
    await _sub(store, "console", "console")
    await store.unsubscribe("telegram", "007", reason="gone")
    seen = [s.target async for s in store.active_subscriptions(batch=4)]
    assert seen[0] == "console"
    assert len(seen) == 25 and len(set(seen)) == 25
    assert "telegram:007" not in seen


async def test_migrate_moves_a_subscription_to_the_new_chat_id(store: SqlStore) -> None:
    await _sub(store, "telegram", "-123")
    await store.migrate_chat("telegram", "-123", "-100123")
    assert await store.get_subscription("telegram", "-123") is None
    moved = await store.get_subscription("telegram", "-100123")
    assert moved is not None and moved.active and moved.title == "A group"


async def test_migrate_onto_an_existing_subscription_keeps_one(store: SqlStore) -> None:
    await _sub(store, "telegram", "-123")
    await _sub(store, "telegram", "-100123")
    await store.migrate_chat("telegram", "-123", "-100123")
    assert await store.subscriber_counts() == {"telegram": 1}


async def test_chat_language_is_kept_per_chat(store: SqlStore) -> None:
    assert await store.get_language("telegram", "1") is None
    await store.set_language("telegram", "1", "be", now=NOW)
    await store.set_language("telegram", "1", "ru", now=NOW)
    await store.set_language("discord", "1", "en", now=NOW)
    assert await store.get_language("telegram", "1") == "ru"
    assert await store.get_language("discord", "1") == "en"
    await store.set_language("telegram", "1", None, now=NOW)
    assert await store.get_language("telegram", "1") is None


async def test_rotation_positions_survive_and_start_new_cycles(store: SqlStore) -> None:
    assert await store.shown("weekly") == frozenset()
    await store.record("weekly", "a/one", new_cycle=False)
    await store.record("weekly", "a/two", new_cycle=False)
    await store.record("other", "a/one", new_cycle=False)
    assert await store.shown("weekly") == {"a/one", "a/two"}
    await store.record("weekly", "a/one", new_cycle=True)
    assert await store.shown("weekly") == {"a/one"}
    await store.record("weekly", "a/two", new_cycle=False)
    assert await store.shown("weekly") == {"a/one", "a/two"}
    assert await store.shown("other") == {"a/one"}

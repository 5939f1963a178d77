"""The last good content set: kept per backend, replaced only by different files."""

from __future__ import annotations

from bot.core.sources import Snapshot, SourceFile
from bot.store.sql import SqlStore

FIRST = Snapshot(
    facts=(SourceFile("facts/a.yaml", "cards: []  # «Вясна»\n".encode()),),
    schedules=(SourceFile("schedules/s.yaml", b"timezone: UTC\nposts: []\n"),),
)
SECOND = Snapshot(facts=(SourceFile("facts/b.yaml", b"cards: []\n"),))


async def test_nothing_is_stored_before_the_first_good_load(store: SqlStore) -> None:
    assert await store.stored_content() is None


async def test_the_stored_set_comes_back_byte_for_byte_and_is_replaced(store: SqlStore) -> None:
    assert await store.save_content(FIRST) is True
    assert await store.save_content(FIRST) is False  # same hash: nothing to write
    stored = await store.stored_content()
    assert stored is not None
    assert stored[0] == FIRST
    assert stored[0].digest() == FIRST.digest()
    assert await store.save_content(SECOND) is True
    again = await store.stored_content()
    assert again is not None
    assert again[0] == SECOND

"""The service's search index follows reloads, and is built off the event loop."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.core.search import SearchIndex
from bot.service.bot_service import BotService
from tests.content import NOW, ONE_CARD, TWO_CARDS, write_content


async def test_warm_builds_the_index_in_a_thread_and_index_follows_reloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts, schedules = write_content(tmp_path, ONE_CARD)
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []
    service = BotService(holder, FakeClock(NOW))

    builders: list[str] = []
    real_build = SearchIndex.build

    def build(content: object) -> SearchIndex:
        builders.append(threading.current_thread().name)
        return real_build(content)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndex, "build", staticmethod(build))

    await service.warm()
    assert builders and builders[0] != threading.main_thread().name
    first = service.index()
    assert service.index() is first and len(builders) == 1  # cached: no rebuild
    assert [h.card_id for h in service.find_cards("nobel", None, 0, 5)[0]] == []

    write_content(tmp_path, TWO_CARDS)
    assert holder.load() == []
    await service.warm()
    assert service.index() is not first
    hits, _ = service.find_cards("nobel", None, 0, 5)
    assert [h.card_id for h in hits] == ["ales-bialiatski/nobel-2022"]

"""The bot's Prometheus metrics, in a registry of its own.

Each App owns one `Metrics` with its own `CollectorRegistry`, never the process-wide
default one, so two bots in one process (tests do that) count separately. Counters are
bumped where things happen; gauges that describe state (adapters up, cards loaded, the
next run) are read at scrape time from callables, so they can never go stale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from bot.scheduler.broadcast import BroadcastResult
from bot.scheduler.sender import SendOutcome
from bot.store.base import UNKNOWN

PREFIX = "advocacy_bot"
CONTENT_TYPE = CONTENT_TYPE_LATEST
# A broadcast to a few hundred chats paced by the platforms' limits takes minutes.
BROADCAST_BUCKETS = (0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, float("inf"))


class Metrics:
    def __init__(self) -> None:
        self.registry = r = CollectorRegistry(auto_describe=True)
        self.deliveries = Counter(
            f"{PREFIX}_deliveries",
            "Send attempts of scheduled posts, by platform and outcome",
            ["platform", "outcome"],
            registry=r,
        )
        self.in_doubt = Counter(
            f"{PREFIX}_deliveries_in_doubt",
            "Deliveries settled as in doubt (maybe delivered, never resent)",
            registry=r,
        )
        self.broadcast_seconds = Histogram(
            f"{PREFIX}_broadcast_duration_seconds",
            "Time to send one occurrence of a post to all its targets",
            buckets=BROADCAST_BUCKETS,
            registry=r,
        )
        self.commands = Counter(
            f"{PREFIX}_commands",
            "Commands answered, by name and outcome (ok or error)",
            ["command", "outcome"],
            registry=r,
        )
        self.reloads = Counter(
            f"{PREFIX}_reloads",
            "Reloads of the fact and schedule files, by outcome (success or failure)",
            ["outcome"],
            registry=r,
        )
        self._adapter_up = Gauge(
            f"{PREFIX}_adapter_up", "1 while an adapter is connected", ["platform"], registry=r
        )
        self._cards = Gauge(f"{PREFIX}_content_cards", "Fact cards loaded", registry=r)
        self._next_run = Gauge(
            f"{PREFIX}_next_run_timestamp_seconds",
            "When the next scheduled post is due (Unix time; 0 when none)",
            registry=r,
        )

    # -- events -------------------------------------------------------------------------
    def sent(self, platform: str, outcome: SendOutcome) -> None:
        self.deliveries.labels(platform, outcome.outcome.value).inc()

    def broadcast(self, result: BroadcastResult) -> None:
        self.broadcast_seconds.observe(result.seconds)
        self.in_doubt.inc(result.outcomes[UNKNOWN])

    def command(self, name: str, *, ok: bool) -> None:
        self.commands.labels(name, "ok" if ok else "error").inc()

    def reloaded(self, *, ok: bool) -> None:
        self.reloads.labels("success" if ok else "failure").inc()

    def settled_in_doubt(self, count: int) -> None:
        self.in_doubt.inc(count)

    # -- state, read at scrape time -------------------------------------------------------
    def watch_adapters(self, up: Sequence[tuple[str, Callable[[], bool]]]) -> None:
        for platform, is_up in up:
            self._adapter_up.labels(platform).set_function(_as_float(is_up))

    def watch_content(
        self, cards: Callable[[], int], next_run: Callable[[], datetime | None]
    ) -> None:
        self._cards.set_function(lambda: float(cards()))
        self._next_run.set_function(lambda: _timestamp(next_run()))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def _as_float(flag: Callable[[], bool]) -> Callable[[], float]:
    return lambda: float(flag())


def _timestamp(moment: datetime | None) -> float:
    return 0.0 if moment is None else moment.timestamp()

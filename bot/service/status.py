"""Reply builders for the admin commands /status, /reload and /preview.

Plain data in, a `Reply` out: the caller (the bot service) gathers the figures, so these
functions are easy to test and never touch a platform or the clock themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from bot.core import notes
from bot.core.content import ContentSet
from bot.core.i18n import Texts, texts
from bot.core.messages import Message, Post, Reply
from bot.core.problems import Problem
from bot.core.timing import Occurrence
from bot.scheduler.broadcast import BroadcastResult
from bot.scheduler.due import NextRun
from bot.store.base import DeliveryRow, LedgerStore, SubscriptionStore

MAX_PROBLEMS = 20


def _uptime(seconds: float) -> str:
    delta = timedelta(seconds=int(seconds))
    days, rest = delta.days, delta.seconds
    hours, minutes = rest // 3600, rest % 3600 // 60
    return f"{days}d {hours}h {minutes}m" if days else f"{hours}h {minutes}m"


def _row_line(row: DeliveryRow, t: Texts) -> str:
    return (
        f"{row.post_id} {row.occurrence_key} -> {row.target}: {row.state}"
        f" ({row.last_error or t('status-no-detail')})"
    )


async def status_reply(
    *,
    version: str,
    uptime_seconds: float,
    content: ContentSet,
    next_runs: Sequence[NextRun],
    subscriptions: SubscriptionStore,
    ledger: LedgerStore,
    results: Iterable[BroadcastResult] = (),
    reload_problems: Sequence[Problem] = (),
    language: str | None = None,
    warnings: Sequence[Problem] = (),
    awaiting: Sequence[str] = (),
    from_store: bool = False,
) -> Reply:
    """Version, uptime, what is loaded, the next runs, subscribers, and what went wrong."""
    t = texts(language)
    counts = await subscriptions.subscriber_counts()
    recent = await ledger.recent_occurrences(5)
    problems = await ledger.problem_deliveries(MAX_PROBLEMS)
    paragraphs = [
        t("status-version", version=version, uptime=_uptime(uptime_seconds)),
        t("status-loaded", loaded=_cards_and_posts(content, t)),
    ]
    if reload_problems and from_store:
        paragraphs.append(notes.serving_stored([str(p) for p in reload_problems], language))
    elif reload_problems:
        paragraphs.append(
            t("status-reload-failed")
            + "\n"
            + "\n".join(str(p) for p in reload_problems[:MAX_PROBLEMS])
        )
    if warnings:
        paragraphs.append(notes.content_warnings([str(p) for p in warnings], language))
    if awaiting:
        paragraphs.append(notes.awaiting_review(awaiting, language))
    runs = [f"{r.occurrence.local.strftime('%Y-%m-%d %H:%M %Z')}  {r.post_id}" for r in next_runs]
    paragraphs.append(
        t("status-next-runs") + "\n" + ("\n".join(runs) if runs else t("status-none-scheduled"))
    )
    subs = ", ".join(f"{p}: {n}" for p, n in sorted(counts.items())) or t("status-none")
    paragraphs.append(t("status-subscribers", counts=subs))
    if recent:
        lines = []
        for occ in recent:
            tally = ", ".join(f"{s} {n}" for s, n in sorted(occ.counts.items()))
            lines.append(
                f"{occ.post_id} {occ.occurrence_key}: {tally or t('status-nothing-to-say')}"
            )
        paragraphs.append(t("status-last-broadcasts") + "\n" + "\n".join(lines))
    waiting: dict[str, int] = {}
    for result in results:
        for platform, n in result.unserved.items():
            waiting[platform] = waiting.get(platform, 0) + n
    if waiting:
        tally = ", ".join(f"{p} {n}" for p, n in sorted(waiting.items()))
        paragraphs.append(t("status-waiting", counts=tally))
    if problems:
        doubt = [p for p in problems if p.state == "unknown"]
        failed = [p for p in problems if p.state == "failed"]
        if failed:
            paragraphs.append(_rows(t("status-failures"), failed, t))
        if doubt:
            paragraphs.append(_rows(t("status-in-doubt"), doubt, t))
    else:
        paragraphs.append(t("status-all-delivered"))
    return Reply((Message(title=t("status-title"), paragraphs=tuple(paragraphs)),), private=True)


def _rows(heading: str, rows: Sequence[DeliveryRow], t: Texts) -> str:
    return heading + "\n" + "\n".join(_row_line(r, t) for r in rows)


def reload_reply(
    problems: Sequence[Problem],
    content: ContentSet | None = None,
    language: str | None = None,
    warnings: Sequence[Problem] = (),
    awaiting: Sequence[str] = (),
) -> Reply:
    """Each problem as `file:line:column: message`, or what is now loaded, its warnings
    and the cards held back for review: what an admin who just edited a file checks."""
    t = texts(language)
    if problems:
        lines = [str(p) for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(t("reload-more", count=len(problems) - MAX_PROBLEMS))
        message = Message(title=t("reload-failed-title"), paragraphs=("\n".join(lines),))
    else:
        loaded = _cards_and_posts(content, t) if content else t("reloaded-done")
        said = [t("reloaded", loaded=loaded)]
        if warnings:
            said.append(notes.content_warnings([str(p) for p in warnings], language))
        if awaiting:
            said.append(notes.awaiting_review(awaiting, language))
        message = Message(title=t("reloaded-title"), paragraphs=tuple(said))
    return Reply((message,), private=True)


def preview_reply(
    day: date, found: Sequence[tuple[Occurrence, Post]], language: str | None = None
) -> Reply:
    """The posts of `day`, each headed by its time and targets."""
    t = texts(language)
    if not found:
        return Reply(
            (Message(paragraphs=(t("preview-nothing", date=day.isoformat()),)),), private=True
        )
    messages: list[Message] = []
    for occ, post in found:
        heading = t(
            "preview-heading",
            post=post.post_id,
            time=occ.local.strftime("%H:%M %Z"),
            targets=", ".join(post.targets),
        )
        messages.append(Message(paragraphs=(heading,)))
        messages.extend(post.messages)
    return Reply(tuple(messages), private=True)


def _cards_and_posts(content: ContentSet, t: Texts) -> str:
    return t("cards-and-posts", cards=len(content.cards), posts=len(content.posts))

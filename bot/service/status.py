"""Reply builders for the admin commands /status, /reload and /preview.

Plain data in, a `Reply` out: the caller (the bot service) gathers the figures, so these
functions are easy to test and never touch a platform or the clock themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from bot.core import notes
from bot.core.content import ContentSet
from bot.core.messages import Message, Post, Reply
from bot.core.problems import Problem
from bot.core.timing import Occurrence
from bot.core.wording import plural
from bot.scheduler.broadcast import BroadcastResult
from bot.scheduler.due import NextRun
from bot.store.base import DeliveryRow, LedgerStore, SubscriptionStore

MAX_PROBLEMS = 20


def _uptime(seconds: float) -> str:
    delta = timedelta(seconds=int(seconds))
    days, rest = delta.days, delta.seconds
    hours, minutes = rest // 3600, rest % 3600 // 60
    return f"{days}d {hours}h {minutes}m" if days else f"{hours}h {minutes}m"


def _row_line(row: DeliveryRow) -> str:
    return (
        f"{row.post_id} {row.occurrence_key} -> {row.target}: {row.state}"
        f" ({row.last_error or 'no detail'})"
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
    warnings: Sequence[Problem] = (),
    awaiting: Sequence[str] = (),
    from_store: bool = False,
) -> Reply:
    """Version, uptime, what is loaded, the next runs, subscribers, and what went wrong."""
    counts = await subscriptions.subscriber_counts()
    recent = await ledger.recent_occurrences(5)
    problems = await ledger.problem_deliveries(MAX_PROBLEMS)
    paragraphs = [
        f"Version {version}, up {_uptime(uptime_seconds)}.",
        f"Loaded {plural(len(content.cards), 'card')} and {plural(len(content.posts), 'post')}.",
    ]
    if reload_problems and from_store:
        paragraphs.append(notes.serving_stored([str(p) for p in reload_problems]))
    elif reload_problems:
        paragraphs.append(
            "The last reload failed; still serving the previous files:\n"
            + "\n".join(str(p) for p in reload_problems[:MAX_PROBLEMS])
        )
    if warnings:
        paragraphs.append(notes.content_warnings([str(p) for p in warnings]))
    if awaiting:
        paragraphs.append(notes.awaiting_review(awaiting))
    runs = [f"{r.occurrence.local.strftime('%Y-%m-%d %H:%M %Z')}  {r.post_id}" for r in next_runs]
    paragraphs.append("Next runs:\n" + ("\n".join(runs) if runs else "none scheduled"))
    subs = ", ".join(f"{p}: {n}" for p, n in sorted(counts.items())) or "none"
    paragraphs.append(f"Subscribers: {subs}.")
    if recent:
        lines = []
        for occ in recent:
            tally = ", ".join(f"{s} {n}" for s, n in sorted(occ.counts.items())) or "nothing to say"
            lines.append(f"{occ.post_id} {occ.occurrence_key}: {tally}")
        paragraphs.append("Last broadcasts:\n" + "\n".join(lines))
    waiting: dict[str, int] = {}
    for result in results:
        for platform, n in result.unserved.items():
            waiting[platform] = waiting.get(platform, 0) + n
    if waiting:
        paragraphs.append(
            "Waiting for a sender: "
            + ", ".join(f"{p} {n}" for p, n in sorted(waiting.items()))
            + " (is that platform's token set?)"
        )
    if problems:
        doubt = [p for p in problems if p.state == "unknown"]
        failed = [p for p in problems if p.state == "failed"]
        if failed:
            paragraphs.append("Failures:\n" + "\n".join(_row_line(r) for r in failed))
        if doubt:
            paragraphs.append(
                "In doubt (may or may not have arrived; not resent):\n"
                + "\n".join(_row_line(r) for r in doubt)
            )
    else:
        paragraphs.append("No failed or in-doubt deliveries.")
    return Reply((Message(title="Status", paragraphs=tuple(paragraphs)),), private=True)


def reload_reply(
    problems: Sequence[Problem],
    content: ContentSet | None = None,
    warnings: Sequence[Problem] = (),
) -> Reply:
    """Each problem as `file:line:column: message`, or what is now loaded."""
    if problems:
        lines = [str(p) for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(f"... and {len(problems) - MAX_PROBLEMS} more")
        message = Message(
            title="Reload failed: still serving the last good files",
            paragraphs=("\n".join(lines),),
        )
    else:
        loaded = (
            f"{plural(len(content.cards), 'card')}, {plural(len(content.posts), 'post')}"
            if content
            else "done"
        )
        said = [f"Now serving {loaded}."]
        if warnings:
            said.append(notes.content_warnings([str(p) for p in warnings]))
        message = Message(title="Reloaded", paragraphs=tuple(said))
    return Reply((message,), private=True)


def preview_reply(day: date, found: Sequence[tuple[Occurrence, Post]]) -> Reply:
    """The posts of `day`, each headed by its time and targets."""
    if not found:
        return Reply(
            (Message(paragraphs=(f"Nothing would be posted on {day.isoformat()}.",)),),
            private=True,
        )
    messages: list[Message] = []
    for occ, post in found:
        when = occ.local.strftime("%H:%M %Z")
        messages.append(
            Message(paragraphs=(f"{post.post_id} at {when} to {', '.join(post.targets)}:",))
        )
        messages.extend(post.messages)
    return Reply(tuple(messages), private=True)

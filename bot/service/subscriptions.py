"""/subscribe, /unsubscribe and /language: the chat commands that change the store.

Who may change a chat's subscription: in a private chat, the person in it; in a group or
channel, that chat's admins (asked from the platform, only when needed) or a bot admin
from ADVOCACY_ADMINS. Everyone else gets a polite refusal. Repeating a command is safe and
says what the state already was.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.core.commands.context import ChatContext
from bot.core.fields import LANG_PATTERN
from bot.core.messages import Message, Reply
from bot.scheduler.clock import SystemClock
from bot.settings import Settings
from bot.store.base import ChatSettingsStore, SubscriptionStore

REFUSAL = (
    "Sorry, only this chat's admins can change its subscription. "
    "Ask one of them to send the command."
)

NOT_A_CODE = (
    "Sorry, that is not a language code. "
    "Usage: /language <code>, e.g. /language be; /language default clears it."
)


def _reply(text: str, *, private: bool = False) -> Reply:
    return Reply((Message(paragraphs=(text,)),), private=private)


async def may_manage(ctx: ChatContext, settings: Settings) -> bool:
    """Whether the sender may change this chat's subscription or settings."""
    if ctx.chat_kind == "private" or ctx.platform == "console":
        return True
    if ctx.is_bot_admin or settings.is_admin(ctx.platform, ctx.user_id):
        return True
    return ctx.chat_admin is not None and await ctx.chat_admin()


async def subscribe(
    ctx: ChatContext,
    store: SubscriptionStore,
    settings: Settings,
    *,
    now: datetime | None = None,
) -> Reply:
    if not await may_manage(ctx, settings):
        return _reply(REFUSAL, private=True)
    added = await store.subscribe(
        ctx.platform,
        ctx.chat_id,
        chat_kind=ctx.chat_kind,
        title=ctx.chat_title,
        subscribed_by=ctx.user_id,
        now=now or SystemClock().now(),
    )
    if added:
        return _reply(
            "Subscribed: this chat will get the scheduled posts. Send /unsubscribe to stop."
        )
    return _reply("This chat is already subscribed. Send /unsubscribe to stop the posts.")


async def unsubscribe(ctx: ChatContext, store: SubscriptionStore, settings: Settings) -> Reply:
    if not await may_manage(ctx, settings):
        return _reply(REFUSAL, private=True)
    who = f"{ctx.platform}:{ctx.user_id}" if ctx.user_id else "a chat admin"
    if await store.unsubscribe(ctx.platform, ctx.chat_id, reason=f"/unsubscribe by {who}"):
        return _reply("Unsubscribed: no more scheduled posts here. Send /subscribe to resume.")
    return _reply("This chat is not subscribed. Send /subscribe to get the scheduled posts.")


_LANG = re.compile(LANG_PATTERN)


async def set_language(
    ctx: ChatContext,
    args: str,
    store: ChatSettingsStore,
    settings: Settings,
    *,
    now: datetime | None = None,
) -> Reply:
    """`/language be` sets the chat's language for cards that have that translation;
    `/language` alone shows it, `/language default` clears it."""
    code = args.strip()
    if not code:
        current = await store.get_language(ctx.platform, ctx.chat_id)
        shown = current or "not set (English, or each person's own language)"
        return _reply(f"This chat's language: {shown}.", private=True)
    if not await may_manage(ctx, settings):
        return _reply(REFUSAL.replace("subscription", "settings"), private=True)
    if code == "default":
        await store.set_language(ctx.platform, ctx.chat_id, None, now=now or SystemClock().now())
        return _reply(
            "Language reset: cards are shown in each person's own language where "
            "translated, else English."
        )
    if not _LANG.match(code):
        return _reply(NOT_A_CODE, private=True)
    await store.set_language(ctx.platform, ctx.chat_id, code, now=now or SystemClock().now())
    return _reply(f"Language set to {code}: cards with a {code} translation are shown in it.")

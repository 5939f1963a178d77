"""/subscribe, /unsubscribe and /language: the chat commands that change the store.

Who may change a chat's subscription: in a private chat, the person in it; in a group or
channel, that chat's admins (asked from the platform, only when needed) or a bot admin
from ADVOCACY_ADMINS. Everyone else gets a polite refusal. Repeating a command is safe and
says what the state already was.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.core.clock import SystemClock
from bot.core.commands.context import ChatContext
from bot.core.commands.replies import echo
from bot.core.fields import LANG_PATTERN
from bot.core.i18n import bundled, texts
from bot.core.messages import Item, Message, Reply
from bot.settings import Settings
from bot.store.base import ChatSettingsStore, SubscriptionStore

_LANG = re.compile(LANG_PATTERN)


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
    t = texts(ctx.language)
    if not await may_manage(ctx, settings):
        return _reply(t("refusal-subscription"), private=True)
    added = await store.subscribe(
        ctx.platform,
        ctx.chat_id,
        chat_kind=ctx.chat_kind,
        title=ctx.chat_title,
        subscribed_by=ctx.user_id,
        now=now or SystemClock().now(),
    )
    return _reply(t("subscribed" if added else "already-subscribed"))


async def unsubscribe(ctx: ChatContext, store: SubscriptionStore, settings: Settings) -> Reply:
    t = texts(ctx.language)
    if not await may_manage(ctx, settings):
        return _reply(t("refusal-subscription"), private=True)
    who = f"{ctx.platform}:{ctx.user_id}" if ctx.user_id else "a chat admin"
    if await store.unsubscribe(ctx.platform, ctx.chat_id, reason=f"/unsubscribe by {who}"):
        return _reply(t("unsubscribed"))
    return _reply(t("not-subscribed"))


def no_post_for_subscribers(language: str | None) -> Message:
    """Added to /subscribe's answer when no post goes to subscribers, or the chat would
    wait for posts that never come."""
    return Message(paragraphs=(texts(language)("no-post-for-subscribers"),))


async def set_language(
    ctx: ChatContext,
    args: str,
    store: ChatSettingsStore,
    settings: Settings,
    *,
    now: datetime | None = None,
) -> Reply:
    """`/language be` sets the chat's language; `/language` alone lists the languages and
    marks the chat's, `/language default` clears it. Only a code the bot speaks is stored."""
    t = texts(ctx.language)
    catalogues = bundled()
    code = args.strip()
    if not code:
        current = catalogues.supported(await store.get_language(ctx.platform, ctx.chat_id))
        if current:
            state = t("language-current", language=catalogues.own_name(current), code=current)
        else:
            state = t("language-not-set")
        items = tuple(
            Item(c, t("language-marked", language=name) if c == current else name)
            for c, name in _choices()
        )
        return Reply((Message(paragraphs=(state, t("language-how")), items=items),), private=True)
    if not await may_manage(ctx, settings):
        return _reply(t("refusal-settings"), private=True)
    when = now or SystemClock().now()
    if code.lower() == "default":
        await store.set_language(ctx.platform, ctx.chat_id, None, now=when)
        return _reply(t("language-reset"))
    chosen = _spoken(code)
    if chosen is None:
        choices = ", ".join(f"{c} ({name})" for c, name in _choices())
        return _reply(t("language-unknown", code=echo(code), choices=choices), private=True)
    await store.set_language(ctx.platform, ctx.chat_id, chosen, now=when)
    # Said in the language just chosen: the first answer the chat gets in it.
    said = texts(chosen)("language-set", language=catalogues.own_name(chosen), code=chosen)
    return _reply(said)


def _spoken(code: str) -> str | None:
    """'ru', 'RU', 'be_BY', 'be-BY' -> the language the bot speaks; anything else None."""
    tag = code.replace("_", "-")
    if not _LANG.match(tag.lower()):
        return None
    return bundled().supported(tag)


def _choices() -> list[tuple[str, str]]:
    """Every language the bot speaks, by code, with its own name."""
    catalogues = bundled()
    return [(c, catalogues.own_name(c)) for c in sorted(catalogues.languages)]

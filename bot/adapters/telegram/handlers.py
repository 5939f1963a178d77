"""Updates in: commands, button presses and group migrations, turned into BotApi calls.

One handler serves every command instead of one CommandHandler each, because the rules
are ours, not PTB's: commands come from messages *and* channel posts, `/facts@OtherBot` is
someone else's, an unknown command in a group is usually another bot's (ignored) while in
a private chat it gets a hint, and a channel's own copy of a post forwarded into its
discussion group must not run the command a second time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from telegram import Chat, ChatMember, Message, Update, User
from telegram.constants import ChatType, MessageEntityType
from telegram.ext import ContextTypes

from bot.adapters.telegram.admins import ChatAdmins
from bot.adapters.telegram.keyboard import Keyboards
from bot.adapters.telegram.ratelimit import Lane
from bot.adapters.telegram.sender import TelegramSender
from bot.core.commands.context import ChatContext, ChatKind
from bot.core.commands.registry import COMMANDS
from bot.core.i18n import texts
from bot.core.messages import Message as Text
from bot.core.messages import Reply, in_language
from bot.scheduler.sender import Outcome
from bot.service.api import BotApi

ADMIN_COMMANDS = frozenset(c.name for c in COMMANDS if c.admin_only)

log = logging.getLogger(__name__)

KNOWN = frozenset(c.name for c in COMMANDS)
ALIASES = {"start": "help"}  # Telegram clients send /start when a person opens the bot


def parse_command(text: str, length: int, bot_username: str) -> tuple[str, str] | None:
    """(name, args) for a message starting with a bot_command entity of `length`.

    None when the command is addressed to another bot (`/facts@OtherBot`).
    """
    word, args = text[:length], text[length:].strip()
    name, _, addressee = word[1:].partition("@")
    if addressee and addressee.lower() != bot_username.lower():
        return None
    name = name.lower()
    return ALIASES.get(name, name), args


def chat_kind(chat: Chat) -> ChatKind:
    if chat.type == ChatType.CHANNEL:
        return "channel"
    return "private" if chat.type == ChatType.PRIVATE else "group"


class Handlers:
    """The update callbacks for one adapter; the application registers the bound methods."""

    def __init__(
        self,
        api: BotApi,
        sender: TelegramSender,
        admins: ChatAdmins,
        keyboards: Keyboards,
        bot_username: Callable[[], str],
    ) -> None:
        self._api = api
        self._sender = sender
        self._admins = admins
        self._keyboards = keyboards
        self._username = bot_username

    def context(self, chat: Chat, who: User | None, message: Message | None) -> ChatContext:
        """The ChatContext of a chat, with `chat_admin` answering for `who` (or the poster)."""
        kind = chat_kind(chat)

        async def chat_admin() -> bool:
            if kind in ("private", "channel"):
                # A private chat is the user's own; only a channel's admins can post in it.
                return True
            if message is not None and message.sender_chat is not None:
                # Anonymous group admins post as the group itself.
                return message.sender_chat.id == chat.id
            if who is None:
                return False
            return await self._admins.is_chat_admin(chat.id, who.id)

        return ChatContext(
            platform="telegram",
            chat_id=str(chat.id),
            chat_kind=kind,
            user_id=None if who is None else str(who.id),
            language=None if who is None else who.language_code,
            is_bot_admin=self._admins.is_bot_admin(None if who is None else who.id),
            chat_title=chat.title or chat.full_name or chat.username,
            chat_admin=chat_admin,
        )

    async def on_command(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.text or message.is_automatic_forward:
            return
        entity = message.entities[0] if message.entities else None
        if entity is None or entity.type != MessageEntityType.BOT_COMMAND or entity.offset:
            return
        parsed = parse_command(message.text, entity.length, self._username())
        if parsed is None:
            return
        name, args = parsed
        chat = message.chat
        if name not in KNOWN and chat.type != ChatType.PRIVATE:
            return  # probably another bot's command
        ctx = self.context(chat, message.from_user, message)
        await self._run(
            name, args, ctx, message.message_thread_id if message.is_topic_message else None
        )

    async def on_callback(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press runs its command in the chat the button is in.

        On a channel post the answer goes to the presser privately: any reader can press a
        button there, and a reader must not be able to post into the channel.
        """
        query = update.callback_query
        if query is None:
            return
        line = self._keyboards.command_for(query.data)
        shown = query.message
        t = texts(query.from_user.language_code)
        if line is None or shown is None or not line.startswith("/"):
            await query.answer(t("telegram-button-expired"), show_alert=True)
            return
        word, _, args = line[1:].partition(" ")
        name = word.split("@")[0].lower()
        name = ALIASES.get(name, name)
        chat = shown.chat
        if chat.type == ChatType.CHANNEL:
            private = Chat(query.from_user.id, ChatType.PRIVATE)
            ctx = self.context(private, query.from_user, None)
            outcome = await self._run(name, args.strip(), ctx, None)
            note = None if outcome else t("telegram-press-start-first", bot=self._username())
            await query.answer(note, show_alert=note is not None)
            return
        await query.answer()
        message = shown if isinstance(shown, Message) else None
        thread = message.message_thread_id if message and message.is_topic_message else None
        await self._run(name, args.strip(), self.context(chat, query.from_user, None), thread)

    async def on_migrate(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """A group became a supergroup: its subscription moves to the new id."""
        message = update.effective_message
        if message is None or message.migrate_to_chat_id is None:
            return  # the new supergroup's migrate_from twin; one of the pair is enough
        old, new = str(message.chat.id), str(message.migrate_to_chat_id)
        log.info("telegram chat %s migrated to %s", old, new)
        await self._api.chat_migrated("telegram", old, new)

    async def on_my_member(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """The bot was removed from a group or channel, or a user blocked it."""
        change = update.my_chat_member
        if change is None:
            return
        if change.new_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED):
            chat = str(change.chat.id)
            log.info("telegram chat %s: bot is %s", chat, change.new_chat_member.status)
            await self._api.chat_removed("telegram", chat)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log first: a handler that raised has already lost its answer."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)

    async def _run(self, name: str, args: str, ctx: ChatContext, thread_id: int | None) -> bool:
        reply = await self._api.handle(name, args, ctx)
        if not reply.messages:
            return True
        reply = replace(reply, messages=in_language(reply.messages, ctx.language))
        to_admin = ctx.is_bot_admin and name in ADMIN_COMMANDS
        if reply.private and to_admin and ctx.chat_kind != "private" and ctx.user_id:
            # Operator answers (failing chats, subscriber counts) are not for a whole group:
            # Telegram has no ephemeral replies, so they go to the admin's private chat.
            private = await self._sender.deliver(ctx.user_id, reply.messages, Lane.REPLY)
            if private.outcome is Outcome.SENT:
                return True
            notice = texts(ctx.language)("telegram-admin-answers-in-private")
            reply = Reply((Text(paragraphs=(notice,)),))
        outcome = await self._sender.deliver(
            ctx.chat_id, reply.messages, Lane.REPLY, thread_id=thread_id
        )
        if outcome.outcome is not Outcome.SENT:
            log.warning(
                "telegram reply to /%s in %s: %s (%s)",
                name,
                ctx.chat_id,
                outcome.outcome.value,
                outcome.error,
            )
        return outcome.outcome is Outcome.SENT

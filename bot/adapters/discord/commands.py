"""Slash commands built from the core's command table, and the answers to interactions.

Every command in `COMMANDS` becomes an application command with typed, described options,
so a command cannot exist on Telegram and be missing here. Card arguments (and the /facts
query) get autocomplete from `BotApi.complete_cards`. Admin commands are hidden from members
by `default_permissions` (Manage Server) and still checked here against ADVOCACY_ADMINS,
because a server owner can re-grant them to anyone in the server's integration settings.

Discord invalidates an interaction that is not acknowledged within 3 s: a command that has
not finished after `defer_after` seconds is deferred, and its reply follows as an edit of the
deferred response plus followups.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

import discord
from discord import app_commands

from bot.adapters.discord.convert import command_of, send_kwargs
from bot.adapters.discord.render import render
from bot.core.commands.context import ChatContext
from bot.core.commands.registry import COMMANDS, CommandSpec, spec
from bot.core.i18n import DEFAULT_LANGUAGE, bundled, texts
from bot.core.messages import Message, Reply, in_language
from bot.service.api import BotApi
from bot.settings import Settings

log = logging.getLogger(__name__)

CHOICES_MAX = 25
CHOICE_TEXT_MAX = 100
DESCRIPTION_MAX = 100
ARGUMENT_TYPES: Mapping[str, type] = MappingProxyType(
    {"text": str, "card": str, "subject": str, "date": str, "int": int}
)
# Arguments whose value is picked from the cards as one types.
AUTOCOMPLETE = frozenset({("fact", "id"), ("facts", "query")})


def language_of(locale: discord.Locale) -> str:
    """The language part of a Discord locale: "pt-BR" -> "pt"."""
    return locale.value.split("-")[0].lower()


DESCRIBED = frozenset(
    {
        app_commands.TranslationContextLocation.command_description,
        app_commands.TranslationContextLocation.parameter_description,
    }
)


class CatalogueTranslator(app_commands.Translator):
    """Command and option descriptions from the catalogues, in each Discord locale we speak.

    discord.py asks for every string in every Discord locale at sync time; a description
    carries its message id (`locale_str(..., msg_id=...)`), and a locale whose language the
    bot speaks gets that message ("ru" -> Russian, "en-GB"/"en-US" -> English). Discord has
    no Belarusian locale: Belarusian readers there set `/language be`. Command and option
    names stay the ASCII English ones, the same everywhere, as /help and Telegram show them.
    """

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        msg_id = string.extras.get("msg_id")
        language = bundled().supported(language_of(locale))
        if context.location not in DESCRIBED or msg_id is None or language is None:
            return None
        return texts(language)(msg_id)[:DESCRIPTION_MAX]


def _described(msg_id: str) -> app_commands.locale_str:
    """The English text Discord shows by default, marked with its catalogue message id."""
    return app_commands.locale_str(texts(DEFAULT_LANGUAGE)(msg_id)[:DESCRIPTION_MAX], msg_id=msg_id)


class Interactions:
    """Runs interactions through the bot: the context, the reply, the 3-s acknowledgement."""

    def __init__(self, api: BotApi, settings: Settings, *, defer_after: float = 1.0) -> None:
        self._api = api
        self._settings = settings
        self._defer_after = defer_after

    def context(self, interaction: discord.Interaction[Any]) -> ChatContext:
        in_guild = interaction.guild_id is not None
        user_id = str(interaction.user.id)

        async def chat_admin() -> bool:
            """A member who may manage this channel manages its subscription (a DM: yours)."""
            perms = interaction.permissions
            return not in_guild or perms.manage_channels or perms.administrator

        return ChatContext(
            platform="discord",
            chat_id=str(interaction.channel_id),
            chat_kind="group" if in_guild else "private",
            user_id=user_id,
            language=language_of(interaction.locale),
            is_bot_admin=self._settings.is_admin("discord", user_id),
            chat_title=getattr(interaction.channel, "name", None),
            chat_admin=chat_admin,
        )

    @property
    def api(self) -> BotApi:
        return self._api

    async def run(self, interaction: discord.Interaction[Any], name: str, args: str) -> None:
        """Answer one command interaction (a slash command or a button)."""
        command = spec(name)
        ctx = self.context(interaction)
        if command is None:
            notice = texts(ctx.language)("discord-unknown-command", name=name)
            await self._answer(interaction, _notice(notice), None)
            return
        if command.admin_only and not ctx.is_bot_admin:
            notice = texts(ctx.language)("discord-admins-only", name=name)
            await self._answer(interaction, _notice(notice), None)
            return
        work = asyncio.ensure_future(self._api.handle(name, args, ctx))
        deferred: bool | None = None
        done, _ = await asyncio.wait({work}, timeout=self._defer_after)
        if not done:
            deferred = command.admin_only  # admin replies are private; others usually public
            await interaction.response.defer(thinking=True, ephemeral=deferred)
        try:
            reply = await work
        except Exception:
            log.exception("discord: /%s %r failed", name, args)
            reply = _notice(texts(ctx.language)("discord-command-failed"))
        reply = replace(reply, messages=in_language(reply.messages, ctx.language))
        await self._answer(interaction, reply, deferred)

    async def button(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = data.get("custom_id", "")
        parsed = command_of(str(custom_id))
        if parsed is None:
            log.info("discord: ignoring component %r", custom_id)
            return
        await self.run(interaction, *parsed)

    async def complete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        language = language_of(interaction.locale)
        try:
            hits = self._api.complete_cards(current, language, CHOICES_MAX)
        except Exception:  # an empty list beats an interaction that fails for the user
            log.exception("discord: autocomplete for %r failed", current)
            return []
        choices: list[app_commands.Choice[str]] = []
        for hit in hits:
            if not 0 < len(hit.card_id) <= CHOICE_TEXT_MAX:
                continue
            label = f"{hit.title} · {hit.card_id}" if hit.title.strip() else hit.card_id
            label = " ".join(label.split())
            if len(label) > CHOICE_TEXT_MAX:
                label = label[: CHOICE_TEXT_MAX - 1] + "…"
            choices.append(app_commands.Choice(name=label, value=hit.card_id))
            if len(choices) == CHOICES_MAX:
                break
        return choices

    async def complete_subject(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """People one can write to (only subjects with a `letters` block), for /write."""
        try:
            found = self._api.complete_subjects(current, language_of(interaction.locale))
        except Exception:  # an empty list beats an interaction that fails for the user
            log.exception("discord: subject autocomplete for %r failed", current)
            return []
        return [
            app_commands.Choice(name=_choice_label(name, subject_id), value=subject_id)
            for subject_id, name in found[:CHOICES_MAX]
            if 0 < len(subject_id) <= CHOICE_TEXT_MAX
        ]

    async def _answer(
        self, interaction: discord.Interaction[Any], reply: Reply, deferred: bool | None
    ) -> None:
        payloads = [p for m in reply.messages for p in render(m)] or render(Message(title="✓"))
        parts = [send_kwargs(p) for p in payloads]
        private = reply.private
        try:
            if deferred is None:
                await interaction.response.send_message(**parts[0], ephemeral=private)
                parts = parts[1:]
            elif deferred or not private:
                await interaction.edit_original_response(**parts[0])
                parts = parts[1:]
            else:  # deferred in public but the reply is private: take the public one back
                await interaction.delete_original_response()
            for part in parts:
                await interaction.followup.send(**part, ephemeral=private)
        except discord.HTTPException:
            log.exception("discord: could not answer interaction %s", interaction.id)


def _choice_label(name: str, key: str) -> str:
    label = " ".join(f"{name} · {key}".split()) if name.strip() else key
    return label if len(label) <= CHOICE_TEXT_MAX else label[: CHOICE_TEXT_MAX - 1] + "…"


def _notice(text: str) -> Reply:
    return Reply((Message(paragraphs=(text,)),), private=True)


def build_commands(interactions: Interactions) -> list[app_commands.Command[Any, ..., None]]:
    return [_command(c, interactions) for c in COMMANDS]


def _command(
    command: CommandSpec, interactions: Interactions
) -> app_commands.Command[Any, ..., None]:
    names = [a.name for a in command.arguments]

    async def callback(interaction: discord.Interaction[Any], **values: Any) -> None:
        args = " ".join(str(values[n]) for n in names if values.get(n) is not None)
        await interactions.run(interaction, command.name, args)

    params = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    for a in command.arguments:
        kind = ARGUMENT_TYPES.get(a.kind, str)
        params.append(
            inspect.Parameter(
                a.name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=kind if a.required else kind | None,
                default=inspect.Parameter.empty if a.required else None,
            )
        )
    callback.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    described = app_commands.describe(
        **{a.name: _described(command.argument_message_id(a)) for a in command.arguments}
    )(callback)
    # The callback's signature is built at run time from COMMANDS, which no checker sees.
    slash: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=command.name,
        description=_described(command.message_id),
        callback=described,
    )
    if command.admin_only:
        slash.default_permissions = discord.Permissions(manage_guild=True)

    async def complete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await interactions.complete(interaction, current)

    async def complete_subject(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await interactions.complete_subject(interaction, current)

    for a in command.arguments:
        if (command.name, a.name) in AUTOCOMPLETE or a.kind == "card":
            slash.autocomplete(a.name)(complete)
        elif a.kind == "subject":
            slash.autocomplete(a.name)(complete_subject)
    return slash

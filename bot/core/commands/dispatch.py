"""One entry point for the commands the core answers alone (no store, no platform).

The service calls `run_core_command` first and handles what it returns None for
(subscribe, reload, status...), so adding a core command never touches an adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.facts import fact_command, facts_command
from bot.core.commands.info import about_command, help_command
from bot.core.commands.today import today_command, upcoming_command
from bot.core.commands.write import write_command
from bot.core.content import ContentSet
from bot.core.messages import Reply
from bot.core.search import SearchIndex

Handler = Callable[[str, ChatContext, ContentSet, SearchIndex, Moment], Reply]

CORE_COMMANDS: Mapping[str, Handler] = MappingProxyType(
    {
        "facts": facts_command,
        "fact": fact_command,
        "today": today_command,
        "upcoming": upcoming_command,
        "write": write_command,
        "help": help_command,
        "about": about_command,
    }
)


def command_name(name: str) -> str:
    """'/Facts@my_bot' -> 'facts': what platforms send, as the registry names it."""
    return name.strip().lstrip("/").split("@", 1)[0].lower()


def run_core_command(
    name: str,
    args: str,
    ctx: ChatContext,
    content: ContentSet,
    index: SearchIndex,
    moment: Moment,
) -> Reply | None:
    """The reply to a core command, or None when `name` is not one."""
    handler = CORE_COMMANDS.get(command_name(name))
    if handler is None:
        return None
    return handler(args or "", ctx, content, index, moment)

"""The command list: names, arguments and where their descriptions are, shared by every adapter.

Telegram's setMyCommands menus, Discord's slash commands and /help are all built from
this one table, so a command cannot exist on one platform and be missing on another.
Descriptions live in the catalogues (`command-<name>`, `command-<name>-<argument>` in
`locales/*/commands.ftl`), so each platform shows them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.i18n import texts


@dataclass(frozen=True, slots=True)
class Argument:
    name: str
    required: bool = False
    # "text" | "card" (a card id: autocomplete) | "subject" (a subject with letters:
    # autocomplete) | "int" | "date"
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str
    arguments: tuple[Argument, ...] = ()
    admin_only: bool = False

    @property
    def message_id(self) -> str:
        return f"command-{self.name}"

    def argument_message_id(self, argument: Argument) -> str:
        return f"command-{self.name}-{argument.name}"

    @property
    def description(self) -> str:
        """In English: what a platform shows a reader whose language it has no text for."""
        return self.description_in(None)

    def description_in(self, language: str | None) -> str:
        return texts(language)(self.message_id)

    def argument_description(self, argument: Argument, language: str | None = None) -> str:
        return texts(language)(self.argument_message_id(argument))

    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for a in self.arguments:
            parts.append(f"<{a.name}>" if a.required else f"[{a.name}]")
        return " ".join(parts)


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("facts", (Argument("query"),)),
    CommandSpec("fact", (Argument("id", required=True, kind="card"),)),
    CommandSpec("today"),
    CommandSpec("upcoming", (Argument("days", kind="int"),)),
    CommandSpec("subscribe"),
    CommandSpec("unsubscribe"),
    CommandSpec("language", (Argument("code"),)),
    CommandSpec("write", (Argument("subject", kind="subject"),)),
    CommandSpec("help"),
    CommandSpec("about"),
    CommandSpec("reload", admin_only=True),
    CommandSpec("preview", (Argument("date", kind="date"),), admin_only=True),
    CommandSpec("status", admin_only=True),
)


def spec(name: str) -> CommandSpec | None:
    for c in COMMANDS:
        if c.name == name:
            return c
    return None

"""The command list: names, arguments and descriptions, shared by every adapter.

Telegram's setMyCommands menu, Discord's slash commands and /help are all built from
this one table, so a command cannot exist on one platform and be missing on another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Argument:
    name: str
    description: str
    required: bool = False
    # "text" | "card" (a card id: autocomplete) | "subject" (a subject with letters:
    # autocomplete) | "int" | "date"
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str
    description: str
    arguments: tuple[Argument, ...] = ()
    admin_only: bool = False

    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for a in self.arguments:
            parts.append(f"<{a.name}>" if a.required else f"[{a.name}]")
        return " ".join(parts)


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "facts",
        "Search the fact cards",
        (Argument("query", "Words to look for, e.g. nobel"),),
    ),
    CommandSpec(
        "fact",
        "Show one fact card with its sources",
        (Argument("id", "Card id, e.g. bialiatski-nobel-ceremony", required=True, kind="card"),),
    ),
    CommandSpec("today", "What happened on this day"),
    CommandSpec(
        "upcoming",
        "Anniversaries and milestones in the coming days",
        (Argument("days", "How many days ahead (1-366, default 30)", kind="int"),),
    ),
    CommandSpec("subscribe", "Get the daily posts in this chat"),
    CommandSpec("unsubscribe", "Stop the daily posts in this chat"),
    CommandSpec(
        "language",
        "Set this chat's language for card texts (e.g. be, ru; default to clear)",
        (Argument("code", "Language code, e.g. be or ru; default to clear"),),
    ),
    CommandSpec(  # texts: cmd-write, cmd-write-subject in locales/*/letters.ftl
        "write",
        "How to write a letter to a political prisoner",
        (Argument("subject", "The person to write to", kind="subject"),),
    ),
    CommandSpec("help", "What this bot can do"),
    CommandSpec("about", "Who this bot is about and where its facts come from"),
    CommandSpec("reload", "Reload fact and schedule files", admin_only=True),
    CommandSpec(
        "preview",
        "Show the posts of a day",
        (Argument("date", "YYYY-MM-DD (default today)", kind="date"),),
        admin_only=True,
    ),
    CommandSpec("status", "Health, next runs and delivery problems", admin_only=True),
)


def spec(name: str) -> CommandSpec | None:
    for c in COMMANDS:
        if c.name == name:
            return c
    return None

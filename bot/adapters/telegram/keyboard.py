"""Buttons under a message: core `Button`s to an inline keyboard, and presses back to commands.

Telegram caps `callback_data` at 64 bytes. A command that fits travels as itself (so a button
keeps working after a restart); a longer one is kept in a small bounded table under a short
key, and a press after the table forgot it (a restart, or a thousand newer buttons) gets a
polite "expired" instead of a wrong command.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.messages import Button

MAX_CALLBACK_BYTES = 64
KEY_PREFIX = "k:"


class Keyboards:
    """Builds inline keyboards and resolves presses; one per adapter (no module state)."""

    def __init__(self, remember: int = 1000) -> None:
        self._remember = remember
        self._long: OrderedDict[str, str] = OrderedDict()

    def markup(
        self, rows: Sequence[Sequence[Button]], *, commands: bool = True
    ) -> InlineKeyboardMarkup | None:
        """The keyboard for these rows; `commands=False` keeps only URL buttons.

        Inline-mode messages pass `commands=False`: a press there has no chat to answer in.
        """
        keyboard = []
        for row in rows:
            buttons = [
                self._button(b) for b in row if b.url is not None or (commands and b.command)
            ]
            if buttons:
                keyboard.append(buttons)
        return InlineKeyboardMarkup(keyboard) if keyboard else None

    def command_for(self, data: str | None) -> str | None:
        """The command line a press stands for, or None if unknown or forgotten."""
        if not data:
            return None
        if data.startswith("/"):
            return data
        return self._long.get(data)

    def _button(self, button: Button) -> InlineKeyboardButton:
        if button.url is not None:
            return InlineKeyboardButton(button.label, url=button.url)
        command = button.command or ""
        return InlineKeyboardButton(button.label, callback_data=self._data(command))

    def _data(self, command: str) -> str:
        if len(command.encode()) <= MAX_CALLBACK_BYTES:
            return command
        key = KEY_PREFIX + hashlib.sha256(command.encode()).hexdigest()[:24]
        self._long[key] = command
        self._long.move_to_end(key)
        while len(self._long) > self._remember:
            self._long.popitem(last=False)
        return key

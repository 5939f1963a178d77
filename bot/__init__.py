"""Advocacy bot: sourced fact cards and anniversaries for Telegram, Discord and the console."""

__version__ = "0.1.0"

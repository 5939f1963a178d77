"""Telegram adapter: python-telegram-bot in, Telegram HTML out (see `render`, importable alone)."""

"""Scheduling: what is due (pure), the clock, and the wiring that wakes the bot."""

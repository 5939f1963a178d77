"""The bot as adapters see it: commands in, replies out, on top of the core and the store."""

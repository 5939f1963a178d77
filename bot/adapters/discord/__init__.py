"""Discord adapter: discord.py in, embeds out (see `render`, importable without discord.py)."""

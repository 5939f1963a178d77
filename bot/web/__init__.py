"""The bot's HTTP server (`ADVOCACY_HTTP`): health, readiness, metrics, and later the site."""

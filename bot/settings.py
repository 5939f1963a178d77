"""Configuration read once from the environment into a frozen object.

Nothing else reads os.environ: the composition root passes Settings down, so two bots
with different settings can run in one process (tests do).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.safe_text import safe_url

DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org/bot"
DEFAULT_DISCORD_API_URL = "https://discord.com/api/v10"
DEFAULT_DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"
DEFAULT_DB = "sqlite:///advocacy.db"


def _secret(env: Mapping[str, str], name: str) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/K8s secrets)."""
    value = env.get(name)
    if value:
        return value.strip()
    path = env.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip() or None
    return None


def _link_preview(value: str) -> bool:
    value = value.strip().lower()
    if value not in ("", "off", "first-source"):
        raise ValueError(f"TELEGRAM_LINK_PREVIEW must be off or first-source, not {value!r}")
    return value == "first-source"


def parse_listen(value: str) -> tuple[str, int]:
    """ADVOCACY_HTTP: '127.0.0.1:9000' -> ('127.0.0.1', 9000); '[::1]:9000' and ':9000'."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"ADVOCACY_HTTP must be host:port, such as 0.0.0.0:8080, not {value!r}")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 - ':port' asks for every host


def _site_url(value: str | None) -> str | None:
    """ADVOCACY_SITE_URL: where the public site is reached, for its absolute links."""
    if not value:
        return None
    url = safe_url(value.strip())
    if url is None:
        raise ValueError(f"ADVOCACY_SITE_URL must be an http(s) address, not {value!r}")
    return url if url.endswith("/") else url + "/"


def _listen(value: str | None) -> str | None:
    if not value:
        return None
    parse_listen(value)  # refuse a bad value at start, with the variable named
    return value


@dataclass(frozen=True)
class Settings:
    facts_dir: Path = Path("facts")
    schedules_dir: Path = Path("schedules")
    db_url: str = DEFAULT_DB
    admins: frozenset[str] = field(default_factory=frozenset)
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api_url: str = DEFAULT_TELEGRAM_API_URL
    telegram_webhook_url: str | None = None
    telegram_webhook_listen: str = "0.0.0.0:8443"  # noqa: S104 - a webhook must listen publicly
    telegram_webhook_secret: str | None = field(default=None, repr=False)
    telegram_link_preview: bool = False  # TELEGRAM_LINK_PREVIEW=first-source
    discord_token: str | None = field(default=None, repr=False)
    discord_api_url: str = DEFAULT_DISCORD_API_URL
    discord_gateway_url: str = DEFAULT_DISCORD_GATEWAY_URL
    discord_guild_id: str | None = None
    http_listen: str | None = None  # ADVOCACY_HTTP, host:port: health, metrics, the site
    site_url: str | None = None  # ADVOCACY_SITE_URL; None: the served site links relatively

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, facts_dir: Path, schedules_dir: Path) -> Settings:
        admins = frozenset(
            a.strip() for a in env.get("ADVOCACY_ADMINS", "").split(",") if a.strip()
        )
        return cls(
            facts_dir=facts_dir,
            schedules_dir=schedules_dir,
            db_url=env.get("ADVOCACY_DB") or DEFAULT_DB,
            admins=admins,
            telegram_token=_secret(env, "TELEGRAM_BOT_TOKEN"),
            telegram_api_url=env.get("TELEGRAM_API_URL") or DEFAULT_TELEGRAM_API_URL,
            telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
            telegram_webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN") or "0.0.0.0:8443",
            telegram_webhook_secret=_secret(env, "TELEGRAM_WEBHOOK_SECRET"),
            telegram_link_preview=_link_preview(env.get("TELEGRAM_LINK_PREVIEW", "off")),
            discord_token=_secret(env, "DISCORD_BOT_TOKEN"),
            discord_api_url=env.get("DISCORD_API_URL") or DEFAULT_DISCORD_API_URL,
            discord_gateway_url=env.get("DISCORD_GATEWAY_URL") or DEFAULT_DISCORD_GATEWAY_URL,
            discord_guild_id=env.get("DISCORD_GUILD_ID") or None,
            http_listen=_listen(env.get("ADVOCACY_HTTP")),
            site_url=_site_url(env.get("ADVOCACY_SITE_URL")),
        )

    def is_admin(self, platform: str, user_id: str | None) -> bool:
        return user_id is not None and f"{platform}:{user_id}" in self.admins

"""The deployment files name what the bot needs (there is no Docker engine here to run
them): compose.yaml, .env.example, .gitignore and the Dockerfile, read as data."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import yaml

from bot.settings import Settings, parse_listen
from bot.store.engine import async_url

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${NAME:?message} and ${NAME}, from `env`."""
    return re.sub(r"\$\{(\w+)(?::\?[^}]*)?\}", lambda m: env[m.group(1)], value)


def example_env() -> dict[str, str]:
    env = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return env


def test_postgres_is_healthy_before_the_bot_starts() -> None:
    services = compose()["services"]
    db, bot = services["db"], services["bot"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"


def test_data_lives_in_named_volumes() -> None:
    spec = compose()
    named = set(spec["volumes"])
    mounts = {
        m.split(":")[1]: m.split(":")[0] for s in spec["services"].values() for m in s["volumes"]
    }
    assert mounts["/var/lib/postgresql/data"] in named
    assert mounts["/data"] in named


def test_the_bot_gets_a_database_url_and_http_address_it_accepts() -> None:
    env = example_env()
    bot = compose()["services"]["bot"]
    url = interpolate(bot["environment"]["ADVOCACY_DB"], env)
    assert async_url(url).startswith("postgresql+asyncpg://advocacy:")
    assert "@db:5432/" in url  # the compose service, by name
    assert parse_listen(bot["environment"]["ADVOCACY_HTTP"]) == ("0.0.0.0", 8080)
    db_env = compose()["services"]["db"]["environment"]
    assert interpolate(db_env["POSTGRES_PASSWORD"], env) == env["POSTGRES_PASSWORD"]


def test_secrets_come_from_an_env_file_that_is_not_committed() -> None:
    assert compose()["services"]["bot"]["env_file"] == ".env"
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored
    assert not (ROOT / ".env").exists() or ".env" in ignored
    env = example_env()
    assert {"TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "ADVOCACY_ADMINS"} <= set(env)
    settings = Settings.from_env(
        env | {"TELEGRAM_BOT_TOKEN": "1:x"}, facts_dir=Path("f"), schedules_dir=Path("s")
    )
    assert settings.telegram_token == "1:x" and settings.discord_token is None


def dockerfile() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def instruction(name: str) -> list[str]:
    return [line[len(name) + 1 :] for line in dockerfile() if line.startswith(name + " ")]


def test_the_image_runs_as_a_user_keeps_data_on_its_volume_and_checks_health() -> None:
    env = dict(pair.split("=", 1) for line in instruction("ENV") for pair in shlex.split(line))
    (volume,) = instruction("VOLUME")
    assert env["ADVOCACY_DB"] == "sqlite:////data/advocacy.db"
    assert json.loads(volume) == ["/data"]
    _, port = parse_listen(env["ADVOCACY_HTTP"])
    (user,) = instruction("USER")
    assert user != "root"
    (check,) = instruction("HEALTHCHECK")
    assert f"http://127.0.0.1:{port}/healthz" in check
    assert instruction("EXPOSE") == [str(port)]

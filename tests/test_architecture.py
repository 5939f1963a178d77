"""Layers only look down (docs/architecture.md section 1), and platform libraries stay at the edge.

Every module's imports are parsed (including those inside functions and `TYPE_CHECKING`
blocks, which run too, or break the next reader's picture of the layers) and checked
against one table. The core is also imported for real with `telegram` and `discord`
blocked, as are the commands admins run offline.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"

# Which other parts of the bot each part may import. Lowest first: the package root (the
# version), settings and log redaction, which every part above the core may use; core;
# store; scheduler; service and site; adapters and web; app; cli. Site renders the content
# alone; web serves health, metrics and the site beside the adapters, importing none of them.
_BASE = frozenset({"bot", "bot.settings", "bot.redaction"})
_CORE_UP = _BASE | {"bot.core"}
_SERVICE_UP = _CORE_UP | {"bot.store", "bot.scheduler", "bot.service"}
ALLOWED: dict[str, frozenset[str]] = {
    "bot": frozenset(),
    "bot.settings": frozenset({"bot.core"}),  # checks values with the core's rules
    "bot.redaction": frozenset({"bot.settings"}),
    "bot.core": frozenset(),
    "bot.store": _CORE_UP,
    "bot.scheduler": _CORE_UP | {"bot.store"},
    "bot.service": _SERVICE_UP,
    "bot.site": _CORE_UP,
    "bot.adapters": _SERVICE_UP,
    "bot.web": _SERVICE_UP | {"bot.site"},
    "bot.app": _SERVICE_UP | {"bot.site", "bot.adapters", "bot.web"},
    "bot.cli": _SERVICE_UP | {"bot.site", "bot.adapters", "bot.web", "bot.app"},
    "bot.__main__": frozenset({"bot.cli"}),
}

# The adapters' own packages: none imports another; shared code lives in the neutral
# modules beside them (base, text, pace, supervisor), which import no platform package.
PLATFORMS = ("bot.adapters.telegram", "bot.adapters.discord", "bot.adapters.console")

# Where each platform or infrastructure library may be imported (by top-level name).
LIBRARIES: dict[str, tuple[str, ...]] = {
    "telegram": ("bot.adapters.telegram",),
    "httpx": ("bot.adapters.telegram",),
    "discord": ("bot.adapters.discord",),
    "yarl": ("bot.adapters.discord",),
    "aiohttp": ("bot.adapters.telegram", "bot.adapters.discord", "bot.web"),
    "sqlalchemy": ("bot.store", "bot.redaction"),
    "alembic": ("bot.store",),
    "prometheus_client": ("bot.web",),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, str]:
    return {_module_name(p): p.read_text(encoding="utf-8") for p in sorted(BOT.rglob("*.py"))}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _part(name: str) -> str | None:
    """The entry of ALLOWED a module belongs to: the longest that contains it ("bot" is
    only the package root)."""
    found = [key for key in ALLOWED if _within(name, key) and (key != "bot" or name == "bot")]
    return max(found, key=len) if found else None


def _imports(source: str, known: set[str]) -> list[str]:
    """Every module an import statement names; `from bot import x` names bot.x if it is one."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                names.append("." * node.level + (node.module or ""))
                continue
            base = node.module or ""
            for alias in node.names:
                child = f"{base}.{alias.name}"
                names.append(child if child in known else base)
    return list(dict.fromkeys(names))


def violations(module: str, source: str, known: set[str]) -> list[str]:
    """What is wrong with the imports of `module`, one line each; [] when nothing is."""
    own = _part(module)
    if own is None:
        return [f"{module}: belongs to no layer (add it to ALLOWED, and to the docs)"]
    found: list[str] = []
    for name in _imports(source, known):
        if name.startswith("."):
            found.append(f"{module} -> {name}: relative import")
            continue
        if not _within(name, "bot"):
            top = name.split(".")[0]
            places = LIBRARIES.get(top)
            if places is not None and not any(_within(module, p) for p in places):
                found.append(f"{module} -> {name}: {top} belongs in {', '.join(places)}")
            continue
        target = _part(name)
        if target is None:
            found.append(f"{module} -> {name}: belongs to no layer")
        elif target != own and target not in ALLOWED[own]:
            found.append(f"{module} -> {name}: {own} may not import {target}")
        elif own == "bot.adapters":
            mine = next((p for p in PLATFORMS if _within(module, p)), None)
            theirs = next((p for p in PLATFORMS if _within(name, p)), None)
            if theirs is not None and theirs != mine:
                found.append(f"{module} -> {name}: adapters do not import each other")
    return found


def test_every_import_looks_down() -> None:
    modules = _modules()
    known = set(modules)
    found = [v for name, source in modules.items() for v in violations(name, source, known)]
    assert found == []
    assert {_part(name) for name in modules} == set(ALLOWED), "a layer has no module: stale table"


KNOWN = {"bot.redaction", "bot.settings"}


@pytest.mark.parametrize(
    ("module", "source", "complaint"),
    [
        ("bot.core.calendar", "from bot.store.base import Subscription", "may not import"),
        ("bot.core.calendar", "import telegram", "telegram belongs in"),
        ("bot.core.calendar", "from aiohttp import web", "aiohttp belongs in"),
        ("bot.core.calendar", "from bot import settings", "may not import bot.settings"),
        ("bot.store.sql", "from bot.scheduler.runner import Runner", "may not import"),
        ("bot.scheduler.runner", "from bot.adapters.base import Adapter", "may not import"),
        ("bot.service.status", "from bot.web.metrics import Metrics", "may not import"),
        ("bot.web.metrics", "from bot.adapters.console.render import render", "may not"),
        ("bot.adapters.base", "from bot.app import App", "may not import"),
        ("bot.app", "from bot.cli.run import main", "may not import"),
        ("bot.site.pages", "from bot.service.api import BotApi", "may not import"),
        ("bot.adapters.discord.render", "from bot.adapters.telegram import render", "each other"),
        ("bot.adapters.text", "from bot.adapters.console.render import render", "each other"),
        ("bot.adapters.console.render", "import discord", "discord belongs in"),
        ("bot.service.status", "def f():\n    from bot.app import App\n", "may not import"),
        ("bot.service.status", "from .api import BotApi", "relative import"),
        ("bot.newpart", "import os", "belongs to no layer"),
    ],
)
def test_checker_flags_imports_that_look_up_or_sideways(
    module: str, source: str, complaint: str
) -> None:
    found = violations(module, source, KNOWN)
    assert len(found) == 1 and complaint in found[0], found


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("bot.store.sql", "from bot.core.clock import Clock"),
        ("bot.scheduler.broadcast", "from bot.scheduler.sender import Sender"),
        ("bot.adapters.discord.render", "from bot.adapters.text import clean"),
        ("bot.adapters.discord.sender", "from bot.adapters.discord.pacing import Pacer"),
        ("bot.adapters.telegram.sender", "import telegram.error"),
        ("bot.web.health", "from aiohttp import web"),
        ("bot.service.store_commands", "from bot import __version__"),
        ("bot.cli.run", "from bot.app import serve"),
    ],
)
def test_checker_allows_imports_that_look_down(module: str, source: str) -> None:
    assert violations(module, source, KNOWN) == []


BLOCKER = textwrap.dedent(
    """
    import importlib.abc, sys

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"telegram", "discord"}:
                raise ImportError(f"blocked platform library: {name}")
            return None

    sys.meta_path.insert(0, Block())
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_core_imports_without_platform_libraries() -> None:
    result = _run(
        """
        import pkgutil, importlib, bot.core
        names = [m.name for m in pkgutil.walk_packages(bot.core.__path__, "bot.core.")]
        for name in names:
            importlib.import_module(name)
        assert len(names) > 10, names
        print("imported", len(names))
        """
    )
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout


def test_blocker_really_blocks() -> None:
    """Guards the test above: a platform import must fail under the blocker."""
    result = _run("import telegram")
    assert result.returncode != 0
    assert "blocked platform library" in result.stderr


def test_offline_commands_and_renderers_need_no_platform_library() -> None:
    result = _run(
        """
        import bot.cli.validate, bot.cli.schema, bot.cli.preview
        import bot.adapters.telegram.render, bot.adapters.discord.render
        import bot.adapters.console.render, bot.service.bot_service
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr

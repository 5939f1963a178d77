"""The core imports no platform library, and neither do the commands admins run offline."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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

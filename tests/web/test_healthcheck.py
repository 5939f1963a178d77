"""The Dockerfile's HEALTHCHECK command, run as Docker would, against a live bot."""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path

from tests.app.conftest import Bot

ROOT = Path(__file__).resolve().parents[2]


def healthcheck_command(port: int) -> list[str]:
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    (line,) = [ln for ln in text.splitlines() if ln.startswith("HEALTHCHECK ")]
    command = json.loads(line.split(" CMD ", 1)[1])
    assert command[0] == "python"  # the image's interpreter; here, the test's
    return [sys.executable, *(arg.replace(":8080/", f":{port}/") for arg in command[1:])]


async def run(command: list[str]) -> int:
    proc = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )
    return await proc.wait()


async def test_the_image_healthcheck_passes_while_the_bot_serves_and_fails_after(
    web_bot: Bot,
) -> None:
    http = web_bot.running.http
    assert http is not None
    command = healthcheck_command(http.port)
    assert await run(command) == 0
    await http.stop()
    assert await run(command) != 0

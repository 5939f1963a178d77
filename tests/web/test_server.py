"""The HTTP server on its own: routes mounted by their owners, addresses, a taken port."""

from __future__ import annotations

import pytest
from aiohttp import ClientSession, web

from bot.settings import parse_listen
from bot.web.server import HttpServer


async def test_routes_and_sub_applications_mount_before_start(http: ClientSession) -> None:
    async def page(_request: web.Request) -> web.Response:
        return web.Response(text="a page served from memory")

    site = web.Application()
    site.router.add_get("/index.html", page)
    server = HttpServer("127.0.0.1:0")
    server.mount([web.get("/ping", page)])
    server.mount_app("/site", site)
    await server.start()
    try:
        assert server.port != 0
        for path in ("/ping", "/site/index.html"):
            async with http.get(f"{server.url}{path}") as response:
                assert response.status == 200
                assert await response.text() == "a page served from memory"
        async with http.get(f"{server.url}/nothing") as response:
            assert response.status == 404
    finally:
        await server.stop()


async def test_a_taken_port_is_one_clear_error() -> None:
    first = HttpServer("127.0.0.1:0")
    await first.start()
    try:
        second = HttpServer(f"127.0.0.1:{first.port}")
        with pytest.raises(
            OSError, match=rf"ADVOCACY_HTTP: cannot listen on 127.0.0.1:{first.port}"
        ):
            await second.start()
    finally:
        await first.stop()


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("127.0.0.1:9000", ("127.0.0.1", 9000)),
        ("0.0.0.0:8080", ("0.0.0.0", 8080)),  # noqa: S104 - a listening address
        ("[::1]:9000", ("::1", 9000)),
        (":9000", ("0.0.0.0", 9000)),  # noqa: S104 - a listening address
    ],
)
def test_addresses(value: str, parsed: tuple[str, int]) -> None:
    assert parse_listen(value) == parsed


@pytest.mark.parametrize("value", ["8080", "localhost", "host:port", "h:70000"])
def test_bad_addresses_name_the_variable(value: str) -> None:
    with pytest.raises(ValueError, match="ADVOCACY_HTTP must be host:port"):
        parse_listen(value)

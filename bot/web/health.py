"""`/healthz`, `/readyz` and `/metrics`.

`/healthz` says only that the process answers (an orchestrator restarts it otherwise);
`/readyz` says whether it can do its work (store reachable, every adapter connected,
content loaded) and why not, as JSON, with 503: a load balancer or an alert acts on it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.web.metrics import CONTENT_TYPE, Metrics

Readiness = Callable[[], Awaitable[list[str]]]  # the reasons it is not ready; [] when ready


def health_routes(ready: Readiness, metrics: Metrics) -> list[web.RouteDef]:
    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_request: web.Request) -> web.Response:
        reasons = await ready()
        body = {"status": "not ready" if reasons else "ready", "reasons": reasons}
        return web.Response(
            text=json.dumps(body),
            status=503 if reasons else 200,
            content_type="application/json",
        )

    async def scrape(_request: web.Request) -> web.Response:
        response = web.Response(body=metrics.exposition())
        response.headers["Content-Type"] = CONTENT_TYPE
        return response

    return [
        web.get("/healthz", healthz),
        web.get("/readyz", readyz),
        web.get("/metrics", scrape),
    ]

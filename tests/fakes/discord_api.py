"""A fake Discord: REST routes and a gateway websocket on one 127.0.0.1 port.

The real discord.py talks to it over HTTP and websockets, so a change on the wire shows up
here and a mock could not hide it. It answers like Discord where discord.py cares
(docs/architecture.md §5): an exact `application/json` Content-Type, `Via` on every 429,
bucket headers on success, real error codes. It enforces Discord's limits the strict way: at most 50
requests in any sliding second (interactions exempt), and per channel a bucket of 5 messages
that resets 5 s after its first (time-scalable); a 429 carries Discord's body, `Via`,
`Retry-After`, `X-RateLimit-Scope` (and `X-RateLimit-Global` or the bucket's headers). It
deduplicates message nonces, records every request, and answers unknown routes with 404
while remembering them so a test can assert none happened. `clock` replaces the monotonic
clock with one a test drives, shared with the bot's pacer.
"""

from __future__ import annotations

import asyncio
import fnmatch
import json
import re
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes import discord_payloads as p
from tests.fakes.discord_wire import error_body, message_problem, rate_limit_headers, respond

Handler = Callable[["FakeDiscord", web.Request, dict[str, str], "Call"], Awaitable[web.Response]]
API = "/api/v10"
# Interaction callbacks and webhook followups are exempt from the global limit (DELIVERY §1.2).
EXEMPT = re.compile(r"^/(interactions|webhooks)/")
CHANNEL_MESSAGES = re.compile(r"^/channels/(\d+)/messages$")


@dataclass
class Call:
    """One request as the fake saw it, and what it answered."""

    method: str
    path: str  # below /api/v10
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    at: float
    status: int = 0
    route: str | None = None  # the route pattern that matched; None for an unknown route

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class Injection:
    pattern: str  # fnmatch on "METHOD /path", e.g. "POST /channels/*/messages"
    status: int
    body: Any
    headers: dict[str, str]
    # "answer"; "drop": handle (create the message), then close without answering;
    # "hang": handle, then answer only when the test calls `release()` (or the fake closes).
    action: str


@dataclass
class Limits:
    """Discord's limits, with `time_scale` > 1 shrinking every window for quick runs."""

    enforce: bool = True
    time_scale: float = 1.0
    global_per_second: int = 50
    channel_messages: int = 5
    channel_window: float = 5.0
    nonce_window: float = 300.0

    def seconds(self, real: float) -> float:
        return real / self.time_scale


@dataclass
class Counters:
    global_429: int = 0
    channel_429: int = 0
    injected: int = 0
    nonce_dedupes: int = 0


@dataclass
class _Bucket:
    started: float = 0.0
    count: int = 0


@dataclass
class Gateway:
    """What the websocket side saw: identifies, resumes, heartbeats, the live socket."""

    identifies: list[dict[str, Any]] = field(default_factory=list)
    resumes: list[dict[str, Any]] = field(default_factory=list)
    heartbeats: int = 0
    connections: int = 0
    session_id: str | None = None
    seq: int = 0
    ws: web.WebSocketResponse | None = None
    # Identified sockets still open: two at once would both get every INTERACTION_CREATE.
    sessions: set[web.WebSocketResponse] = field(default_factory=set)
    most_sessions: int = 0  # the most ever open at once


class FakeDiscord:
    """One fake Discord. Start it, point the adapter at `api_url` / `gateway_url`."""

    def __init__(
        self,
        *,
        limits: Limits | None = None,
        guild_id: str = "900000000000000001",
        channels: tuple[str, ...] = ("910000000000000001", "910000000000000002"),
        heartbeat_interval_ms: int = 41250,
        token: str = "test-token",  # noqa: S107 - a fake token for a fake server
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits or Limits()
        self.clock = clock  # every limit and `Call.at` run on it; a test may drive it
        self.ids = p.Snowflakes()
        self.application_id = "800000000000000001"
        self.bot_user = p.user("800000000000000001", "advocacy-bot", bot=True)
        self.guild_id = guild_id
        self.channels = list(channels)
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.bot_gateway_url: str | None = None  # what GET /gateway/bot names; None: ours
        self.calls: list[Call] = []
        self.counters = Counters()
        self.gateway = Gateway()
        self.commands: dict[str, list[dict[str, Any]]] = {}  # scope ("global"|guild) -> list
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel id -> created messages
        self.responses: dict[str, list[Call]] = {}  # interaction token -> callbacks/followups
        self.channel_state: dict[str, int] = {}  # channel id -> 403 | 404, persistently
        self._injections: list[Injection] = []
        self._global: deque[float] = deque()
        self._buckets: dict[str, _Bucket] = {}
        self._nonces: dict[str, tuple[float, dict[str, Any]]] = {}
        self._changed = asyncio.Condition()
        self._released = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- lifecycle -----------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        self.release()
        if self.gateway.ws is not None and not self.gateway.ws.closed:
            await self.gateway.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ---- test controls -------------------------------------------------------------------

    def fail_next(
        self,
        route: str,
        status: int,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        times: int = 1,
        action: str = "answer",
    ) -> None:
        """Answer the next `times` requests matching `route` ("POST /channels/*/messages")."""
        if body is None:
            body = error_body(status)
        if status == 429:
            headers = rate_limit_headers(
                body.get("retry_after", 0.1), body.get("global", False)
            ) | (headers or {})
        for _ in range(times):
            self._injections.append(Injection(route, status, body, headers or {}, action))

    def unexpected(self) -> list[Call]:
        """Requests to routes the fake does not know: the bot called something unplanned."""
        return [c for c in self.calls if c.route is None]

    def channel_posts(self, channel: str | None = None) -> list[Call]:
        """Create-message requests that were accepted (2xx), including nonce replays."""
        return [
            c
            for c in self.calls
            if c.method == "POST"
            and CHANNEL_MESSAGES.match(c.path)
            and 200 <= c.status < 300
            and (channel is None or c.path == f"/channels/{channel}/messages")
        ]

    async def wait_for(
        self, predicate: Callable[[], Any], deadline: float = 5.0, what: str = "condition"
    ) -> Any:
        """Wait, with a deadline, until `predicate()` is truthy after some request or event."""
        try:
            async with asyncio.timeout(deadline), self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result
        except TimeoutError:
            raise AssertionError(f"timed out after {deadline} s waiting for {what}") from None

    async def wait_response(self, interaction: dict[str, Any], count: int = 1) -> list[Call]:
        """The first `count` answers (callback, followups, edits) to an interaction."""
        token = interaction["token"]
        return await self.wait_for(
            lambda: (r := self.responses.get(token, [])) and len(r) >= count and r[:count],
            what=f"{count} response(s) to interaction {interaction['id']}",
        )

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- interactions --------------------------------------------------------------------

    def command_id(self, name: str) -> tuple[str, dict[str, Any]]:
        for scope, commands in self.commands.items():
            for command in commands:
                if command["name"] == name:
                    return scope, command
        raise AssertionError(f"command {name!r} was never synced; synced: {self.commands}")

    def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        focused: str | None = None,
        channel: str | None = None,
        dm: bool = False,
        user_id: str = "700000000000000001",
        permissions: int = p.MEMBER_PERMISSIONS,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """A slash command (or, with `focused`, an autocomplete) interaction payload."""
        scope, command = self.command_id(name)
        data: dict[str, Any] = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": p.command_options(options or {}, focused),
        }
        if scope != "global":
            data["guild_id"] = scope
        return p.interaction(
            interaction_id=self.ids.next(),
            application_id=self.application_id,
            kind=4 if focused else 2,
            data=data,
            channel_id=channel or self.channels[0],
            guild_id=None if dm else self.guild_id,
            user_id=user_id,
            permissions=permissions,
            locale=locale,
        )

    def button(
        self,
        custom_id: str,
        *,
        on_message: dict[str, Any] | None = None,
        channel: str | None = None,
        user_id: str = "700000000000000001",
        permissions: int = p.MEMBER_PERMISSIONS,
    ) -> dict[str, Any]:
        """A button press (component interaction) on a message the bot sent."""
        channel = channel or self.channels[0]
        shown = on_message or p.message(self.ids.next(), channel, self.bot_user, {})
        return p.interaction(
            interaction_id=self.ids.next(),
            application_id=self.application_id,
            kind=3,
            data={"custom_id": custom_id, "component_type": 2},
            channel_id=channel,
            guild_id=self.guild_id,
            user_id=user_id,
            permissions=permissions,
            locale="en-US",
            extra={"message": shown},
        )

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway dispatch (e.g. INTERACTION_CREATE) on the live connection."""
        await self.wait_for(
            lambda: self.gateway.ws is not None and not self.gateway.ws.closed,
            what="a live gateway connection",
        )
        assert self.gateway.ws is not None
        self.gateway.seq += 1
        frame = {"op": 0, "t": event, "s": self.gateway.seq, "d": data}
        await self.gateway.ws.send_str(json.dumps(frame))

    async def dispatch_all(self, event: str, data: dict[str, Any]) -> int:
        """Send a dispatch on every identified socket, as Discord does to every session of a
        token; returns how many sockets got it."""
        sessions = [ws for ws in self.gateway.sessions if not ws.closed]
        for ws in sessions:
            self.gateway.seq += 1
            await ws.send_str(json.dumps({"op": 0, "t": event, "s": self.gateway.seq, "d": data}))
        return len(sessions)

    async def interact(self, payload: dict[str, Any]) -> dict[str, Any]:
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the gateway socket the way Discord does before asking for a resume."""
        ws = self.gateway.ws
        assert ws is not None
        await ws.close(code=code, message=b"unknown error")

    # ---- gateway -------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.gateway.connections += 1
        await ws.send_str(
            json.dumps(
                {
                    "op": 10,
                    "s": None,
                    "t": None,
                    "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                }
            )
        )
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            op, d = frame.get("op"), frame.get("d")
            if op == 1:
                self.gateway.heartbeats += 1
                await ws.send_str(json.dumps({"op": 11, "d": None}))
            elif op == 2:
                await self._identify(ws, d)
            elif op == 6:
                await self._resume(ws, d)
            await self._notify()
        self.gateway.sessions.discard(ws)
        if self.gateway.ws is ws:
            self.gateway.ws = None
        await self._notify()
        return ws

    async def _send_dispatch(self, ws: web.WebSocketResponse, event: str, d: Any) -> None:
        self.gateway.seq += 1
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": self.gateway.seq, "d": d}))

    async def _identify(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> None:
        self.gateway.identifies.append(d)
        self.gateway.sessions.add(ws)
        self.gateway.most_sessions = max(self.gateway.most_sessions, len(self.gateway.sessions))
        self.gateway.session_id = uuid.uuid4().hex
        self.gateway.seq = 0
        self.gateway.ws = ws
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": self.guild_id, "unavailable": True}],
            "session_id": self.gateway.session_id,
            "resume_gateway_url": self.gateway_url,
            "shard": [0, 1],
            "application": {"id": self.application_id, "flags": 0},
        }
        await self._send_dispatch(ws, "READY", ready)
        await self._send_dispatch(ws, "GUILD_CREATE", p.guild_create(self.guild_id, self.channels))

    async def _resume(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> None:
        self.gateway.resumes.append(d)
        if d.get("session_id") != self.gateway.session_id or d.get("token") != self.token:
            await ws.send_str(json.dumps({"op": 9, "d": False}))
            return
        self.gateway.ws = ws
        await self._send_dispatch(ws, "RESUMED", {})

    # ---- REST ----------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        path = request.path.removeprefix(API)
        call = Call(
            request.method,
            path,
            dict(request.query),
            body,
            dict(request.headers),
            self.clock(),
        )
        self.calls.append(call)
        try:
            response = await self._answer(request, call)
        finally:
            await self._notify()
        return response

    async def _answer(self, request: web.Request, call: Call) -> web.StreamResponse:
        route, handler, params = self._match(call)
        call.route = route
        if handler is None:
            call.status = 404
            return respond(404, {"message": "404: Not Found", "code": 0})
        if request.headers.get("Authorization") != f"Bot {self.token}" and not EXEMPT.match(
            call.path
        ):
            call.status = 401
            return respond(401, {"message": "401: Unauthorized", "code": 0})
        injected = self._take_injection(call)
        if injected is not None and injected.action == "answer":
            self.counters.injected += 1
            call.status = injected.status
            return respond(injected.status, injected.body, injected.headers)
        limited = self._enforce(call)
        if limited is not None:
            return limited
        response = await handler(self, request, params, call)
        call.status = response.status
        if injected is not None and injected.action == "drop":
            self.counters.injected += 1
            call.status = 0
            assert request.transport is not None
            request.transport.close()
        elif injected is not None and injected.action == "hang":
            self.counters.injected += 1
            await self._released.wait()
        return response

    def release(self) -> None:
        """Let requests held by a "hang" injection answer."""
        self._released.set()

    def _match(self, call: Call) -> tuple[str | None, Handler | None, dict[str, str]]:
        for method, pattern, handler in ROUTES:
            m = pattern.match(call.path)
            if m and method == call.method:
                return f"{method} {pattern.pattern}", handler, m.groupdict()
        return None, None, {}

    def _take_injection(self, call: Call) -> Injection | None:
        for i, injection in enumerate(self._injections):
            if fnmatch.fnmatchcase(call.key, injection.pattern):
                return self._injections.pop(i)
        return None

    def _enforce(self, call: Call) -> web.Response | None:
        """Discord's global and per-channel limits: a 429 with real headers when exceeded."""
        limits = self.limits
        if not limits.enforce or EXEMPT.match(call.path):
            return None
        now = call.at
        window = limits.seconds(1.0)
        while self._global and self._global[0] <= now - window:
            self._global.popleft()
        if len(self._global) >= limits.global_per_second:
            self.counters.global_429 += 1
            call.status = 429
            retry = max(self._global[0] + window - now, 0.001)
            body = {"message": "You are being rate limited.", "retry_after": retry, "global": True}
            return respond(429, body, rate_limit_headers(retry, True))
        m = CHANNEL_MESSAGES.match(call.path)
        if m and call.method == "POST":
            bucket = self._buckets.setdefault(m.group(1), _Bucket())
            span = limits.seconds(limits.channel_window)
            if now >= bucket.started + span:
                bucket.started, bucket.count = now, 0
            if bucket.count >= limits.channel_messages:
                self.counters.channel_429 += 1
                call.status = 429
                retry = bucket.started + span - now
                body = {
                    "message": "You are being rate limited.",
                    "retry_after": retry,
                    "global": False,
                }
                headers = rate_limit_headers(retry, False) | self._bucket_headers(m.group(1), now)
                return respond(429, body, headers)
            bucket.count += 1
        self._global.append(now)
        return None

    def _bucket_headers(self, channel: str, now: float) -> dict[str, str]:
        bucket = self._buckets.get(channel)
        if bucket is None:
            return {}
        span = self.limits.seconds(self.limits.channel_window)
        reset_after = max(bucket.started + span - now, 0.0)
        return {
            "X-RateLimit-Limit": str(self.limits.channel_messages),
            "X-RateLimit-Remaining": str(max(self.limits.channel_messages - bucket.count, 0)),
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Bucket": "channel-messages",
        }

    def _create_message(self, channel: str, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """Store a message, or return the earlier one with the same nonce (Discord's dedupe)."""
        now = self.clock()
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            seen = self._nonces.get(str(nonce))
            if seen is not None and now - seen[0] < self.limits.seconds(self.limits.nonce_window):
                self.counters.nonce_dedupes += 1
                return seen[1], False
        created = p.message(self.ids.next(), channel, self.bot_user, body)
        self.messages.setdefault(channel, []).append(created)
        if nonce is not None:
            self._nonces[str(nonce)] = (now, created)
        return created, True


# ---- route handlers ------------------------------------------------------------------------


async def _me(
    fake: FakeDiscord, request: web.Request, params: dict[str, str], call: Call
) -> web.Response:
    return respond(200, fake.bot_user | {"flags": 0, "verified": True, "mfa_enabled": False})


async def _application(
    fake: FakeDiscord, request: web.Request, params: dict[str, str], call: Call
) -> web.Response:
    owner = p.user("700000000000000099", "owner")
    return respond(
        200,
        {
            "id": fake.application_id,
            "name": "Advocacy",
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": owner,
            "verify_key": "0" * 64,
            "flags": 0,
        },
    )


async def _sync(
    fake: FakeDiscord, request: web.Request, params: dict[str, str], call: Call
) -> web.Response:
    if params["app"] != fake.application_id:
        return respond(404, error_body(404, "Unknown Application", 10002))
    scope = params.get("guild") or "global"
    synced = []
    for command in call.body:
        item = dict(command) | {
            "id": fake.ids.next(),
            "application_id": fake.application_id,
            "version": fake.ids.next(),
            "type": command.get("type", 1),
        }
        if scope != "global":
            item["guild_id"] = scope
        synced.append(item)
    fake.commands[scope] = synced
    return respond(200, synced)


async def _callback(
    fake: FakeDiscord, request: web.Request, params: dict[str, str], call: Call
) -> web.Response:
    fake.responses.setdefault(params["token"], []).append(call)
    body = call.body
    kind = body.get("type")
    data = body.get("data") or {}
    answer: dict[str, Any] = {
        "interaction": {
            "id": params["id"],
            "type": 2,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool((data.get("flags") or 0) & 64),
        }
    }
    if kind in (4, 5, 7):
        message_id = fake.ids.next()
        answer["interaction"]["response_message_id"] = message_id
        message = p.message(message_id, fake.channels[0], fake.bot_user, data)
        answer["resource"] = {"type": kind, "message": message}
    return respond(200, answer)


async def _followup(
    fake: FakeDiscord, request: web.Request, params: dict[str, str], call: Call
) -> web.Response:
    fake.responses.setdefault(params["token"], []).append(call)
    body = call.body
    if request.method == "DELETE":
        return web.Response(status=204)
    message_id = params.get("message") or fake.ids.next()
    if message_id == "@original":
        message_id = fake.ids.next()
    return respond(200, p.message(message_id, fake.channels[0], fake.bot_user, body or {}))


async def _channel_message(
    fake: FakeDiscord, request: web.Request, params: dict[str, str], call: Call
) -> web.Response:
    channel, body = params["channel"], call.body
    state = fake.channel_state.get(channel)
    if state == 403:
        return respond(403, error_body(403, "Missing Access", 50001))
    if state == 404:
        return respond(404, error_body(404, "Unknown Channel", 10003))
    problem = message_problem(body)
    if problem:
        return respond(400, {"message": "Invalid Form Body", "code": 50035, "errors": problem})
    created, _ = fake._create_message(channel, body)
    return respond(200, created, fake._bucket_headers(channel, fake.clock()))


async def _gateway_bot(
    fake: FakeDiscord, request: web.Request, params: dict[str, str], call: Call
) -> web.Response:
    limits = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
    url = fake.bot_gateway_url or fake.gateway_url
    return respond(200, {"url": url, "shards": 1, "session_start_limit": limits})


ROUTES: tuple[tuple[str, re.Pattern[str], Handler], ...] = (
    ("GET", re.compile(r"^/users/@me$"), _me),
    ("GET", re.compile(r"^/oauth2/applications/@me$"), _application),
    ("GET", re.compile(r"^/gateway/bot$"), _gateway_bot),
    ("PUT", re.compile(r"^/applications/(?P<app>\d+)/commands$"), _sync),
    ("PUT", re.compile(r"^/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands$"), _sync),
    ("POST", re.compile(r"^/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback$"), _callback),
    ("POST", re.compile(r"^/webhooks/(?P<app>\d+)/(?P<token>[^/]+)$"), _followup),
    (
        "PATCH",
        re.compile(r"^/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<message>[^/]+)$"),
        _followup,
    ),
    (
        "DELETE",
        re.compile(r"^/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<message>[^/]+)$"),
        _followup,
    ),
    ("POST", re.compile(r"^/channels/(?P<channel>\d+)/messages$"), _channel_message),
)

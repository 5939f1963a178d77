"""A fake Telegram Bot API server that the real python-telegram-bot talks to over HTTP.

Why a server and not mocks: a fake that speaks the wire protocol catches what mocks cannot,
such as a field PTB encodes differently, a status code mapped to another exception, or a rate
limit broken by a broadcast. Everything here follows docs/architecture.md §5: form-encoded requests
with JSON-encoded nested fields, `{"ok": true, "result": ...}` answers, real HTTP statuses for
errors (PTB picks the exception from the status), long polling held on an event.

The fake enforces Telegram's flood limits the strict way, each as a sliding window over the
sends it accepted: at most 30 messages in any one second overall, one per chat per second,
at most 20 in any minute per group or channel. It answers 429 (with `retry_after`) when one
is broken and counts it in `violations`, so a test can prove a broadcast never breaks them.
`time_scale` speeds every limit up for benchmarks; `clock` replaces the monotonic clock with
one a test drives (shared with the bot's limiter), and every `Call.at` is on that clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from aiohttp import ClientSession, web

BOT_ID = 777000111
BOT_USERNAME = "facts_bot"
DATE = 1700000000

# Form fields PTB sends as JSON text inside the form (docs/architecture.md §5).
JSON_FIELDS = frozenset(
    {
        "commands",
        "scope",
        "reply_markup",
        "results",
        "allowed_updates",
        "entities",
        "link_preview_options",
        "reply_parameters",
        "button",
    }
)
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "copyMessage"})
KNOWN_METHODS = frozenset(
    {
        "getMe",
        "getUpdates",
        "deleteWebhook",
        "setWebhook",
        "getWebhookInfo",
        "setMyCommands",
        "deleteMyCommands",
        "sendMessage",
        "editMessageText",
        "answerInlineQuery",
        "answerCallbackQuery",
        "getChatMember",
        "getChatAdministrators",
        "getChat",
        "logOut",
        "close",
    }
)
_CANONICAL = {m.lower(): m for m in KNOWN_METHODS}
# Telegram's HTML subset: tag name -> allowed attribute names.
_TAGS = {
    "b": (),
    "strong": (),
    "i": (),
    "em": (),
    "u": (),
    "ins": (),
    "s": (),
    "strike": (),
    "del": (),
    "span": ("class",),
    "tg-spoiler": (),
    "a": ("href",),
    "code": ("class",),
    "pre": (),
    "blockquote": ("expandable",),
    "tg-emoji": ("emoji-id",),
}
_TOKEN = re.compile(
    r"<(?P<close>/)?(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\s+[a-zA-Z-]+"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
    r"|&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);"
    r"|[<&]"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")


class EntityError(ValueError):
    """Telegram's "can't parse entities" answer."""


def parse_html(text: str) -> str:
    """The plain text Telegram shows for `text` in parse_mode HTML, or EntityError.

    Strict where Telegram is strict: unknown or unclosed tags, mismatched closing tags and
    a bare `<` or `&` are errors. The fake uses it to answer 400 exactly as Telegram would and
    to record what a reader sees, so tests can compare content without re-parsing HTML.
    """
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("<", "&"):
            raise EntityError(f"Unsupported start tag at byte offset {m.start()}")
        if token.startswith("&"):
            decoded = unescape(token)
            if decoded == token:
                raise EntityError(f"Unsupported HTML entity {token!r}")
            out.append(decoded)
            continue
        name = m.group("name").lower()
        if name not in _TAGS:
            raise EntityError(f'Unsupported start tag "{name}" at byte offset {m.start()}')
        if m.group("close"):
            if not stack or stack[-1] != name:
                raise EntityError(f'Unexpected end tag "{name}" at byte offset {m.start()}')
            stack.pop()
            continue
        for attr in _ATTR.finditer(m.group("attrs") or ""):
            if attr.group(1).lower() not in _TAGS[name]:
                raise EntityError(f'Unsupported attribute "{attr.group(1)}" in tag "{name}"')
        stack.append(name)
    out.append(text[pos:])
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# --- update builders: always build updates with these (a malformed one loops PTB) ---------


def user(user_id: int = 1001, first_name: str = "Ann", language_code: str | None = "en") -> dict:
    u: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        u["language_code"] = language_code
    return u


def private_chat(chat_id: int = 1001) -> dict:
    return {"id": chat_id, "type": "private", "first_name": "Ann"}


def group_chat(chat_id: int = -4001, title: str = "Supporters") -> dict:
    return {"id": chat_id, "type": "group", "title": title}


def supergroup_chat(chat_id: int = -1004001, title: str = "Supporters") -> dict:
    return {"id": chat_id, "type": "supergroup", "title": title}


def channel_chat(chat_id: int = -1009001, username: str = "example_channel") -> dict:
    return {"id": chat_id, "type": "channel", "title": "Example", "username": username}


def command_entities(text: str) -> list[dict]:
    word = text.split(maxsplit=1)[0] if text.startswith("/") else ""
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(word)}] if word else []


@dataclass
class Call:
    """One request the bot made, with the fake's answer."""

    method: str
    params: dict[str, Any]
    status: int
    at: float
    result: Any = None
    plain: str | None = None  # sendMessage: the text a reader sees

    @property
    def chat_id(self) -> str | None:
        value = self.params.get("chat_id")
        return None if value is None else str(value)


@dataclass
class Fault:
    method: str
    status: int
    description: str
    retry_after: float | None = None
    migrate_to_chat_id: int | None = None
    chat_id: str | None = None
    count: int = 1
    drop: bool = False
    skip: int = 0  # let this many matching calls through first


@dataclass
class Limits:
    """Telegram's flood limits; `scaled(10)` runs them ten times faster."""

    global_count: int = 30  # sends in any `global_window`
    global_window: float = 1.0
    chat_interval: float = 1.0  # between two sends to one chat
    group_count: int = 20  # sends in any `group_window` to one group or channel
    group_window: float = 60.0

    def scaled(self, factor: float) -> Limits:
        return Limits(
            self.global_count,
            self.global_window / factor,
            self.chat_interval / factor,
            self.group_count,
            self.group_window / factor,
        )


def _window_wait(sent: deque[float], count: int, window: float, now: float) -> float:
    """Seconds until one more send fits in a sliding window holding `sent` (0: fits now)."""
    while sent and sent[0] <= now - window:
        sent.popleft()
    return 0.0 if len(sent) < count else sent[-count] + window - now


@dataclass
class FakeTelegram:
    """The fake Bot API. Use `async with FakeTelegram() as fake:` or start()/close()."""

    token: str = "123456:TEST-token"
    limits: Limits | None = field(default_factory=Limits)
    time_scale: float = 1.0
    username: str = BOT_USERNAME
    calls: list[Call] = field(default_factory=list)
    unknown: list[Call] = field(default_factory=list)
    violations: Counter[str] = field(default_factory=Counter)
    blocked: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    members: dict[tuple[str, str], str] = field(default_factory=dict)
    webhook: dict[str, Any] = field(default_factory=dict)
    webhook_target: str | None = None
    webhook_statuses: list[int] = field(default_factory=list)
    # Called with every recorded call: cheaper than wait_for for benchmarks that wait a lot.
    listeners: list[Callable[[Call], None]] = field(default_factory=list)
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if self.limits is not None and self.time_scale != 1.0:
            self.limits = self.limits.scaled(self.time_scale)
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._new_update = asyncio.Event()
        self._changed = asyncio.Condition()
        self._faults: list[Fault] = []
        self._chats: dict[str, dict] = {}
        self._global_sends: deque[float] = deque()
        self._chat_last: dict[str, float] = {}
        self._group_sends: dict[str, deque[float]] = {}
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        # Started again after close(): the same port, as a server coming back would be.
        self._new_update = asyncio.Event()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        self._new_update.set()
        for task in list(self._tasks):
            task.cancel()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_URL is set to: PTB appends the token and the method."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- what a test sets up ----------------------------------------------------------------

    def add_chat(self, chat: dict) -> dict:
        self._chats[str(chat["id"])] = chat
        if chat.get("username"):
            self._chats["@" + chat["username"]] = chat
        return chat

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: float | None = None,
        migrate_to_chat_id: int | None = None,
        chat_id: str | int | None = None,
        count: int = 1,
        skip: int = 0,
    ) -> None:
        """Answer the next `count` calls of `method` (to `chat_id`, if given) with an error,
        after letting `skip` of them through (to fail the second part of a message)."""
        self._faults.append(
            Fault(
                method,
                status,
                description,
                retry_after,
                migrate_to_chat_id,
                None if chat_id is None else str(chat_id),
                count,
                skip=skip,
            )
        )

    def drop_next(self, method: str, *, chat_id: str | int | None = None) -> None:
        """Accept the next call (it counts as delivered) and close the connection unanswered.

        This is the ambiguous case of docs/delivery.md §4: the message arrived, the bot cannot know.
        """
        target = None if chat_id is None else str(chat_id)
        self._faults.append(Fault(method, 200, "", chat_id=target, drop=True))

    # --- updates ----------------------------------------------------------------------------

    def push(self, update: dict) -> int:
        """Queue an update (its update_id is assigned here) and wake a pending long poll."""
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._new_update.set()
        self._new_update = asyncio.Event()
        if self.webhook.get("url"):
            task = asyncio.get_running_loop().create_task(self._post_webhook(update))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return update["update_id"]

    def message(self, text: str, chat: dict, sender: dict | None = None, **extra: Any) -> dict:
        """A message body (not yet pushed); a leading /command gets its bot_command entity."""
        self.add_chat(chat)
        body: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": DATE,
            "chat": chat,
            "text": text,
        }
        if sender is not None:
            body["from"] = sender
        entities = command_entities(text)
        if entities:
            body["entities"] = entities
        body.update(extra)
        return body

    def command(self, text: str, chat: dict | None = None, sender: dict | None = None) -> int:
        """A person typing `text` in `chat` (default: a private chat with them)."""
        sender = sender or user()
        chat = chat or private_chat(sender["id"])
        return self.push({"message": self.message(text, chat, sender)})

    def channel_post(self, text: str, chat: dict | None = None, signature: str = "") -> int:
        chat = chat or channel_chat()
        extra = {"sender_chat": chat, **({"author_signature": signature} if signature else {})}
        return self.push({"channel_post": self.message(text, chat, None, **extra)})

    def inline_query(self, query: str, sender: dict | None = None, offset: str = "") -> str:
        query_id = f"iq{next(self._message_ids)}"
        body = {"id": query_id, "from": sender or user(), "query": query, "offset": offset}
        self.push({"inline_query": body})
        return query_id

    def callback_query(self, data: str, chat: dict, sender: dict | None = None) -> str:
        query_id = f"cq{next(self._message_ids)}"
        shown = self.message("(a message with buttons)", chat, None)
        shown["from"] = {"id": BOT_ID, "is_bot": True, "first_name": "Facts"}
        body = {
            "id": query_id,
            "from": sender or user(),
            "chat_instance": "ci1",
            "message": shown,
            "data": data,
        }
        self.push({"callback_query": body})
        return query_id

    def migration(self, old: dict, new_chat_id: int, sender: dict | None = None) -> int:
        """The service message a group gets when it becomes a supergroup."""
        body = self.message("", old, sender or user(), migrate_to_chat_id=new_chat_id)
        del body["text"]
        return self.push({"message": body})

    def member_status(self, chat: dict, status: str, old: str = "member") -> int:
        """my_chat_member: the bot's own status in `chat` changed (left, kicked, ...)."""
        change = {
            "chat": chat,
            "from": user(),
            "date": 1700000000,
            "old_chat_member": _member(old, BOT_ID),
            "new_chat_member": _member(status, BOT_ID),
        }
        return self.push({"my_chat_member": change})

    # --- what a test reads --------------------------------------------------------------------

    def of(self, method: str, *, ok: bool | None = None) -> list[Call]:
        return [
            c for c in self.calls if c.method == method and (ok is None or (c.status == 200) == ok)
        ]

    def sent(self, chat_id: str | int | None = None) -> list[Call]:
        """Messages that were accepted (delivered), in order."""
        return [
            c
            for c in self.of("sendMessage", ok=True)
            if chat_id is None or c.chat_id == str(chat_id)
        ]

    async def wait_for(
        self,
        what: str | Callable[[Call], bool],
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline is this helper's whole point
    ) -> list[Call]:
        """Wait until `count` recorded calls match (a method name or a predicate)."""
        match = (lambda c: c.method == what) if isinstance(what, str) else what

        def found() -> list[Call]:
            return [c for c in self.calls if match(c)]

        async with self._changed:
            try:
                async with asyncio.timeout(timeout):
                    await self._changed.wait_for(lambda: len(found()) >= count)
            except TimeoutError:
                seen = [f"{c.method}:{c.status}" for c in self.calls[-20:]]
                raise AssertionError(
                    f"waited {timeout}s for {count} x {what!r}, got {len(found())}; last {seen}"
                ) from None
        return found()

    # --- the HTTP side ------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw_method = request.match_info["method"]
        method = _CANONICAL.get(raw_method.lower(), raw_method)
        params = await _read_params(request)
        if request.match_info["token"] != self.token:
            return await self._answer(method, params, 401, {"description": "Unauthorized"})
        if method not in KNOWN_METHODS:
            answer = await self._answer(method, params, 404, {"description": "Not Found"})
            self.unknown.append(self.calls[-1])
            return answer
        fault = self._take_fault(method, params)
        if fault is not None and fault.drop:
            self._record_success(method, params)
            request.transport.close()  # type: ignore[union-attr]
            return web.Response(status=200)
        if fault is not None:
            extra: dict[str, Any] = {}
            if fault.retry_after is not None:
                extra["retry_after"] = fault.retry_after
            if fault.migrate_to_chat_id is not None:
                extra["migrate_to_chat_id"] = fault.migrate_to_chat_id
            error = {"description": fault.description, "parameters": extra or None}
            return await self._answer(method, params, fault.status, error)
        if method in SEND_METHODS and self.limits is not None:
            wait, kind = self._flood_check(str(params.get("chat_id")))
            if wait > 0:
                self.violations[kind] += 1
                retry = math.ceil(wait) if self.time_scale == 1.0 else round(wait + 0.005, 3)
                error = {
                    "description": f"Too Many Requests: retry after {retry}",
                    "parameters": {"retry_after": retry},
                }
                return await self._answer(method, params, 429, error)
        if method == "getUpdates":
            return await self._answer(method, params, *await self._get_updates(params))
        return await self._answer(method, params, *self._dispatch(method, params))

    async def _answer(
        self, method: str, params: dict[str, Any], status: int, payload: Any
    ) -> web.Response:
        """Record the call and answer it: `payload` is the result, or for errors a dict with
        `description` and optional `parameters`, sent with the real HTTP status."""
        call = Call(method, params, status, self.clock(), payload)
        if method == "sendMessage" and status == 200:
            call.plain = payload["text"]
        if status == 200:
            body: dict[str, Any] = {"ok": True, "result": payload}
        else:
            body = {"ok": False, "error_code": status, "description": payload["description"]}
            if payload.get("parameters"):
                body["parameters"] = payload["parameters"]
        await self._record(call)
        return web.json_response(body, status=status)

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        async with self._changed:
            self._changed.notify_all()

    def _record_success(self, method: str, params: dict[str, Any]) -> None:
        status, result = self._dispatch(method, params)
        call = Call(method, params, status, self.clock(), result)
        if status == 200 and method == "sendMessage":
            call.plain = result["text"]
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        task = asyncio.get_running_loop().create_task(self._notify())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        for fault in self._faults:
            chat_ok = fault.chat_id is None or fault.chat_id == str(params.get("chat_id"))
            if fault.method == method and chat_ok:
                if fault.skip > 0:
                    fault.skip -= 1
                    return None
                fault.count -= 1
                if fault.count <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _flood_check(self, chat_id: str) -> tuple[float, str]:
        """Seconds until this send would be allowed, and which limit; counts it if allowed."""
        assert self.limits is not None
        lim, now = self.limits, self.clock()
        chat = self._chats.get(chat_id)
        key = str(chat["id"]) if chat else chat_id
        is_group = key.startswith(("-", "@"))
        group = self._group_sends.setdefault(key, deque()) if is_group else deque()
        checks = [
            (_window_wait(self._global_sends, lim.global_count, lim.global_window, now), "global"),
            (self._chat_last.get(key, -math.inf) + lim.chat_interval - now, "chat"),
            (_window_wait(group, lim.group_count, lim.group_window, now), "group"),
        ]
        for wait, kind in checks:
            if wait > 0:
                return wait, kind
        self._global_sends.append(now)
        self._chat_last[key] = now
        if is_group:
            group.append(now)
        return 0.0, ""

    async def _get_updates(self, params: dict[str, Any]) -> tuple[int, Any]:
        if self.webhook.get("url"):
            return 409, {
                "description": "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            }
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0:
            event = self._new_update
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await event.wait()
        limit = int(params.get("limit") or 100)
        return 200, [u for u in self._updates if u["update_id"] >= offset][:limit]

    def _dispatch(self, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        """Answer a successful call; 4xx answers carry a dict with `description`."""
        me = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Facts",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        if method == "getMe":
            return 200, me
        if method in ("deleteWebhook", "logOut", "close"):
            self.webhook = {}
            return 200, True
        if method == "setWebhook":
            self.webhook = dict(params)
            return 200, True
        if method == "getWebhookInfo":
            info = {"url": self.webhook.get("url", ""), "has_custom_certificate": False}
            return 200, {**info, "pending_update_count": 0}
        if method in (
            "setMyCommands",
            "deleteMyCommands",
            "answerInlineQuery",
            "answerCallbackQuery",
        ):
            return 200, True
        chat_id = str(params.get("chat_id"))
        chat = self._chats.get(chat_id)
        if chat_id in self.missing or (chat is None and chat_id.startswith("@")):
            return 400, {"description": "Bad Request: chat not found"}
        if chat is None:
            chat = private_chat(int(chat_id)) if not chat_id.startswith("-") else None
            chat = chat or supergroup_chat(int(chat_id))
        if method == "getChat":
            return 200, {**chat, "accent_color_id": 0, "max_reaction_count": 11}
        if method == "getChatMember":
            return 200, _member(
                self.members.get((str(chat["id"]), str(params["user_id"]))), int(params["user_id"])
            )
        if method == "getChatAdministrators":
            admins = [
                _member(status, int(uid))
                for (cid, uid), status in self.members.items()
                if cid == str(chat["id"]) and status in ("creator", "administrator")
            ]
            return 200, admins
        if chat_id in self.blocked or str(chat["id"]) in self.blocked:
            return 403, {"description": "Forbidden: bot was blocked by the user"}
        try:
            plain = (
                parse_html(params.get("text", ""))
                if params.get("parse_mode") == "HTML"
                else params.get("text", "")
            )
        except EntityError as exc:
            return 400, {"description": f"Bad Request: can't parse entities: {exc}"}
        if not plain.strip():
            return 400, {"description": "Bad Request: message text is empty"}
        if utf16_len(plain) > 4096:
            return 400, {"description": "Bad Request: message is too long"}
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": DATE,
            "chat": chat,
            "text": plain,
            "from": {k: me[k] for k in ("id", "is_bot", "first_name", "username")},
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return 200, message

    async def _post_webhook(self, update: dict) -> None:
        """Deliver an update the way Telegram does: a POST with the secret in a header."""
        target = self.webhook_target or self.webhook["url"]
        assert target.startswith("http://127.0.0.1"), "the fake only talks to 127.0.0.1"
        if self._session is None:
            self._session = ClientSession()
        headers = {}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        async with self._session.post(target, json=update, headers=headers) as resp:
            self.webhook_statuses.append(resp.status)
            await self._notify()


def _member(status: str | None, user_id: int) -> dict:
    """A ChatMember in the shape PTB requires for its status (all mandatory fields)."""
    who = user(user_id)
    if status == "creator":
        return {"status": "creator", "user": who, "is_anonymous": False}
    if status == "administrator":
        rights = [
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        ]
        return {
            "status": "administrator",
            "user": who,
            "can_be_edited": False,
            "is_anonymous": False,
            **dict.fromkeys(rights, True),
        }
    if status == "left":
        return {"status": "left", "user": who}
    if status == "kicked":
        return {"status": "kicked", "user": who, "until_date": 0}
    return {"status": "member", "user": who}


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Form (urlencoded or multipart) or JSON body into a dict, nested JSON fields decoded."""
    if request.content_type == "application/json":
        data = await request.json()
        return dict(data) if isinstance(data, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = value if isinstance(value, str) else str(value)
        params[key] = json.loads(text) if key in JSON_FIELDS else text
    return params


def chats_in(calls: Iterable[Call]) -> list[str]:
    return [c.chat_id for c in calls if c.chat_id is not None]

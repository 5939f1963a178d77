"""The sender: every Bot API answer becomes exactly one outcome, and no part is sent twice."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from telegram.error import NetworkError, TimedOut

from bot.adapters.telegram.adapter import TelegramAdapter
from bot.adapters.telegram.sender import classify
from bot.core.messages import Button, Link, Message
from bot.scheduler.sender import Outcome
from bot.settings import Settings
from tests.fakes.telegram_api import FakeTelegram, channel_chat, utf16_len
from tests.telegram.conftest import FakeApi, started

POST = (Message(title="On this day", paragraphs=("Something happened.",)),)


def long_fact(size: int = 5000) -> str:
    """Prose full of what breaks naive HTML: <, &, </a>, entities, emoji with modifiers."""
    words = [
        "<b>bold?</b>",
        "a&b",
        "</a>",
        "&amp;",
        "<",
        ">",
        "🙂",
        "👍🏽",
        "👨‍👩‍👧",
        "Minsk",
        "Viasna",
        "&lt;script&gt;",
        '"quoted"',
        "O'Neil",
    ]
    out: list[str] = []
    n = 0
    while sum(len(w) + 1 for w in out) < size:
        out.append(words[n % len(words)])
        n += 1
    return " ".join(out)[:size].rstrip()


async def test_sent_returns_the_message_id(fake: FakeTelegram, adapter: TelegramAdapter) -> None:
    outcome = await adapter.sender.send("555", POST, delivery_key="p/1/telegram:555")
    assert outcome.outcome is Outcome.SENT
    (call,) = fake.sent("555")
    assert outcome.message_ids == (str(call.result["message_id"]),)
    assert call.params["text"] == "<b>On this day</b>\n\nSomething happened."
    assert call.params["link_preview_options"] == {"is_disabled": True}


async def test_to_a_channel_by_username(fake: FakeTelegram, adapter: TelegramAdapter) -> None:
    fake.add_chat(channel_chat(-1009001, "example_channel"))
    outcome = await adapter.sender.send("@example_channel", POST, delivery_key="k")
    assert outcome.outcome is Outcome.SENT
    assert [c.chat_id for c in fake.sent()] == ["@example_channel"]


@pytest.mark.parametrize(
    ("status", "description", "expected"),
    [
        (403, "Forbidden: bot was blocked by the user", Outcome.TARGET_GONE),
        (403, "Forbidden: bot was kicked from the supergroup chat", Outcome.TARGET_GONE),
        (403, "Forbidden: user is deactivated", Outcome.TARGET_GONE),
        (400, "Bad Request: chat not found", Outcome.TARGET_GONE),
        (400, "Bad Request: message is too long", Outcome.REJECTED),
        (502, "Bad Gateway", Outcome.AMBIGUOUS),
        (500, "Internal Server Error", Outcome.AMBIGUOUS),
    ],
)
async def test_errors_map_to_outcomes(
    fake: FakeTelegram,
    adapter: TelegramAdapter,
    status: int,
    description: str,
    expected: Outcome,
) -> None:
    fake.fail_next("sendMessage", status, description)
    outcome = await adapter.sender.send("556", POST, delivery_key="k")
    assert outcome.outcome is expected
    assert outcome.message_ids == ()
    assert len(fake.of("sendMessage")) == 1, "the sender itself never retries a first part"


async def test_blocked_chat_is_target_gone(fake: FakeTelegram, adapter: TelegramAdapter) -> None:
    fake.blocked.add("557")
    outcome = await adapter.sender.send("557", POST, delivery_key="k")
    assert outcome.outcome is Outcome.TARGET_GONE
    assert "blocked" in (outcome.error or "")


async def test_unknown_channel_is_target_gone(fake: FakeTelegram, adapter: TelegramAdapter) -> None:
    outcome = await adapter.sender.send("@no_such_channel", POST, delivery_key="k")
    assert outcome.outcome is Outcome.TARGET_GONE


async def test_429_is_reported_with_its_wait(fake: FakeTelegram, adapter: TelegramAdapter) -> None:
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    outcome = await adapter.sender.send("558", POST, delivery_key="k")
    assert outcome.outcome is Outcome.RATE_LIMITED
    assert outcome.retry_after == 3.0
    assert len(fake.of("sendMessage")) == 1


async def test_migrated_group_reports_the_new_id(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.fail_next(
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=-1000777,
    )
    outcome = await adapter.sender.send("-4777", POST, delivery_key="k")
    assert (outcome.outcome, outcome.new_chat) == (Outcome.MIGRATED, "-1000777")


async def test_rejected_html_is_sent_once_as_plain_text_and_logged_as_a_bug(
    fake: FakeTelegram, adapter: TelegramAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next("sendMessage", 400, "Bad Request: can't parse entities: Unsupported start tag")
    message = Message(title="T", paragraphs=("a < b",), buttons=(Button("Go", command="/today"),))
    with caplog.at_level(logging.ERROR):
        outcome = await adapter.sender.send("559", (message,), delivery_key="k")
    assert outcome.outcome is Outcome.SENT
    first, second = fake.of("sendMessage")
    assert first.status == 400 and first.params["parse_mode"] == "HTML"
    assert second.status == 200 and "parse_mode" not in second.params
    assert second.params["text"] == "T\n\na < b"
    assert second.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/today"
    assert any("renderer bug" in r.getMessage() for r in caplog.records if r.levelno >= 40)


async def test_a_dropped_connection_after_the_request_was_written_is_ambiguous(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.drop_next("sendMessage")
    outcome = await adapter.sender.send("560", POST, delivery_key="k")
    assert outcome.outcome is Outcome.AMBIGUOUS
    assert len(fake.sent("560")) == 1, "the fake did deliver it: that is why it is ambiguous"


def _chained(outer: NetworkError, cause: BaseException) -> NetworkError:
    """An exception chained the way PTB's HTTPXRequest raises it (`raise ... from err`)."""
    try:
        try:
            raise cause
        except BaseException as err:
            raise outer from err
    except NetworkError as exc:
        return exc


@pytest.mark.parametrize(
    ("outer", "cause", "expected"),
    [
        (
            NetworkError("httpx.ConnectError: refused"),
            httpx.ConnectError("refused"),
            Outcome.TRANSIENT,
        ),
        (TimedOut(), httpx.ConnectTimeout("slow"), Outcome.TRANSIENT),
        (TimedOut("Pool timeout"), httpx.PoolTimeout("full"), Outcome.TRANSIENT),
        (TimedOut(), httpx.ReadTimeout("no answer"), Outcome.AMBIGUOUS),
        (TimedOut(), httpx.WriteTimeout("half sent"), Outcome.AMBIGUOUS),
        (
            NetworkError("httpx.RemoteProtocolError"),
            httpx.RemoteProtocolError("closed"),
            Outcome.AMBIGUOUS,
        ),
    ],
)
def test_network_failures_split_on_whether_the_request_was_written(
    outer: NetworkError, cause: BaseException, expected: Outcome
) -> None:
    assert classify(_chained(outer, cause)).outcome is expected


async def test_a_5000_character_fact_full_of_markup_arrives_intact_and_split(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    text = long_fact()
    assert len(text) >= 4990
    outcome = await adapter.sender.send("561", (Message(paragraphs=(text,)),), delivery_key="k")
    assert outcome.outcome is Outcome.SENT
    parts = fake.sent("561")
    assert len(parts) == len(outcome.message_ids) >= 2
    assert all(utf16_len(p.plain or "") <= 4096 for p in parts)
    assert "&lt;/a&gt;" in parts[0].params["text"]
    # The renderer may only drop whitespace where it cuts.
    assert " ".join(p.plain or "" for p in parts).split() == text.split()


async def test_a_failure_on_part_two_never_resends_part_one(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    message = (Message(paragraphs=(long_fact(),)),)
    fake.fail_next("sendMessage", 400, "Bad Request: message is too long", skip=1)
    outcome = await adapter.sender.send("562", message, delivery_key="k")
    assert outcome.outcome is Outcome.AMBIGUOUS
    assert len(outcome.message_ids) == 1
    assert "partial" in (outcome.error or "")
    assert len(fake.sent("562")) == 1


async def test_a_chat_gone_after_part_one_is_target_gone_with_the_sent_id(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", skip=1)
    outcome = await adapter.sender.send(
        "563", (Message(paragraphs=(long_fact(),)),), delivery_key="k"
    )
    assert outcome.outcome is Outcome.TARGET_GONE
    assert len(outcome.message_ids) == 1


async def test_a_429_on_part_two_is_waited_out_by_the_sender(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 0.1", retry_after=0.1, skip=1
    )
    outcome = await adapter.sender.send(
        "564", (Message(paragraphs=(long_fact(),)),), delivery_key="k"
    )
    assert outcome.outcome is Outcome.SENT
    assert len(outcome.message_ids) == len(fake.sent("564")) >= 2
    assert len(fake.of("sendMessage", ok=False)) == 1


async def test_a_429_on_a_reply_is_waited_out_and_retried(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 0.1", retry_after=0.1)
    fake.command("/today")
    calls = await fake.wait_for(lambda c: c.method == "sendMessage" and c.status == 200)
    assert calls[0].params["text"] == "<b>On this day</b>\n\nNothing today."
    assert [c.status for c in fake.of("sendMessage")] == [429, 200]
    assert adapter.limiter.flood_waits == 1


async def test_first_source_preview_when_the_operator_enables_it(
    fake: FakeTelegram, settings: Settings, api: FakeApi
) -> None:
    card = Message(
        title="Arrested",
        paragraphs=("x " * 2500,),  # two parts: only the first may carry the preview
        sources=(Link("https://example.org/first", "First"), Link("https://example.org/2")),
        card_id="a/b",
    )
    async with started(replace(settings, telegram_link_preview=True), api) as bot:
        outcome = await bot.sender.send("555", [card, *POST], delivery_key="k")
    assert outcome.outcome is Outcome.SENT
    first, second, plain = fake.sent("555")
    assert first.params["link_preview_options"] == {
        "url": "https://example.org/first",
        "prefer_small_media": True,
    }
    assert second.params["link_preview_options"] == {"is_disabled": True}
    assert plain.params["link_preview_options"] == {"is_disabled": True}  # not a card


def test_link_preview_setting_is_checked() -> None:
    env = {"TELEGRAM_LINK_PREVIEW": "first-source"}
    assert Settings.from_env(env, facts_dir=Path(), schedules_dir=Path()).telegram_link_preview
    with pytest.raises(ValueError, match="first-source"):
        Settings.from_env({"TELEGRAM_LINK_PREVIEW": "on"}, facts_dir=Path(), schedules_dir=Path())

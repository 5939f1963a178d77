"""Commands end to end: an update in through the fake Bot API, the exact HTML out."""

from __future__ import annotations

import pytest

from bot.adapters.telegram.adapter import TelegramAdapter
from tests.fakes.telegram_api import (
    Call,
    FakeTelegram,
    channel_chat,
    group_chat,
    private_chat,
    supergroup_chat,
    user,
)
from tests.telegram.conftest import BOT_ADMIN, FakeApi

CARD_7 = (
    "<b>Card 7</b>\n\nFact number 7 &amp; more.\n\nSources:\n"
    '• <a href="https://example.org/7">Source 7</a>\n\n<i>people/card-7</i>'
)


async def reply(fake: FakeTelegram, push: object = None) -> Call:
    """The next message the bot sends after the update just pushed."""
    before = len(fake.sent())
    calls = await fake.wait_for(lambda c: c.method == "sendMessage", before + 1)
    return calls[before]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("/facts nobel", "<b>Cards about nobel</b>\n\nTwo &lt;found&gt; &amp; shown"),
        ("/fact people/card-7", CARD_7),
        ("/today", "<b>On this day</b>\n\nNothing today."),
        ("/upcoming 7", "<b>Upcoming</b>\n\ndays=7"),
        ("/help", "<b>Help</b>\n\n/facts, /today"),
        ("/start", "<b>Help</b>\n\n/facts, /today"),
        ("/about", "<b>About</b>\n\nAdvocacy bot"),
        ("/subscribe", "Done: /subscribe in 1001."),
        ("/unsubscribe", "Done: /unsubscribe in 1001."),
        ("/language be", "language=be"),
        ("/reload", "Reloaded"),
        ("/preview 2025-07-14", "Preview 2025-07-14"),
        ("/status", "All good"),
    ],
)
async def test_each_command_in_a_private_chat(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi, text: str, html: str
) -> None:
    fake.command(text)
    sent = await reply(fake)
    assert sent.params["text"] == html
    assert sent.params["chat_id"] == "1001"
    assert sent.params["parse_mode"] == "HTML"
    assert sent.params["link_preview_options"] == {"is_disabled": True}
    name, args, ctx = api.calls[-1]
    assert (ctx.platform, ctx.chat_id, ctx.chat_kind, ctx.user_id) == (
        "telegram",
        "1001",
        "private",
        "1001",
    )
    assert ctx.language == "en"
    assert not ctx.is_bot_admin
    assert "/" + name == text.split()[0].replace("/start", "/help")
    assert args == (text.split(maxsplit=1) + [""])[1]


def _described(menu: Call) -> dict[str, str]:
    return {c["command"]: c["description"] for c in menu.params["commands"]}


async def test_the_command_menu_is_translated(fake: FakeTelegram, adapter: TelegramAdapter) -> None:
    english, belarusian, russian = (_described(m) for m in fake.of("setMyCommands", ok=True)[:3])
    assert english["today"] == "What happened on this day"
    assert belarusian["today"] == "Што адбылося ў гэты дзень"
    assert russian["today"] == "Что произошло в этот день"
    admin_ru = _described(fake.of("setMyCommands", ok=True)[5])
    assert admin_ru["status"] == "Состояние, ближайшие запуски и проблемы с доставкой"


async def test_buttons_become_an_inline_keyboard(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.command("/facts")
    sent = await reply(fake)
    assert sent.params["reply_markup"] == {
        "inline_keyboard": [
            [
                {"text": "Next", "callback_data": "/facts page 2"},
                {"text": "Site", "url": "https://x.org"},
            ]
        ]
    }


async def test_start_publishes_menus_for_everyone_and_for_bot_admins(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    menus = fake.of("setMyCommands", ok=True)
    assert [(c.params["scope"], c.params.get("language_code")) for c in menus] == [
        ({"type": "default"}, None),
        ({"type": "default"}, "be"),
        ({"type": "default"}, "ru"),
        ({"type": "chat", "chat_id": BOT_ADMIN}, None),
        ({"type": "chat", "chat_id": BOT_ADMIN}, "be"),
        ({"type": "chat", "chat_id": BOT_ADMIN}, "ru"),
    ]
    everyone = [c["command"] for c in menus[0].params["commands"]]
    admins = [c["command"] for c in menus[3].params["commands"]]
    assert everyone == [
        "facts",
        "fact",
        "today",
        "upcoming",
        "subscribe",
        "unsubscribe",
        "language",
        "write",
        "help",
        "about",
    ]
    assert admins == [*everyone, "reload", "preview", "status"]
    for menu in menus:  # the same commands in every language, only the words differ
        commands = [c["command"] for c in menu.params["commands"]]
        assert commands in (everyone, admins)
    fake.command("/today")  # the open long poll returns with it at once
    await reply(fake)
    methods = [c.method for c in fake.calls]
    assert methods[:8] == ["getMe", *["setMyCommands"] * 6, "deleteWebhook"]
    assert fake.of("getUpdates")[0].params["allowed_updates"] == [
        "message",
        "channel_post",
        "inline_query",
        "callback_query",
        "my_chat_member",
    ]


async def test_bot_admin_from_settings(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    fake.command("/status", sender=user(BOT_ADMIN))
    await reply(fake)
    assert api.calls[-1][2].is_bot_admin


async def test_command_addressed_to_this_bot_in_a_group(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    fake.command("/facts@Facts_Bot nobel", chat=group_chat(-4001))
    sent = await reply(fake)
    assert sent.params["chat_id"] == "-4001"
    assert sent.params["text"].startswith("<b>Cards about nobel</b>")
    name, args, ctx = api.calls[-1]
    assert (name, args, ctx.chat_kind, ctx.chat_title) == ("facts", "nobel", "group", "Supporters")


async def test_commands_for_other_bots_and_unknown_ones_are_ignored_in_groups(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    group = supergroup_chat()
    fake.command("/facts@other_bot nobel", chat=group)
    fake.command("/weather", chat=group)
    fake.command("/today", chat=group)  # a marker: once it is answered, the others were seen
    sent = await reply(fake)
    assert sent.params["text"] == "<b>On this day</b>\n\nNothing today."
    assert [c[0] for c in api.calls] == ["today"]


async def test_unknown_command_in_a_private_chat_gets_the_services_hint(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.command("/weather")
    assert (await reply(fake)).params["text"] == "Unknown command /weather."


async def test_channel_post_command_runs_and_subscribe_needs_no_member_lookup(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    channel = channel_chat(-1009001)
    fake.channel_post("/subscribe", channel, signature="Ann")
    sent = await reply(fake)
    assert sent.params["chat_id"] == "-1009001"
    assert sent.params["text"] == "Done: /subscribe in -1009001."
    ctx = api.calls[-1][2]
    assert (ctx.chat_kind, ctx.user_id) == ("channel", None)
    assert not fake.of("getChatMember")


async def test_subscribe_refused_to_a_non_admin_in_a_group(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    group = supergroup_chat(-1004001)
    fake.members[("-1004001", "1001")] = "member"
    fake.command("/subscribe", chat=group, sender=user(1001))
    sent = await reply(fake)
    assert sent.params["text"] == "Only an admin of this chat can /subscribe."
    (lookup,) = fake.of("getChatMember")
    assert lookup.params == {"chat_id": "-1004001", "user_id": "1001"}


async def test_subscribe_by_a_group_admin_and_the_lookup_is_cached(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    group = supergroup_chat(-1004002)
    fake.members[("-1004002", "1002")] = "creator"
    fake.command("/subscribe", chat=group, sender=user(1002))
    assert (await reply(fake)).params["text"] == "Done: /subscribe in -1004002."
    fake.command("/unsubscribe", chat=group, sender=user(1002))
    assert (await reply(fake)).params["text"] == "Done: /unsubscribe in -1004002."
    assert len(fake.of("getChatMember")) == 1


async def test_anonymous_group_admin_posting_as_the_group_is_an_admin(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    group = supergroup_chat(-1004003)
    body = fake.message("/subscribe", group, user(1087968824, "Group"), sender_chat=group)
    fake.push({"message": body})
    assert (await reply(fake)).params["text"] == "Done: /subscribe in -1004003."
    assert not fake.of("getChatMember")


async def test_a_channel_post_forwarded_into_its_discussion_group_is_not_run_twice(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    group = supergroup_chat(-1004004)
    forwarded = fake.message(
        "/subscribe",
        group,
        user(777000, "Telegram"),
        is_automatic_forward=True,
        sender_chat=channel_chat(),
    )
    fake.push({"message": forwarded})
    fake.command("/today", chat=group)
    await reply(fake)
    assert [c[0] for c in api.calls] == ["today"]


async def test_reply_in_a_forum_topic_stays_in_the_topic(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    forum = {**supergroup_chat(-1004005), "is_forum": True}
    body = fake.message("/today", forum, user(), message_thread_id=77, is_topic_message=True)
    fake.push({"message": body})
    assert (await reply(fake)).params["message_thread_id"] == "77"


async def test_group_migration_moves_the_subscription(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    fake.migration(group_chat(-4009), -1004009)
    await api.wait(lambda: bool(api.migrations))
    assert api.migrations == [("telegram", "-4009", "-1004009")]


async def test_bot_removed_from_a_chat_ends_its_subscription(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    fake.member_status(group_chat(-4012), "member", old="administrator")  # demoted, still in
    fake.member_status(group_chat(-4011), "kicked", old="administrator")
    fake.member_status(private_chat(42), "kicked")  # a user blocked the bot
    fake.member_status(channel_chat(-1004013, "gone_channel"), "left", old="administrator")
    await api.wait(lambda: len(api.removed) >= 3)
    assert sorted(api.removed) == [
        ("telegram", "-1004013"),
        ("telegram", "-4011"),
        ("telegram", "42"),
    ]


async def test_callback_button_runs_its_command_in_the_chat(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    group = supergroup_chat(-1004010)
    fake.callback_query("/fact people/card-7", group, user(1003))
    sent = await reply(fake)
    assert sent.params["chat_id"] == "-1004010"
    assert sent.params["text"] == CARD_7
    (answer,) = await fake.wait_for("answerCallbackQuery")
    assert answer.params["callback_query_id"].startswith("cq")
    name, args, ctx = api.calls[-1]
    assert (name, args, ctx.user_id, ctx.chat_kind) == ("fact", "people/card-7", "1003", "group")


async def test_callback_on_a_channel_post_answers_the_presser_privately(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.callback_query("/today", channel_chat(), user(1004))
    sent = await reply(fake)
    assert sent.params["chat_id"] == "1004"
    (answer,) = await fake.wait_for("answerCallbackQuery")
    assert "text" not in answer.params


async def test_callback_on_a_channel_post_by_someone_who_never_started_the_bot(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.blocked.add("1005")
    fake.callback_query("/today", channel_chat(), user(1005))
    (answer,) = await fake.wait_for("answerCallbackQuery")
    assert answer.params["text"] == "Open @facts_bot and send /start first."
    assert answer.params["show_alert"] == "true"


async def test_button_notes_are_in_the_pressers_language(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    fake.blocked.add("1006")
    fake.callback_query("/today", channel_chat(), user(1006, language_code="ru"))
    fake.callback_query("k:forgotten", private_chat(1007), user(1007, language_code="be"))
    answers = await fake.wait_for("answerCallbackQuery", 2)
    assert sorted(a.params["text"] for a in answers) == [
        "Сначала откройте @facts_bot и отправьте /start.",
        "Тэрмін дзеяння гэтай кнопкі скончыўся. Замест гэтага набярыце каманду.",
    ]


async def test_unknown_button_data_is_answered_as_expired(
    fake: FakeTelegram, adapter: TelegramAdapter, api: FakeApi
) -> None:
    fake.callback_query("k:forgotten", private_chat(), user())
    (answer,) = await fake.wait_for("answerCallbackQuery")
    assert answer.params["text"] == "This button has expired. Type the command instead."
    assert answer.params["show_alert"] == "true"
    assert not api.calls

"""/subscribe says so when no scheduled post is addressed to subscribers."""

from __future__ import annotations

from pathlib import Path

from bot.core.commands.context import ChatContext
from bot.core.i18n import texts as catalogue
from bot.settings import Settings
from tests.content import THREE_CARDS, schedule, three_card_app, write_content

NO_POST_FOR_SUBSCRIBERS = catalogue("en")("no-post-for-subscribers")
PRIVATE = ChatContext(platform="telegram", chat_id="42", chat_kind="private", user_id="42")


def texts(reply: object) -> list[str]:
    return [p for m in reply.messages for p in m.paragraphs]  # type: ignore[attr-defined]


async def test_subscribe_to_a_schedule_that_serves_subscribers_has_no_note(
    tmp_path: Path,
) -> None:
    async with three_card_app(tmp_path, Settings()) as app:
        reply = await app.service.handle("subscribe", "", PRIVATE)
    assert texts(reply)[0].startswith("Subscribed")
    assert NO_POST_FOR_SUBSCRIBERS not in texts(reply)


async def test_subscribe_warns_when_no_post_goes_to_subscribers(tmp_path: Path) -> None:
    async with three_card_app(tmp_path, Settings()) as app:
        write_content(tmp_path, THREE_CARDS, schedule(to="[console]"))
        assert await app.reloader.reload("test") == []
        reply = await app.service.handle("subscribe", "", PRIVATE)
        assert await app.store.subscriber_counts() == {"telegram": 1}  # subscribed all the same
    assert texts(reply)[0].startswith("Subscribed")
    assert texts(reply)[-1] == NO_POST_FOR_SUBSCRIBERS

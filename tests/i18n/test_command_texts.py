"""Every command and argument is described in every language, within the platforms' limits."""

from __future__ import annotations

import pytest

from bot.core.commands.registry import COMMANDS
from bot.core.i18n import bundled

DISCORD_DESCRIPTION_MAX = 100  # Telegram allows 256: Discord's limit is the one that binds


@pytest.mark.parametrize("lang", bundled().languages)
def test_every_command_and_argument_has_a_description(lang: str) -> None:
    t = bundled().texts(lang)
    ids = [c.message_id for c in COMMANDS]
    ids += [c.argument_message_id(a) for c in COMMANDS for a in c.arguments]
    assert [i for i in ids if not t.has(i)] == []
    too_long = {i: t(i) for i in ids if not 0 < len(t(i)) <= DISCORD_DESCRIPTION_MAX}
    assert too_long == {}


def test_descriptions_follow_the_language() -> None:
    facts = next(c for c in COMMANDS if c.name == "facts")
    assert facts.description_in("en") == facts.description == "Search the fact cards"
    assert facts.description_in("be") == "Пошук па картках з фактамі"
    assert facts.description_in("ru-RU") == "Поиск по карточкам с фактами"
    assert facts.description_in("pt") == "Search the fact cards"
    (query,) = facts.arguments
    assert facts.argument_description(query, "ru") == "Слова для поиска, например nobel"

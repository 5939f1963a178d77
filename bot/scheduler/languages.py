"""Which languages an occurrence is composed in, and which one each named target reads.

docs/architecture.md §6: a named target reads the post's `language:`, else its schedule
file's; a chat (named without a schedule language, or subscribed) reads what its managers
chose with /language, else the schedules' language, else English. Composing only the
languages in use keeps a broadcast to English-only subscribers as cheap as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.content import ContentSet, ScheduledPost
from bot.core.i18n import DEFAULT_LANGUAGE, bundled
from bot.store.base import ChatSettingsStore, split_target

SUBSCRIBERS = "subscribers"


@dataclass(frozen=True)
class LanguagePlan:
    """The languages to compose, `default` first; `targets`: named target -> language."""

    languages: tuple[str, ...]
    default: str
    targets: Mapping[str, str]


async def plan_languages(
    store: ChatSettingsStore, content: ContentSet, post: ScheduledPost
) -> LanguagePlan:
    catalogues = bundled()
    spec = post.spec
    named = catalogues.supported(post.language)  # the post's `language:`, else its file's
    explicit = [t for t in spec.to if t != SUBSCRIBERS]
    default = catalogues.supported(content.language)
    if named is not None and SUBSCRIBERS not in spec.to:
        default = named  # nobody reads another language
    default = default or DEFAULT_LANGUAGE
    targets: dict[str, str] = dict.fromkeys(explicit, named) if named is not None else {}
    chosen: set[str | None] = set(targets.values())
    if named is None:
        chosen |= {await store.get_language(*split_target(t)) for t in explicit}
    if SUBSCRIBERS in spec.to:
        chosen |= await store.subscriber_languages()
    in_use = {catalogues.supported(c) for c in chosen} - {None, default}
    others = sorted(c for c in in_use if c is not None)
    return LanguagePlan((default, *others), default, targets)

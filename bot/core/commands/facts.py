"""/facts [query] and /fact <id>: finding cards and showing one."""

from __future__ import annotations

import difflib
from collections import Counter

from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.registry import spec
from bot.core.commands.replies import clip, echo, notice
from bot.core.content import CardRecord, ContentSet
from bot.core.i18n import texts
from bot.core.messages import Button, Item, Message, Reply
from bot.core.posts import card_message
from bot.core.search import SearchIndex, query_tokens
from bot.core.wording import subject_name

LIST_SIZE = 10  # hits listed when a query matches many cards
FULL_CARDS = 3  # up to this many hits are shown in full
MAX_REF = 129  # the longest global card id a fact file can give


def facts_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    t = texts(ctx.language)
    query = args.strip()
    if not query:
        return _overview(content, index, ctx.language)
    if not query_tokens(query):
        return notice(t("facts-no-words-title"), t("facts-no-words", query=echo(query)))
    total = index.count(query)
    if total == 0:
        return _nothing_found(query, index, ctx.language)
    hits = index.search(query, limit=LIST_SIZE)
    if total <= FULL_CARDS:
        return Reply(
            tuple(card_message(rec, ctx.language, day=moment.local.date()) for rec in hits)
        )
    how = t("open-one")
    if total > len(hits):
        how += " " + t("facts-best", shown=len(hits))
    return Reply(
        (
            Message(
                title=t("facts-match-title", total=total, query=echo(query)),
                paragraphs=(how,),
                items=tuple(_item(rec, ctx.language) for rec in hits),
            ),
        )
    )


def fact_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    t = texts(ctx.language)
    words = args.split()
    if not words:
        usage = spec("fact")
        return notice(
            t("usage", usage=usage.usage() if usage else "/fact <id>"), t("fact-find-ids")
        )
    ref = words[0].lower()[:MAX_REF]
    rec = content.get(ref)
    if rec is not None:
        return Reply((card_message(rec, ctx.language, day=moment.local.date()),))
    same = content.ambiguous(ref)
    if same:
        return Reply(
            (
                Message(
                    title=t("fact-same-id-title", count=len(same), id=echo(ref)),
                    paragraphs=(t("fact-open-full-id", id=same[0].global_id),),
                    items=tuple(_item(r, ctx.language) for r in same),
                ),
            ),
            private=True,
        )
    return _did_you_mean(ref, content, index, ctx.language)


def _item(rec: CardRecord, language: str | None) -> Item:
    return Item(rec.global_id, clip(rec.localized(language)[0], 80))


def _overview(content: ContentSet, index: SearchIndex, language: str | None) -> Reply:
    t = texts(language)
    if not content.cards:
        return notice(t("facts-empty-title"), t("facts-empty"), private=False)
    names = sorted(subject_name(s, language) for s in content.subjects.values())
    count = len(content.cards)
    if names:
        counted = t("facts-overview-about", count=count, names=t.and_list(names))
    else:
        counted = t("facts-overview-count", count=count)
    tags = Counter(tag for rec in content.cards for tag in rec.card.tags).most_common(4)
    return Reply(
        (
            Message(
                title=t("facts-overview-title"),
                paragraphs=(counted, t("facts-overview-how")),
                items=tuple(_item(rec, language) for rec in index.newest(limit=3)),
                buttons=tuple(Button(f"/facts {tag}", command=f"/facts {tag}") for tag, _ in tags),
            ),
        )
    )


def _nothing_found(query: str, index: SearchIndex, language: str | None) -> Reply:
    t = texts(language)
    close = index.suggest(query)
    return notice(
        t("nothing-found-title", query=echo(query)),
        t("nothing-found-close" if close else "nothing-found"),
        buttons=tuple(Button(word, command=f"/facts {word}") for word in close),
    )


def _did_you_mean(ref: str, content: ContentSet, index: SearchIndex, lang: str | None) -> Reply:
    """Unknown id: the closest ids (a typo), else what a search for its words finds.

    "subject/card" is compared with that subject's global ids when the subject exists,
    else with every global id; a bare id with the short ids.
    """
    owner, slash, _ = ref.partition("/")
    ids: dict[str, list[CardRecord]] = {}
    for rec in content.cards:
        key = rec.global_id if slash else rec.short_id
        ids.setdefault(key, []).append(rec)
    if slash and any(k.startswith(owner + "/") for k in ids):
        ids = {k: v for k, v in ids.items() if k.startswith(owner + "/")}
    found: dict[str, CardRecord] = {}
    for close in difflib.get_close_matches(ref, list(ids), n=3, cutoff=0.6):
        found.update((r.global_id, r) for r in ids[close])
    if not found:
        found = {r.global_id: r for r in index.search(ref, limit=3)}
    t = texts(lang)
    title = t("fact-no-id-title", id=echo(ref))
    if not found:
        return notice(title, t("fact-find-ids-short"))
    shown = list(found.values())[:3]
    return Reply(
        (
            Message(
                title=title,
                paragraphs=(t("did-you-mean"),),
                items=tuple(_item(r, lang) for r in shown),
                buttons=tuple(Button(r.global_id, command=f"/fact {r.global_id}") for r in shown),
            ),
        ),
        private=True,
    )

"""/write [subject]: how to write to a prisoner now, or whom one can write to."""

from __future__ import annotations

import difflib

from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.replies import echo, notice
from bot.core.content import ContentSet
from bot.core.fact_files import Subject
from bot.core.i18n import texts
from bot.core.letters import kit, recipients, subject_sources
from bot.core.messages import Button, Message, Reply
from bot.core.search import SearchIndex
from bot.core.wording import subject_name

PICK_MAX = 10  # people offered at once; a longer list is a /write <name> away


def write_command(
    args: str, ctx: ChatContext, content: ContentSet, index: SearchIndex, moment: Moment
) -> Reply:
    lang = ctx.language
    t = texts(lang)
    query = " ".join(args.split())
    if not query:
        people = recipients(content)
        if not people:
            return notice(t("write-none-title"), t("write-none"), private=False)
        if len(people) == 1:
            return Reply((write_message(content, people[0], lang, moment),))
        return Reply(
            (
                Message(
                    title=t("write-pick-title"),
                    paragraphs=(t("write-pick"),),
                    buttons=tuple(
                        Button(subject_name(s, lang), command=f"/write {s.id}")
                        for s in people[:PICK_MAX]
                    ),
                ),
            )
        )
    subject = find_subject(content, query)
    if subject is None:
        return _did_you_mean(content, query, lang)
    return Reply((write_message(content, subject, lang, moment),))


def write_message(
    content: ContentSet, subject: Subject, language: str | None, moment: Moment
) -> Message:
    """The kit for a subject with letters; otherwise a plain 'no letters' and its sources."""
    t = texts(language)
    name = subject_name(subject, language)
    if subject.letters is None:
        return Message(
            title=t("write-no-letters-title", name=name),
            paragraphs=(t("write-no-letters"),),
            sources=subject_sources(content, subject),
        )
    shown = kit(subject, language, moment.local.date())
    return Message(
        title=t("write-title", name=name),
        paragraphs=shown.paragraphs,
        preformatted=shown.address,
        sources=shown.links,
    )


def _names(subject: Subject) -> set[str]:
    found = {subject.id, subject.name.casefold()}
    found.update(tr.name.casefold() for tr in subject.translations.values())
    return found


def find_subject(content: ContentSet, query: str) -> Subject | None:
    """A subject by id or by its name in any language, ignoring case."""
    wanted = query.casefold()
    for subject in content.subjects.values():
        if wanted in _names(subject):
            return subject
    return None


def _did_you_mean(content: ContentSet, query: str, lang: str | None) -> Reply:
    t = texts(lang)
    names: dict[str, Subject] = {}
    for subject in content.subjects.values():
        names.update((n, subject) for n in _names(subject))
    close = difflib.get_close_matches(query.casefold(), list(names), n=6, cutoff=0.5)
    found = list({names[n].id: names[n] for n in close}.values())[:3]
    title = t("write-unknown-title", query=echo(query))
    if not found:
        return notice(title, t("write-unknown"))
    return notice(
        title,
        t("write-did-you-mean"),
        buttons=tuple(Button(subject_name(s, lang), command=f"/write {s.id}") for s in found),
    )

"""The reading pages: the front page, one page per subject and one per card."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from bot.core.content import CardRecord
from bot.site.layout import Page, esc, lang_attr, link
from bot.site.model import (
    Section,
    card_path,
    href,
    index_path,
    subject_path,
)
from bot.site.text import date_label, summary
from bot.site.words import Words

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def shown_in(rec: CardRecord, lang: str) -> tuple[str, str]:
    """The languages the card's title and text are actually shown in on a `lang` page."""
    tr = rec.card.translations.get(lang)
    title_lang = lang if tr is not None and tr.title else "en"
    text_lang = lang if tr is not None and tr.text else "en"
    return title_lang, text_lang


def alternates(languages: Sequence[str], path_of: Callable[[str], str]) -> dict[str, str]:
    """The same page in every language: lang -> path."""
    return {lang: path_of(lang) for lang in languages}


def _time(rec: CardRecord, lang: str) -> str:
    if rec.date is None:
        return esc(date_label(None, Words(lang)))
    return f'<time datetime="{rec.date}">{esc(date_label(rec.date, Words(lang)))}</time>'


def _sources(rec: CardRecord) -> str:
    return _sources_html(tuple((str(s.url), s.title) for s in rec.sources))


@functools.lru_cache(maxsize=4096)
def _sources_html(sources: tuple[tuple[str, str], ...]) -> str:
    """The same in every language and on both the subject and the card page: made once."""
    items = "".join(f"<li>{link(url, title)}</li>" for url, title in sources)
    return f'<ul class="sources">{items}</ul>'


def _card_summary(rec: CardRecord, lang: str, here: str) -> str:
    title, text = rec.localized(lang)
    title_lang, text_lang = shown_in(rec, lang)
    t = Words(lang)
    return (
        f'<li><article class="card" id="{esc(rec.short_id)}">'
        f'<h3{lang_attr(title_lang, lang)}><a href="{href(here, card_path(lang, rec))}">'
        f"{esc(title)}</a></h3>"
        f'<p class="meta">{_time(rec, lang)}</p>'
        f"<p{lang_attr(text_lang, lang)}>{esc(summary(text))}</p>"
        f"<details><summary>{esc(t('site-sources'))}</summary>{_sources(rec)}</details>"
        "</article></li>"
    )


def index_page(sections: Sequence[Section], lang: str, languages: Sequence[str]) -> Page:
    t = Words(lang)
    here = index_path(lang)
    items = []
    for sec in sections:
        count = esc(t("site-cards", count=len(sec.cards)))
        items.append(
            f'<li><a href="{href(here, subject_path(lang, sec.key))}">{esc(sec.name(lang))}</a>'
            f" <span>({count})</span></li>"
        )
    body = (
        f"<h1>{esc(t('site-name'))}</h1>\n<p>{esc(t('site-intro'))}</p>\n"
        f'<h2>{esc(t("site-subjects"))}</h2>\n<ul class="subjects">{"".join(items)}</ul>'
    )
    return Page(
        here, lang, t("site-name"), body, alternates(languages, index_path), t("site-intro")
    )


def subject_page(sec: Section, lang: str, languages: Sequence[str]) -> Page:
    t = Words(lang)
    here = subject_path(lang, sec.key)
    name = sec.name(lang)
    lines = [f"<h1>{esc(name)}</h1>"]
    born = sec.subject.born if sec.subject is not None else None
    if born is not None:
        lines.append(f"<p>{esc(t('site-born', date=date_label(born, t)))}</p>")
    lines.append(f"<p>{esc(t('site-cards', count=len(sec.cards)))}</p>")
    lines.append('<ul class="cards">')
    lines.extend(_card_summary(rec, lang, here) for rec in sec.cards)
    lines.append("</ul>")
    description = t("site-all-cards", name=name)
    others = alternates(languages, lambda code: subject_path(code, sec.key))
    return Page(here, lang, name, "\n".join(lines), others, description)


def card_page(rec: CardRecord, sec: Section, lang: str, languages: Sequence[str]) -> Page:
    t = Words(lang)
    here = card_path(lang, rec)
    title, text = rec.localized(lang)
    title_lang, text_lang = shown_in(rec, lang)
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    subject_link = href(here, subject_path(lang, sec.key))
    body = "\n".join(
        [
            "<article>",
            f"<h1{lang_attr(title_lang, lang)}>{esc(title)}</h1>",
            f'<p class="meta">{_time(rec, lang)} · <a href="{subject_link}">'
            f"{esc(t('site-all-cards', name=sec.name(lang)))}</a></p>",
            f'<div class="text"{lang_attr(text_lang, lang)}>',
            *(f"<p>{esc(p)}</p>" for p in paragraphs),
            "</div>",
            f"<h2>{esc(t('site-sources'))}</h2>",
            _sources(rec),
            f'<p class="id"><code>{esc(rec.global_id)}</code></p>',
            "</article>",
        ]
    )
    others = alternates(languages, lambda code: card_path(code, rec))
    return Page(here, lang, title, body, others, summary(text), og_type="article")

"""The frame of every HTML page: head, language links, navigation and footer.

Everything that reaches the page from a card goes through `esc` (HTML-escaped after
`visible`), and every outside link through `link`, which drops anything but http(s).
A Content-Security-Policy without any script source is the second wall: even a page
that somehow carried a script element would not run it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html import escape

from bot.core.i18n import bundled
from bot.core.safe_text import safe_url, visible
from bot.site.model import (
    CARDS_JSON,
    STYLE,
    SiteOptions,
    absolute,
    calendar_path,
    feed_path,
    href,
    ics_path,
    index_path,
)
from bot.site.words import Words

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


def esc(text: str) -> str:
    """Card or catalogue text as HTML text: escaped, with bidi controls made visible."""
    return escape(visible(text), quote=True)


def lang_attr(shown: str, page_lang: str) -> str:
    """` lang="en"` where a text falls back to another language than the page's."""
    return "" if shown == page_lang else f' lang="{esc(shown)}"'


def link(url: str, text: str) -> str:
    """An outside link when `url` is http(s); otherwise the text alone, never a link."""
    target = safe_url(url)
    if target is None:
        return esc(text or url)
    return f'<a href="{esc(target)}" rel="noopener noreferrer nofollow">{esc(text or target)}</a>'


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page: `body` is HTML already escaped; `alternates` maps lang -> path."""

    path: str
    lang: str
    title: str
    body: str
    alternates: Mapping[str, str]
    description: str = ""
    og_type: str = "website"


def render(page: Page, options: SiteOptions) -> bytes:
    here, lang = page.path, page.lang
    depth = here.count("/")
    head_end, header, footer = _chrome(lang, depth, options.day)
    title, description = esc(page.title), esc(page.description)
    head = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f'<meta name="description" content="{description}">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:type" content="{page.og_type}">',
    ]
    own_url = absolute(options, here)
    if own_url is not None:
        head.append(f'<meta property="og:url" content="{esc(own_url)}">')
        head.append(f'<link rel="canonical" href="{esc(own_url)}">')
    langs = []
    for code, path in page.alternates.items():
        target = absolute(options, path) or href(here, path)
        head.append(f'<link rel="alternate" hreflang="{code}" href="{esc(target)}">')
        name = _own_name(code)
        if code == lang:
            langs.append(f'<li><a href="{href(here, path)}" aria-current="page">{name}</a></li>')
        else:
            langs.append(
                f'<li><a href="{href(here, path)}" hreflang="{code}" lang="{code}">{name}</a></li>'
            )
    return "\n".join(
        [
            *head,
            head_end,
            header.replace(_LANGS, "".join(langs)),
            f'<main id="main">\n{page.body}\n</main>',
            footer,
        ]
    ).encode("utf-8")


_LANGS = "\x00langs\x00"  # where each page's own language links go in the cached header


@functools.lru_cache(maxsize=64)
def _own_name(code: str) -> str:
    return esc(bundled().own_name(code))


@functools.lru_cache(maxsize=256)
def _chrome(lang: str, depth: int, built: date) -> tuple[str, str, str]:
    """The end of the head, the header and the footer of every `lang` page `depth`
    folders below the root: the same for thousands of pages, so made once."""
    t = Words(lang)
    up = "../" * depth
    head_end = "\n".join(
        [
            f'<meta property="og:site_name" content="{esc(t("site-name"))}">',
            f'<link rel="stylesheet" href="{up}{STYLE}">',
            f'<link rel="alternate" type="application/atom+xml" title="{esc(t("site-feed"))}" '
            f'href="{up}{feed_path(lang)}">',
            "</head>",
        ]
    )
    header = "\n".join(
        [
            "<body>",
            f'<a class="skip" href="#main">{esc(t("site-skip"))}</a>',
            "<header>",
            f'<p class="site"><a href="{up}{index_path(lang)}">{esc(t("site-name"))}</a></p>',
            f'<nav aria-label="{esc(t("site-languages"))}"><ul class="langs">{_LANGS}</ul></nav>',
            "</header>",
        ]
    )
    year = str(built.year)
    footer = "\n".join(
        [
            "<footer>",
            "<ul>",
            f'<li><a href="{up}{index_path(lang)}">{esc(t("site-home"))}</a></li>',
            f'<li><a href="{up}{calendar_path(lang)}">'
            f"{esc(t('site-calendar', year=year))}</a></li>",
            f'<li><a href="{up}{ics_path(lang)}">{esc(t("site-subscribe"))}</a></li>',
            f'<li><a href="{up}{feed_path(lang)}">{esc(t("site-feed"))}</a></li>',
            f'<li><a href="{up}{CARDS_JSON}">{esc(t("site-data"))}</a></li>',
            "</ul>",
            f"<p>{esc(t('site-built', date=t.long_date(built)))}</p>",
            "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )
    return head_end, header, footer

"""The frame of every HTML page: head, language links, navigation and footer.

Everything that reaches the page from a card goes through `esc` (HTML-escaped after
`visible`), and every outside link through `link`, which drops anything but http(s).
A Content-Security-Policy without any script source is the second wall: even a page
that somehow carried a script element would not run it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from bot.core.i18n import bundled, texts
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
from bot.site.text import safe_url, visible

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
    t = texts(page.lang)
    here = page.path
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(page.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(page.title)}</title>",
        f'<meta name="description" content="{esc(page.description)}">',
        f'<meta property="og:title" content="{esc(page.title)}">',
        f'<meta property="og:description" content="{esc(page.description)}">',
        f'<meta property="og:type" content="{page.og_type}">',
        f'<meta property="og:site_name" content="{esc(t("site-name"))}">',
    ]
    own_url = absolute(options, here)
    if own_url is not None:
        head.append(f'<meta property="og:url" content="{esc(own_url)}">')
        head.append(f'<link rel="canonical" href="{esc(own_url)}">')
    for lang, path in page.alternates.items():
        target = absolute(options, path) or href(here, path)
        head.append(f'<link rel="alternate" hreflang="{esc(lang)}" href="{esc(target)}">')
    head += [
        f'<link rel="stylesheet" href="{href(here, STYLE)}">',
        f'<link rel="alternate" type="application/atom+xml" title="{esc(t("site-feed"))}" '
        f'href="{href(here, feed_path(page.lang))}">',
        "</head>",
    ]
    return "\n".join([*head, _body(page, options)]).encode("utf-8")


def _body(page: Page, options: SiteOptions) -> str:
    t = texts(page.lang)
    here, lang = page.path, page.lang
    langs = []
    for code, path in page.alternates.items():
        name = esc(bundled().own_name(code))
        if code == lang:
            langs.append(f'<li><a href="{href(here, path)}" aria-current="page">{name}</a></li>')
        else:
            langs.append(
                f'<li><a href="{href(here, path)}" hreflang="{esc(code)}" lang="{esc(code)}">'
                f"{name}</a></li>"
            )
    year = options.day.year
    return "\n".join(
        [
            "<body>",
            f'<a class="skip" href="#main">{esc(t("site-skip"))}</a>',
            "<header>",
            f'<p class="site"><a href="{href(here, index_path(lang))}">'
            f"{esc(t('site-name'))}</a></p>",
            f'<nav aria-label="{esc(t("site-languages"))}">'
            f'<ul class="langs">{"".join(langs)}</ul></nav>',
            "</header>",
            f'<main id="main">\n{page.body}\n</main>',
            "<footer>",
            "<ul>",
            f'<li><a href="{href(here, index_path(lang))}">{esc(t("site-home"))}</a></li>',
            f'<li><a href="{href(here, calendar_path(lang))}">'
            f"{esc(t('site-calendar', year=str(year)))}</a></li>",
            f'<li><a href="{href(here, ics_path(lang))}">{esc(t("site-subscribe"))}</a></li>',
            f'<li><a href="{href(here, feed_path(lang))}">{esc(t("site-feed"))}</a></li>',
            f'<li><a href="{href(here, CARDS_JSON)}">{esc(t("site-data"))}</a></li>',
            "</ul>",
            f"<p>{esc(t('site-built', date=t.long_date(options.day)))}</p>",
            "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )

"""The whole site as a mapping `path -> bytes`, and a writer to a folder.

Building in memory keeps one code path for the two ways the site reaches people: files
for a static host (`advocacy-bot site --out DIR`), and the running bot serving the same
bytes from memory, rebuilt on reload.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from bot.core.content import ContentSet
from bot.core.i18n import bundled
from bot.site.atom import atom_feed
from bot.site.data import SCHEMA, cards_data, to_json
from bot.site.grid import calendar_page, year_events
from bot.site.ics import ics_calendar
from bot.site.layout import Page, esc, render
from bot.site.model import (
    CARDS_JSON,
    CARDS_SCHEMA,
    STYLE,
    SiteOptions,
    feed_path,
    ics_path,
    index_path,
    sections,
)
from bot.site.pages import card_page, index_page, subject_page
from bot.site.style import CSS

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/json",
}


@dataclass(frozen=True, repr=False)
class Site:
    """Every file of the site; `files` is read-only."""

    files: Mapping[str, bytes]

    def __repr__(self) -> str:
        # Short on purpose: asyncio formats a finished task's result with repr(), and
        # the full repr of a 200 MB site took longer than building half of it.
        return f"Site({len(self.files)} files)"

    def media_type(self, path: str) -> str:
        return MEDIA_TYPES.get(Path(path).suffix, "application/octet-stream")

    def etag(self, path: str) -> str:
        """A strong ETag from the file's bytes: a rebuild that changes nothing in a file
        keeps its tag, so calendar apps and feed readers polling it get 304s."""
        return '"' + hashlib.sha256(self.files[path]).hexdigest()[:32] + '"'


async def build_site_async(content: ContentSet, options: SiteOptions) -> Site:
    """The site for `content` as of `options.day`. Async because posts are composed so."""
    languages = bundled().languages
    files: dict[str, bytes] = {STYLE: CSS.encode("utf-8")}
    secs = sections(content)
    marked = year_events(content, options.day.year)
    pages: list[Page] = []
    for lang in languages:
        pages.append(index_page(secs, lang, languages))
        pages.append(calendar_page(marked, lang, languages, options.day.year))
        for sec in secs:
            pages.append(subject_page(sec, lang, languages))
            pages.extend(card_page(rec, sec, lang, languages) for rec in sec.cards)
        files[ics_path(lang)] = ics_calendar(content, lang, options)
        files[feed_path(lang)] = await atom_feed(content, lang, options)
    files.update((page.path, render(page, options)) for page in pages)
    files["index.html"] = _language_choice(languages)
    files[CARDS_JSON] = to_json(cards_data(content, languages, options.day))
    files[CARDS_SCHEMA] = to_json(SCHEMA)
    return Site(MappingProxyType(dict(sorted(files.items()))))


def build_site(content: ContentSet, options: SiteOptions) -> Site:
    """`build_site_async` for callers outside an event loop (the CLI, benchmarks)."""
    return asyncio.run(build_site_async(content, options))


def _language_choice(languages: tuple[str, ...]) -> bytes:
    """The site's root: a plain list of the language versions (no redirect, no script)."""
    names = bundled()
    items = "".join(
        f'<li><a href="{index_path(code)}" hreflang="{code}" lang="{code}">'
        f"{esc(names.own_name(code))}</a></li>"
        for code in languages
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(names.texts('en')('site-name'))}</title>\n"
        f'<link rel="stylesheet" href="{STYLE}">\n</head>\n<body>\n<main>\n'
        f'<ul class="langs">{items}</ul>\n</main>\n</body>\n</html>\n'
    ).encode()


def write_site(site: Site, out: Path) -> int:
    """Write every file under `out` (created if needed); returns how many were written."""
    for rel, data in site.files.items():
        target = out.joinpath(*rel.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(site.files)

"""The year calendar page: twelve month grids in HTML and CSS, no script.

The days come from `bot.core.calendar.upcoming`, the same function `/upcoming` uses, so
the page marks exactly the days the bot speaks on (29 February cards on 28 February in
common years). Each marked day links to its entry under the grids, and each entry to its
card.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Sequence
from datetime import date

from babel import Locale
from babel.dates import get_day_names

from bot.core.calendar import UpcomingEvent, upcoming
from bot.core.content import ContentSet
from bot.site.layout import Page, esc
from bot.site.model import calendar_path, card_path, href, subject_path
from bot.site.pages import alternates
from bot.site.words import Words

KINDS = ("anniversary", "birthday", "milestone")


def _locale(t: Words) -> Locale:
    return Locale.parse(t("format-locale").replace("-", "_"))


def _anchor(day: date) -> str:
    return f"d-{day.isoformat()}"


def _month(year: int, month: int, marked: dict[date, list[UpcomingEvent]], t: Words) -> str:
    loc = _locale(t)
    first = loc.first_week_day
    short = get_day_names("abbreviated", locale=loc)
    wide = get_day_names("wide", locale=loc)
    order = [(first + i) % 7 for i in range(7)]
    heads = "".join(f'<th scope="col" abbr="{esc(wide[d])}">{esc(short[d])}</th>' for d in order)
    rows = []
    for week in _cal.Calendar(first).monthdayscalendar(year, month):
        cells = []
        for n in week:
            if n == 0:
                cells.append("<td></td>")
                continue
            day = date(year, month, n)
            found = marked.get(day)
            if not found:
                cells.append(f"<td>{n}</td>")
                continue
            kinds = [k for k in KINDS if any(e.kind == k for e in found)]
            label = f"{t.day_month(day)}: {', '.join(t(f'site-{k}') for k in kinds)}"
            cells.append(
                f'<td class="marked {" ".join(kinds)}"><a href="#{_anchor(day)}" '
                f'title="{esc(label)}" aria-label="{esc(label)}">{n}</a></td>'
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    heading = esc(t.month_year(year, month))
    return (
        f'<section class="month"><h2 id="m{month}">{heading}</h2>'
        f'<table aria-labelledby="m{month}"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _entry(ev: UpcomingEvent, lang: str, here: str) -> str:
    t = Words(lang)
    target = None
    if ev.card_id is not None:
        target = card_path(lang, ev.card_id)
    elif ev.birthday is not None:
        target = (
            card_path(lang, ev.birthday.card)
            if ev.birthday.card is not None
            else subject_path(lang, ev.birthday.subject.id)
        )
    text = esc(ev.text(lang))
    shown = f'<a href="{href(here, target)}">{text}</a>' if target else text
    return (
        f'<li class="{ev.kind}"><span class="kind">{esc(t(f"site-{ev.kind}"))}</span> {shown}</li>'
    )


def year_events(content: ContentSet, year: int) -> dict[date, list[UpcomingEvent]]:
    """The marked days of `year` and what happens on each, for every language's page."""
    start = date(year, 1, 1)
    marked: dict[date, list[UpcomingEvent]] = {}
    for ev in upcoming(content, content.posts, start, (date(year + 1, 1, 1) - start).days):
        marked.setdefault(ev.day, []).append(ev)
    return marked


def calendar_page(
    marked: dict[date, list[UpcomingEvent]], lang: str, languages: Sequence[str], year: int
) -> Page:
    t = Words(lang)
    here = calendar_path(lang)
    legend = "".join(
        f'<li class="{k}"><span class="swatch"></span>{esc(t(f"site-{k}"))}</li>' for k in KINDS
    )
    title = t("site-calendar", year=str(year))
    lines = [
        f"<h1>{esc(title)}</h1>",
        f"<p>{esc(t('site-calendar-intro'))}</p>",
        f'<ul class="legend">{legend}</ul>',
        '<div class="year">',
        *(_month(year, m, marked, t) for m in range(1, 13)),
        "</div>",
    ]
    if not marked:
        lines.append(f"<p>{esc(t('site-nothing-marked', year=str(year)))}</p>")
    lines.append('<div class="days">')
    for day, found in marked.items():
        lines.append(
            f'<section id="{_anchor(day)}"><h2><time datetime="{day.isoformat()}">'
            f"{esc(t.day_month(day))}</time></h2>"
            f"<ul>{''.join(_entry(ev, lang, here) for ev in found)}</ul></section>"
        )
    lines.append("</div>")
    others = alternates(languages, calendar_path)
    return Page(here, lang, title, "\n".join(lines), others, t("site-calendar-intro"))

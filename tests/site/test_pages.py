"""The HTML pages read by an HTML parser: structure, languages, links and escaping."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import urldefrag

import pytest

from bot.site import Site
from tests.site.conftest import BASE_URL, HOSTILE_TITLE


class _Page(HTMLParser):
    """Every start tag with its attributes, and the text, of one page."""

    def __init__(self, source: bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(source.decode("utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def meta(self, prop: str) -> str | None:
        found = [a.get("content") for a in self.all("meta") if a.get("property") == prop]
        return found[0] if found else None


def _pages(site: Site) -> dict[str, _Page]:
    return {p: _Page(b) for p, b in site.files.items() if p.endswith(".html")}


def test_every_link_within_the_site_leads_to_a_file_and_every_other_is_http(site: Site) -> None:
    ids = {
        path: {a["id"] for _, a in page.tags if a.get("id")} for path, page in _pages(site).items()
    }
    for path, page in _pages(site).items():
        for attrs in page.all("a") + page.all("link"):
            target = attrs.get("href")
            assert target, (path, attrs)
            if target.startswith(("https://", "http://")):
                continue
            assert ":" not in target.split("/", 1)[0], (path, target)  # no other scheme
            file, anchor = urldefrag(target)
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file or ""))
            if not file:
                resolved = path
            assert resolved in site.files, (path, target)
            if anchor:
                assert anchor in ids[resolved], (path, target)


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Arrested in Minsk"), ("be", "Арыштаваны ў Мінску"), ("ru", "Арестован в Минске")],
)
def test_card_page_in_each_language(site: Site, lang: str, heading: str) -> None:
    path = f"{lang}/cards/ales-bialiatski/arrest-2021.html"
    page = _Page(site.files[path])
    assert page.all("html")[0]["lang"] == lang
    assert page.meta("og:title") == heading
    assert page.meta("og:url") == BASE_URL + path
    assert page.meta("og:type") == "article"
    alternates = {a["hreflang"]: a["href"] for a in page.all("link") if a.get("hreflang")}
    assert alternates == {
        code: f"{BASE_URL}{code}/cards/ales-bialiatski/arrest-2021.html"
        for code in ("en", "be", "ru")
    }
    assert heading in page.text
    assert any(a.get("href") == "https://example.org/arrest" for a in page.all("a"))


def test_untranslated_text_is_marked_as_english(site: Site) -> None:
    page = _Page(site.files["be/cards/ales-bialiatski/leap-protest.html"])
    assert [a.get("lang") for name, a in page.tags if name == "h1"] == ["en"]


def test_subject_page_lists_cards_newest_first_with_dates_and_sources(site: Site) -> None:
    page = _Page(site.files["ru/subjects/ales-bialiatski.html"])
    assert "Алесь Беляцкий" in page.text
    dates = [a["datetime"] for a in page.all("time")]
    assert dates == ["2021-07-14", "2020-02-29", "1962-09-25"]
    assert "Дата неизвестна" in page.text  # the undated card comes last
    assert {"https://example.org/arrest", "https://example.org/note"} <= {
        a.get("href") for a in page.all("a")
    }


def test_hostile_card_is_text_on_every_page(site: Site) -> None:
    for lang in ("en", "be", "ru"):
        for path in (f"{lang}/cards/hostile/hostile.html", f"{lang}/subjects/hostile.html"):
            page = _Page(site.files[path])
            assert page.all("script") == [] and page.all("img") == [], path
            hrefs = [a.get("href") or "" for a in page.all("a")]
            assert not any("javascript" in h.lower() for h in hrefs), path
            assert "\u202e" not in "".join(page.text), path
        shown = HOSTILE_TITLE.replace("\u202e", "[U+202E]")
        card = _Page(site.files[f"{lang}/cards/hostile/hostile.html"])
        assert shown in card.text
        assert card.meta("og:title") == shown


def test_calendar_page_marks_the_days_of_the_year(site: Site) -> None:
    page = _Page(site.files["en/calendar.html"])
    marked = {
        a["href"]
        for name, a in page.tags
        if name == "a" and (a.get("href") or "").startswith("#d-")
    }
    # Anniversaries, the birthday and the milestone of 2026 (28 February for 29 February).
    assert {"#d-2026-07-14", "#d-2026-02-28", "#d-2026-09-25", "#d-2026-03-10"} <= marked
    assert "#d-2026-07-15" not in marked
    assert len(page.all("table")) == 12
    assert page.all("script") == []

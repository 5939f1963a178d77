"""cards.json is valid against the schema written beside it, and says what the files say."""

from __future__ import annotations

import json
from datetime import date

import jsonschema

from bot.core.content import ContentSet
from bot.site import Site, SiteOptions, build_site
from tests.site.conftest import BASE_URL, DAY, HOSTILE_TEXT


def test_cards_json_is_valid_against_its_schema(site: Site) -> None:
    schema = json.loads(site.files["cards.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(site.files["cards.json"])
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["generated"] == "2026-07-14"
    assert data["languages"] == ["en", "be", "ru"]


def test_cards_json_holds_every_card_with_translations_and_sources(site: Site) -> None:
    data = json.loads(site.files["cards.json"])
    cards = {c["id"]: c for c in data["cards"]}
    assert set(cards) == {
        "ales-bialiatski/born",
        "ales-bialiatski/arrest-2021",
        "ales-bialiatski/leap-protest",
        "ales-bialiatski/undated-note",
        "hostile/hostile",
    }
    arrest = cards["ales-bialiatski/arrest-2021"]
    assert arrest["date"] == "2021-07-14"
    assert arrest["translations"]["be"]["title"] == "Арыштаваны ў Мінску"
    assert arrest["sources"] == [
        {"url": "https://example.org/arrest", "title": 'Example News, "Arrest"'}
    ]
    assert "date" not in cards["ales-bialiatski/undated-note"]
    # Data is data: the text exactly as written, for the partner site to escape.
    assert cards["hostile/hostile"]["text"] == HOSTILE_TEXT
    subject = data["subjects"][0]
    assert subject["born"] == "1962-09-25"
    assert subject["translations"]["ru"] == {"name": "Алесь Беляцкий"}


def test_a_card_the_schema_would_refuse_is_refused(site: Site) -> None:
    """Guards the test above: the schema really constrains the data."""
    schema = json.loads(site.files["cards.schema.json"])
    data = json.loads(site.files["cards.json"])
    data["cards"][0]["sources"] = [{"url": "javascript:alert(1)", "title": ""}]
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors


def test_etags_follow_the_bytes(content: ContentSet, site: Site) -> None:
    """What the live server will send: the same tag for the same bytes, a new one else."""
    again = build_site(content, SiteOptions(DAY, BASE_URL, feed_days=7))
    later = build_site(content, SiteOptions(date(2026, 7, 15), BASE_URL, feed_days=1))
    assert again.etag("en/calendar.ics") == site.etag("en/calendar.ics")
    assert later.etag("en/feed.atom") != site.etag("en/feed.atom")
    assert site.media_type("en/calendar.ics") == "text/calendar; charset=utf-8"

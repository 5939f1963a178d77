"""cards.json is valid against the schema written beside it, and says what the files say."""

from __future__ import annotations

import json

import jsonschema

from bot.site import Site
from tests.site.conftest import HOSTILE_TEXT


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

"""The YAML layer: content rules, syntax-level problems with positions, no global mutation."""

from __future__ import annotations

import datetime

import pytest
import yaml

from bot.core.yamlio import ContentLoader, load_yaml, read_yaml

HINT = "a fact file needs `cards:`"


def problems(data: bytes | str) -> list[str]:
    raw = data.encode() if isinstance(data, str) else data
    return [str(p) for p in read_yaml("f.yaml", raw, HINT).problems]


def test_subclasses_the_c_loader_when_libyaml_is_there() -> None:
    base = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert issubclass(ContentLoader, base)


def test_yaml_1_1_surprises_are_off() -> None:
    data = load_yaml(
        "lang: no\nother: yes\nswitch: on\nflag: true\noff_flag: False\n"
        "date: 2021-07-14\nat: 18:00\nn: 12\nhex: 0x1F\nf: 1.5\nnothing: ~\n"
    )
    assert data == {
        "lang": "no",
        "other": "yes",
        "switch": "on",
        "flag": True,
        "off_flag": False,
        "date": "2021-07-14",
        "at": "18:00",
        "n": 12,
        "hex": 31,
        "f": 1.5,
        "nothing": None,
    }


def test_explicit_timestamp_tag_stays_text_too() -> None:
    assert load_yaml("d: !!timestamp 2020-01-01\n") == {"d": "2020-01-01"}


def test_anchors_aliases_and_merge_keys_still_work() -> None:
    data = load_yaml("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nsame: *b\n")
    assert data == {"base": {"x": 1, "y": 2}, "use": {"x": 1, "y": 3}, "same": {"x": 1, "y": 2}}


def test_pyyaml_safe_loader_is_left_alone() -> None:
    load_yaml("a: 2021-07-14\n")
    assert yaml.safe_load("a: 2021-07-14\nb: no\n") == {"a": datetime.date(2021, 7, 14), "b": False}
    assert yaml.load("a: 2021-07-14", Loader=yaml.CSafeLoader) == {"a": datetime.date(2021, 7, 14)}


def test_clean_file_has_no_problems() -> None:
    doc = read_yaml("f.yaml", b"cards:\n  - id: a\n", HINT)
    assert doc.problems == []
    assert doc.data == {"cards": [{"id": "a"}]}


def test_duplicate_keys_each_reported_at_the_repeated_key() -> None:
    text = "cards:\n  - id: a\n    title: One\n    title: Two\ncards: []\n"
    tail = "a later one would silently replace the first"
    assert sorted(problems(text)) == [
        f"f.yaml:4:5: duplicate key 'title' (first at line 3): {tail}",
        f"f.yaml:5:1: duplicate key 'cards' (first at line 1): {tail}",
    ]


def test_merge_key_overrides_are_not_duplicates() -> None:
    assert problems("base: &b {x: 1}\nuse:\n  <<: *b\n  x: 2\n") == []


def test_tab_in_indentation() -> None:
    assert problems("cards:\n\t- id: a\n") == [
        "f.yaml:2:1: tab in indentation: YAML indents with spaces only"
    ]


def test_tab_after_spaces_points_at_the_tab() -> None:
    assert problems("cards:\n  - id: a\n  \ttitle: x\n") == [
        "f.yaml:3:3: tab in indentation: YAML indents with spaces only"
    ]


def test_tab_inside_a_value_is_fine() -> None:
    assert problems("title: a\tb\n") == []


def test_syntax_error_gives_pyyaml_problem_and_mark() -> None:
    assert problems("cards:\n  - id: a\n    title: [x, y\n") == [
        "f.yaml:4:1: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 3)"
    ]


def test_syntax_error_mapping_in_plain_value() -> None:
    assert problems("title: a: b\n") == [
        "f.yaml:1:9: YAML syntax error: mapping values are not allowed in this context"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(text: str) -> None:
    assert problems(text) == ["f.yaml:1:1: the file is empty: a fact file needs `cards:`"]


def test_list_at_top_level() -> None:
    assert problems("# facts\n- id: a\n- id: b\n") == [
        "f.yaml:2:1: the top level must be a mapping, not a list: a fact file needs `cards:`"
    ]


def test_scalar_at_top_level() -> None:
    assert problems("just some words\n") == [
        "f.yaml:1:1: the top level must be a mapping, not a single value: "
        "a fact file needs `cards:`"
    ]


def test_non_utf8_byte_line_and_column() -> None:
    # Line 2, after "title: caf": Latin-1 é (0xE9) instead of UTF-8.
    assert problems(b"cards:\ntitle: caf\xe9\n") == [
        "f.yaml:2:11: not UTF-8: byte 0xE9 cannot be read; save the file as UTF-8"
    ]


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    assert problems("t: \u0431\u0435".encode() + b"\xff\n") == [
        "f.yaml:1:6: not UTF-8: byte 0xFF cannot be read; save the file as UTF-8"
    ]


def test_bom_is_accepted() -> None:
    doc = read_yaml("f.yaml", b"\xef\xbb\xbfcards: []\n", HINT)
    assert doc.problems == []
    assert doc.data == {"cards": []}


def test_bad_byte_after_bom_column_ignores_the_bom() -> None:
    assert problems(b"\xef\xbb\xbfab\xff: 1\n") == [
        "f.yaml:1:3: not UTF-8: byte 0xFF cannot be read; save the file as UTF-8"
    ]


def test_control_character() -> None:
    assert problems("a: \u00e9\u00e9\nb: x\x07y\n") == [
        "f.yaml:2:5: character U+0007 is not allowed in YAML: remove it"
    ]


def test_unhashable_key_is_a_yaml_error_not_a_crash() -> None:
    assert problems("[a, b]: 1\n") == [
        "f.yaml:1:1: YAML error: found unhashable key (while constructing a mapping at line 1)"
    ]


def test_two_documents_in_one_file() -> None:
    (problem,) = problems("a: 1\n---\nb: 2\n")
    assert problem == (
        "f.yaml:2:1: YAML error: but found another document "
        "(expected a single document in the stream at line 1)"
    )


def test_position_of_value_key_and_missing_field() -> None:
    doc = read_yaml(
        "f.yaml", "x: \u00e9\u00e9\ncards:\n  - id: a\n    tags: [p, q]\n".encode(), HINT
    )
    assert doc.position(("cards", 0, "id")) == (3, 9)
    assert doc.position(("cards", 0, "id"), key=True) == (3, 5)
    assert doc.position(("cards", 0, "tags", 1)) == (4, 15)
    assert doc.position(("cards", 0, "title")) == (3, 5)  # the mapping that lacks it
    assert doc.position(()) == (1, 1)

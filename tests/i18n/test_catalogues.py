"""Every catalogue says everything English says, with every plural form its language has.

A gap here would reach readers as an English sentence in a Belarusian chat: the runtime
falls back quietly, so this test is where a missing or broken entry is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.core.i18n import DEFAULT_LANGUAGE, LOCALES_DIR, Catalogues

CATALOGUES = Catalogues()
CLDR = {"zero", "one", "two", "few", "many", "other"}


def _messages(lang: str) -> dict[str, ast.Message]:
    found: dict[str, ast.Message] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            assert not isinstance(entry, ast.Junk), f"{path}: cannot parse {entry.content!r}"
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{path}: {entry.id.name} defined twice"
                found[entry.id.name] = entry
    return found


def _variables(node: object) -> set[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def visit_VariableReference(self, n: ast.VariableReference) -> None:  # noqa: N802
            names.add(n.id.name)

    Collect().visit(node)  # type: ignore[arg-type]
    return names


def _plural_selects(node: object) -> list[ast.SelectExpression]:
    found: list[ast.SelectExpression] = []

    class Collect(Visitor):
        def visit_SelectExpression(self, n: ast.SelectExpression) -> None:  # noqa: N802
            if _keys(n) & (CLDR | {"1"}):
                found.append(n)
            self.generic_visit(n)

    Collect().visit(node)  # type: ignore[arg-type]
    return found


def _keys(select: ast.SelectExpression) -> set[str]:
    return {
        v.key.name if isinstance(v.key, ast.Identifier) else str(v.key.value)
        for v in select.variants
    }


OTHER = [c for c in CATALOGUES.languages if c != DEFAULT_LANGUAGE]


def test_the_bot_speaks_belarusian_russian_and_english() -> None:
    assert set(CATALOGUES.languages) >= {"en", "be", "ru"}


@pytest.mark.parametrize("lang", OTHER)
def test_catalogue_has_every_english_message(lang: str) -> None:
    missing = sorted(set(_messages(DEFAULT_LANGUAGE)) - set(_messages(lang)))
    assert missing == [], f"{lang} lacks {missing}"


@pytest.mark.parametrize("lang", OTHER)
def test_catalogue_has_no_message_english_lacks(lang: str) -> None:
    extra = sorted(set(_messages(lang)) - set(_messages(DEFAULT_LANGUAGE)))
    assert extra == [], f"{lang} has {extra}, which no code asks for"


@pytest.mark.parametrize("lang", OTHER)
def test_translations_use_the_same_variables(lang: str) -> None:
    english = _messages(DEFAULT_LANGUAGE)
    wrong = {
        msg_id: (sorted(_variables(english[msg_id])), sorted(_variables(msg)))
        for msg_id, msg in _messages(lang).items()
        if msg_id in english and _variables(msg) != _variables(english[msg_id])
    }
    assert wrong == {}


@pytest.mark.parametrize("lang", CATALOGUES.languages)
def test_every_plural_has_every_cldr_category_of_its_language(lang: str) -> None:
    rule = Locale.parse(lang).plural_form
    needed = set(rule.tags) | {"other"}
    # Where "one" means exactly 1 (English), a [1] variant covers it.
    one_is_only_1 = [n for n in range(1000) if rule(n) == "one"] == [1]
    gaps = {}
    for msg_id, msg in _messages(lang).items():
        for select in _plural_selects(msg):
            keys = _keys(select)
            if one_is_only_1 and "1" in keys:
                keys.add("one")
            if needed - keys:
                gaps[msg_id] = sorted(needed - keys)
    assert gaps == {}


@pytest.mark.parametrize("lang", CATALOGUES.languages)
def test_every_message_formats_without_error(lang: str) -> None:
    t = CATALOGUES.texts(lang)
    for msg_id, msg in _messages(lang).items():
        args = dict.fromkeys(_variables(msg), 21)
        assert t(msg_id, **args) != msg_id, f"{lang}: {msg_id} did not format"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("be", 1, "1 год таму ў гэты дзень"),
        ("be", 3, "3 гады таму ў гэты дзень"),
        ("be", 5, "5 гадоў таму ў гэты дзень"),
        ("be", 21, "21 год таму ў гэты дзень"),
        ("ru", 21, "21 год назад в этот день"),
        ("ru", 4, "4 года назад в этот день"),
        ("ru", 11, "11 лет назад в этот день"),
        ("en", 1, "1 year ago today"),
        ("en", 21, "21 years ago today"),
    ],
)
def test_plurals_follow_cldr_not_n_equals_one(lang: str, count: int, expected: str) -> None:
    assert CATALOGUES.texts(lang)("years-ago-today", count=count) == expected


def test_numbers_and_dates_are_written_as_each_language_writes_them() -> None:
    from datetime import date

    be, ru, en = (CATALOGUES.texts(c) for c in ("be", "ru", "en"))
    assert be("days", count=1001) == "1\u00a0001 дзень"
    assert be("days", count=1000) == "1\u00a0000 дзён"
    assert en("days", count=1000) == "1,000 days"
    assert be.long_date(date(2023, 3, 3)) == "3 сакавіка 2023\u202fг."
    assert ru.long_date(date(2023, 3, 3)) == "3 марта 2023\u202fг."
    assert en.long_date(date(2023, 3, 3)) == "3 March 2023"


def test_a_missing_entry_falls_back_to_english(tmp_path: Path) -> None:
    for lang, body in {"en": "hello = Hello\nbye = Bye\n", "xx": "hello = Прывітанне\n"}.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "bot.ftl").write_text(body, encoding="utf-8")
    cats = Catalogues(tmp_path)
    assert cats.texts("xx")("hello") == "Прывітанне"
    assert cats.texts("xx")("bye") == "Bye"


def test_a_malformed_entry_falls_back_to_english(tmp_path: Path) -> None:
    bodies = {"en": "hi = Hi { $name }\n", "xx": "hi = Hi { $name\n"}
    for lang, body in bodies.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "bot.ftl").write_text(body, encoding="utf-8")
    assert Catalogues(tmp_path).texts("xx")("hi", name="Ann") == "Hi Ann"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("be", "be"), ("be-BY", "be"), ("RU", "ru"), ("pt-BR", None), ("", None), (None, None)],
)
def test_supported_languages(code: str | None, expected: str | None) -> None:
    assert CATALOGUES.supported(code) == expected


def test_languages_are_named_in_themselves() -> None:
    names = {c: CATALOGUES.own_name(c) for c in ("en", "be", "ru")}
    assert names == {"en": "English", "be": "беларуская", "ru": "русский"}

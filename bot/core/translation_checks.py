"""Translations in fact and schedule files: codes the bot knows, texts that are whole, and
how much of the content each language covers.

The models accept any well-formed code (`pt`, `be-BY`), but the bot only ever reads a
translation under a language it speaks, so any other key is a card no reader will see in
that language: a problem with its position. Coverage is counted on every load (cheap) and
positions are worked out only for what `validate --require-languages` reports.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.fields import LANG_PATTERN
from bot.core.i18n import DEFAULT_LANGUAGE, bundled
from bot.core.problems import Problem
from bot.core.yamlio import YamlDocument

_WELL_FORMED = re.compile(LANG_PATTERN)
YamlPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class _Gap:
    """A card or subject without a usable translation in some language."""

    doc: YamlDocument
    at: YamlPath
    what: str


@dataclass
class Coverage:
    """Cards translated per language (a translation with a text), and where the rest are."""

    languages: tuple[str, ...]
    cards: int = 0
    translated: dict[str, int] = field(default_factory=dict)
    _gaps: dict[str, list[_Gap]] = field(default_factory=dict, repr=False)

    def lines(self) -> list[str]:
        """'be: 36 of 36 cards', one per language besides English."""
        noun = "card" if self.cards == 1 else "cards"
        return [
            f"{lang}: {self.translated.get(lang, 0):,} of {self.cards:,} {noun}"
            for lang in self.languages
        ]

    def required(self, languages: Iterable[str]) -> list[Problem]:
        """Each card text or subject name missing in one of `languages`, where it belongs."""
        found = []
        for lang in languages:
            for gap in self._gaps.get(lang, []):
                line, column = gap.doc.position(gap.at)
                found.append(gap.doc.problem(line, column, f"{gap.what} has no {lang} translation"))
        return sorted(found)

    def _add(self, doc: YamlDocument) -> None:
        data = doc.data if isinstance(doc.data, dict) else {}
        subject = data.get("subject")
        if isinstance(subject, dict):
            names = _mapping(subject.get("translations"))
            for lang in self.languages:
                if not isinstance(names.get(lang), dict):
                    what = f"subject `{subject.get('id')}`'s name"
                    self._gaps.setdefault(lang, []).append(_Gap(doc, ("subject",), what))
        for i, card in enumerate(_list(data.get("cards"))):
            if not isinstance(card, dict):
                continue
            self.cards += 1
            translations = _mapping(card.get("translations"))
            for lang in self.languages:
                tr = translations.get(lang)
                if isinstance(tr, dict) and tr.get("text"):
                    self.translated[lang] = self.translated.get(lang, 0) + 1
                else:
                    gap = _Gap(doc, ("cards", i), f"card `{card.get('id')}`")
                    self._gaps.setdefault(lang, []).append(gap)


def check_translations(
    facts: Sequence[YamlDocument], schedules: Sequence[YamlDocument]
) -> Coverage:
    """Add each translation problem to its document's problems; count the coverage."""
    known = bundled().languages
    coverage = Coverage(tuple(lang for lang in known if lang != DEFAULT_LANGUAGE))
    for doc in facts:
        doc.problems.extend(_fact_problems(doc, known))
        coverage._add(doc)
    for doc in schedules:
        doc.problems.extend(_schedule_problems(doc, known))
    return coverage


def _fact_problems(doc: YamlDocument, known: Collection[str]) -> list[Problem]:
    data = doc.data if isinstance(doc.data, dict) else {}
    found: list[Problem] = []
    subject = data.get("subject")
    if isinstance(subject, dict):
        found.extend(_unknown_keys(doc, ("subject", "translations"), subject, known))
    for i, card in enumerate(_list(data.get("cards"))):
        if not isinstance(card, dict):
            continue
        at: YamlPath = ("cards", i, "translations")
        found.extend(_unknown_keys(doc, at, card, known))
        for lang, tr in _mapping(card.get("translations")).items():
            if not _WELL_FORMED.match(lang):
                continue  # the model reports a malformed key
            if isinstance(tr, dict) and tr.get("title") and not tr.get("text"):
                line, column = doc.position((*at, lang), key=True)
                message = (
                    f"the {lang} translation has a title but no text: readers would get the "
                    "English text under a translated title; add `text:` or drop the title"
                )
                found.append(doc.problem(line, column, message))
    return found


def _schedule_problems(doc: YamlDocument, known: Collection[str]) -> list[Problem]:
    data = doc.data if isinstance(doc.data, dict) else {}
    found = _unknown_value(doc, ("language",), data.get("language"), known)
    for i, post in enumerate(_list(data.get("posts"))):
        if isinstance(post, dict):
            found.extend(_unknown_value(doc, ("posts", i, "language"), post.get("language"), known))
    return found


def _unknown_keys(
    doc: YamlDocument, at: YamlPath, owner: dict[str, Any], known: Collection[str]
) -> list[Problem]:
    found = []
    for key in _mapping(owner.get("translations")):
        if _WELL_FORMED.match(key) and key not in known:  # a malformed key: the model says so
            line, column = doc.position((*at, key), key=True)
            found.append(doc.problem(line, column, _not_known(key, known)))
    return found


def _unknown_value(
    doc: YamlDocument, at: YamlPath, value: object, known: Collection[str]
) -> list[Problem]:
    if not isinstance(value, str) or not _WELL_FORMED.match(value) or value in known:
        return []
    line, column = doc.position(at)
    return [doc.problem(line, column, _not_known(value, known))]


def _not_known(code: str, known: Collection[str]) -> str:
    return f"`{code}` is not a language this bot speaks; use one of {', '.join(sorted(known))}"


def _mapping(value: object) -> dict[str, Any]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []

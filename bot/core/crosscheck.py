"""Rules that span files: unique ids, and references from schedules to cards and subjects.

These run on the raw parsed data, not on the validated models, so a card in a file that has
some other problem still counts: a schedule pointing at it is not reported as dangling, and a
clash with it is reported in the same run instead of after the first fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.core.diagnostics import YamlPath, slug_example
from bot.core.fields import CARD_REF_PATTERN, SLUG_PATTERN
from bot.core.problems import Problem, Severity
from bot.core.yamlio import YamlDocument

_SLUG = re.compile(SLUG_PATTERN)
_CARD_REF = re.compile(CARD_REF_PATTERN)


@dataclass(frozen=True, slots=True)
class Place:
    doc: YamlDocument
    path: YamlPath

    def problem(self, message: str, severity: Severity = "error") -> Problem:
        line, column = self.doc.position(self.path)
        return Problem(self.doc.path, line, column, message, severity)

    def line(self) -> int:
        return self.doc.position(self.path)[0]

    def __str__(self) -> str:
        line, column = self.doc.position(self.path)
        return f"{self.doc.path}:{line}:{column}"


@dataclass
class CardIndex:
    """Every card and subject id seen in the fact files, with where it was defined."""

    cards: dict[str, Place] = field(default_factory=dict)  # global id -> its `id` value
    by_short: dict[str, list[str]] = field(default_factory=dict)  # card id -> global ids
    dated: set[str] = field(default_factory=set)
    exact: dict[str, str] = field(default_factory=dict)  # global id -> its YYYY-MM-DD date
    subjects: dict[str, Place] = field(default_factory=dict)
    tags: set[str] = field(default_factory=set)

    def add(self, doc: YamlDocument, stem: str) -> list[Problem]:
        """Index one fact file; the problems are clashes with what was indexed before."""
        data = doc.data if isinstance(doc.data, dict) else {}
        problems: list[Problem] = []
        owner = stem
        owner_clash = False
        subject = data.get("subject")
        if isinstance(subject, dict) and isinstance(subject.get("id"), str):
            owner = subject["id"]
            here = Place(doc, ("subject", "id"))
            first = self.subjects.setdefault(owner, here)
            if first is not here:
                # Its cards then clash too; one problem says it all.
                problems.append(here.problem(f"subject id {owner!r} is already used at {first}"))
                owner_clash = True
        elif not _SLUG.match(stem) and "cards" in data:
            problems.append(
                Problem(
                    doc.path,
                    1,
                    1,
                    f"without `subject:` the file name gives the cards their global ids: "
                    f"rename {stem!r} to lowercase letters, digits and hyphens, "
                    f"like {slug_example(stem)}",
                )
            )
        in_file: dict[str, Place] = {}
        for i, card in _mappings(data.get("cards")):
            card_id = card.get("id")
            if not isinstance(card_id, str):
                continue
            here = Place(doc, ("cards", i, "id"))
            if card_id in in_file:
                line = in_file[card_id].line()
                problems.append(
                    here.problem(
                        f"card id {card_id!r} is used twice in this file (first at line {line})"
                    )
                )
                continue
            in_file[card_id] = here
            global_id = f"{owner}/{card_id}"
            first = self.cards.setdefault(global_id, here)
            if first is not here:
                if not owner_clash:
                    problems.append(
                        here.problem(f"card {global_id!r} is already defined at {first}")
                    )
                continue
            self.by_short.setdefault(card_id, []).append(global_id)
            if card.get("date") is not None:
                self.dated.add(global_id)
                date = _date_text(card["date"])
                if _FULL_DATE.match(date):
                    self.exact[global_id] = date
            tags = card.get("tags")
            if isinstance(tags, list):
                self.tags.update(t for t in tags if isinstance(t, str))
        if isinstance(subject, dict) and subject.get("born") is not None:
            problems.extend(_born_needs_a_source(doc, subject, data.get("cards")))
        return problems

    def resolve(self, ref: str) -> tuple[str | None, str]:
        """(global id, "") for a known card, else (None, why not)."""
        if ref in self.cards:
            return (ref, "")
        matches = self.by_short.get(ref, []) if "/" not in ref else []
        if len(matches) == 1:
            return (matches[0], "")
        if matches:
            return (
                None,
                f"card id {ref!r} is in several files ({', '.join(matches)}): use the global id",
            )
        return (None, f"no card {ref!r} in the fact files{_hint(ref, self._names())}")

    def _names(self) -> Iterable[str]:
        yield from self.cards
        yield from self.by_short


@dataclass
class ScheduleChecker:
    """Post ids unique across schedule files; cards, subjects and tags that exist."""

    index: CardIndex
    posts: dict[str, Place] = field(default_factory=dict)

    def check(self, doc: YamlDocument) -> list[Problem]:
        data = doc.data if isinstance(doc.data, dict) else {}
        problems: list[Problem] = []
        for i, post in _mappings(data.get("posts")):
            post_id = post.get("id")
            if isinstance(post_id, str):
                here = Place(doc, ("posts", i, "id"))
                first = self.posts.setdefault(post_id, here)
                if first is not here:
                    problems.append(here.problem(f"post id {post_id!r} is already used at {first}"))
            problems.extend(self._references(doc, i, post))
        return problems

    def _references(self, doc: YamlDocument, i: int, post: dict[str, Any]) -> Iterator[Problem]:
        kind = post.get("kind")
        if kind == "milestone":
            ends: dict[str, str] = {}
            for name in ("since", "until"):
                ref = post.get(name)
                if isinstance(ref, str) and _CARD_REF.match(ref):
                    yield from self._card(Place(doc, ("posts", i, name)), ref, dated=True)
                    global_id = self.index.resolve(ref)[0]
                    if global_id in self.index.exact:
                        ends[name] = self.index.exact[global_id]
            if len(ends) == 2 and ends["until"] <= ends["since"]:
                yield Place(doc, ("posts", i, "until")).problem(
                    f"until ({ends['until']}) must be after since ({ends['since']}): "
                    "the count would never run"
                )
        if kind == "card-rotation":
            for j, ref in _strings(post.get("cards")):
                if _CARD_REF.match(ref):
                    yield from self._card(Place(doc, ("posts", i, "cards", j)), ref, dated=False)
        if kind in ("on-this-day", "card-rotation", "birthday"):
            for j, name in _strings(post.get("subjects")):
                if _SLUG.match(name) and name not in self.index.subjects:
                    hint = _hint(name, self.index.subjects)
                    yield Place(doc, ("posts", i, "subjects", j)).problem(
                        f"no subject {name!r} in the fact files{hint}"
                    )
        if kind in ("on-this-day", "card-rotation"):
            for j, tag in _strings(post.get("tags")):
                if _SLUG.match(tag) and tag not in self.index.tags:
                    yield Place(doc, ("posts", i, "tags", j)).problem(
                        f"no card has the tag {tag!r}, so this filter matches nothing"
                        f"{_hint(tag, self.index.tags)}"
                    )

    def _card(self, place: Place, ref: str, *, dated: bool) -> Iterator[Problem]:
        global_id, why = self.index.resolve(ref)
        if global_id is None:
            yield place.problem(why)
        elif dated and global_id not in self.index.dated:
            yield place.problem(
                f"a milestone counts from a card's date, and {global_id!r} has none"
            )


_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _born_needs_a_source(doc: YamlDocument, subject: dict[str, Any], cards: Any) -> list[Problem]:
    """A birthday post states the birth date as a fact, so some card should back it.

    A warning, not an error: the documented format allows a `born` alone, and a birthday
    post then simply cites nothing.
    """
    born = _date_text(subject["born"])
    if not _FULL_DATE.match(born):
        return []  # the model reports a partial or malformed date
    for _, card in _mappings(cards):
        tags = card.get("tags")
        if _date_text(card.get("date")) == born or (isinstance(tags, list) and "biography" in tags):
            return []
    return [
        Place(doc, ("subject", "born")).problem(
            f"born {born} needs a source: add a card dated {born}, or a card tagged "
            "biography whose sources give the birthday",
            "warning",
        )
    ]


def _date_text(value: Any) -> str:
    """A date as written, or "" for anything that is not one (never the repr of a list,
    which for a list nested 1,000 deep would raise RecursionError)."""
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _mappings(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _strings(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield i, item


def _hint(word: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(names), n=1)
    return f": did you mean {close[0]!r}?" if close else ""

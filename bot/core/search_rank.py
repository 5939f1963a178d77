"""Bitset postings and ranking for the search index (see search.py for the why).

A posting list is a Python int whose bit i stands for the i-th card, cards being
numbered best-first for ties; ranking is then done group by group with big-int logic,
and the first hits of a group are its lowest bits.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Postings:
    title: int  # cards with the word in a title (any language)
    label: int  # ... in a tag, an id, the subject's name or the year
    any: int  # ... anywhere, text included

    def __or__(self, other: Postings) -> Postings:
        return Postings(self.title | other.title, self.label | other.label, self.any | other.any)

    def dense(self) -> Postings:
        return self


@dataclass(frozen=True, slots=True)
class Sparse:
    """A rare word's card numbers: a few bytes, where bitsets would take a few kilobytes.

    Most words of real prose appear in one or two cards; stored densely, a large
    collection's index would be mostly zero bits.
    """

    title: array[int]
    label: array[int]
    any: array[int]

    def dense(self) -> Postings:
        return Postings(bitset(self.title), bitset(self.label), bitset(self.any))


NOTHING = Postings(0, 0, 0)
SPARSE_MAX = 64  # a word in at most this many cards is kept as card numbers


def bitset(positions: array[int]) -> int:
    """Card numbers (ascending) as a bitset."""
    if not positions:
        return 0
    raw = bytearray(positions[-1] // 8 + 1)
    for n in positions:
        raw[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(raw, "little")


def _levels(sets: list[int]) -> list[int]:
    """levels[j] = the cards found in at least j + 1 of `sets` (bitwise counting)."""
    levels: list[int] = []
    for s in sets:
        levels.append(0)
        for j in range(len(levels) - 1, 0, -1):
            levels[j] |= levels[j - 1] & s
        levels[0] |= s
    return levels


def _exactly(levels: list[int], count: int) -> int:
    """The cards found in exactly `count` of the sets `levels` was made of."""
    at_least = levels[count - 1] if count > 0 else -1
    more = levels[count] if count < len(levels) else 0
    return at_least & ~more


def ranked(hits: int, per_word: list[Postings], need: int) -> list[int]:
    """The first `need` card numbers of `hits`, in ranking order."""
    q = len(per_word)
    in_title = _levels([p.title for p in per_word])
    in_label = _levels([p.label & ~p.title for p in per_word])
    matched = _levels([p.any for p in per_word])
    out: list[int] = []
    for t in range(q, -1, -1):
        by_title = hits & _exactly(in_title, t)
        if not by_title:
            continue
        for g in range(q - t, -1, -1):
            by_label = by_title & _exactly(in_label, g)
            if not by_label:
                continue
            for m in range(q, t + g - 1, -1):
                group = by_label & _exactly(matched, m)
                if group:
                    _take(group, need, out)
                    if len(out) >= need:
                        return out
    return out


def _take(group: int, need: int, out: list[int]) -> None:
    """Append the lowest set bits of `group` to `out` until it holds `need`."""
    bits = bin(group)[:1:-1]  # least significant bit first
    i = bits.find("1")
    while i >= 0 and len(out) < need:
        out.append(i)
        i = bits.find("1", i + 1)

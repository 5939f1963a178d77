"""Full-text search over the cards: an in-memory inverted index, built once per content set.

Every posting list is a bitset (a Python int, bit i = the i-th card), and cards are
numbered best-first for ties (newest date first), so matching is a handful of big-int
ANDs and ORs and the first hits of a group are its lowest bits. That keeps a query on
10,000 cards well under a millisecond in pure Python.

Matching: every word must match (the last one as a prefix, since people search as they
type); when no card has them all, cards matching the most words are offered instead, so
one misspelt word does not empty the answer. Ranking: more words in the title first,
then more in tags, ids and the subject's name, then more words matched, then newest.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from array import array
from collections.abc import Iterable

from bot.core.content import CardRecord, ContentSet
from bot.core.search_rank import NOTHING, SPARSE_MAX, Postings, Sparse, bitset, ranked

MAX_QUERY_CHARS = 256
MAX_QUERY_TOKENS = 32
_PRECOMPUTED_PREFIX = 2  # prefixes this short match too many words to OR at query time
_PREFIX_CACHE_SIZE = 4096

_TOKEN = re.compile(r"\w+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Latin letters that are not a base letter plus an accent, so NFKD leaves them alone:
# "Białacki" and "Bialacki" must find the same cards.
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
    | {"ħ": "h", "ŧ": "t", "ŀ": "l"}
)


def fold(text: str) -> str:
    """Lower-case text without accents: 'Białacki' -> 'bialacki', 'Łukašenka' -> 'lukasenka'."""
    if text.isascii():
        return text.lower()
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return stripped.casefold().translate(_LETTERS)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def query_tokens(query: str) -> list[str]:
    """The words of a query: capped, so any input is answered quickly; repeats dropped."""
    return list(dict.fromkeys(tokens(query[:MAX_QUERY_CHARS])))[:MAX_QUERY_TOKENS]


class SearchIndex:
    """Build with `SearchIndex.build(content)`; immutable afterwards but for a prefix cache."""

    def __init__(self, cards: list[CardRecord], postings: dict[str, Postings | Sparse]) -> None:
        self._cards = cards
        self._postings = postings
        self._vocabulary = sorted(postings)
        self._prefixes: dict[str, Postings] = {}
        for word, entry in postings.items():
            p = entry.dense()
            for n in range(1, min(_PRECOMPUTED_PREFIX, len(word)) + 1):
                self._prefixes[word[:n]] = self._prefixes.get(word[:n], NOTHING) | p
        self._prefix_cache: dict[str, Postings] = {}
        self._names: list[str] | None = None

    @classmethod
    def build(cls, content: ContentSet) -> SearchIndex:
        order = sorted(range(len(content.cards)), key=lambda i: _newest_first(content.cards, i))
        cards = [content.cards[i] for i in order]
        # Compact arrays, not lists of ints: 10,000 long cards make millions of entries.
        lists: dict[str, tuple[array[int], array[int], array[int]]] = {}
        for n, rec in enumerate(cards):
            title, label, text = _fields(rec)
            for word in title | label | text:
                entry = lists.get(word)
                if entry is None:
                    entry = lists[word] = (array("i"), array("i"), array("i"))
                entry[2].append(n)
                if word in title:
                    entry[0].append(n)
                if word in label:
                    entry[1].append(n)
        postings = {
            word: Sparse(t, g, a)
            if len(a) <= SPARSE_MAX
            else Postings(bitset(t), bitset(g), bitset(a))
            for word, (t, g, a) in lists.items()
        }
        return cls(cards, postings)

    def __len__(self) -> int:
        return len(self._cards)

    def search(self, query: str, limit: int = 50, offset: int = 0) -> list[CardRecord]:
        """The best `limit` hits after skipping `offset`, best first."""
        words = query_tokens(query)
        if not words or limit <= 0:
            return []
        hits, per_word = self._match(words)
        order = ranked(hits, per_word, max(offset, 0) + limit)
        return [self._cards[i] for i in order[max(offset, 0) :]]

    def count(self, query: str) -> int:
        """How many cards `search` would page through for `query`."""
        words = query_tokens(query)
        return self._match(words)[0].bit_count() if words else 0

    def newest(self, limit: int = 50, offset: int = 0) -> list[CardRecord]:
        """Every card, newest first: what to offer before anything is typed."""
        return self._cards[max(offset, 0) : max(offset, 0) + max(limit, 0)]

    def suggest(self, query: str, n: int = 3) -> list[str]:
        """Title, tag and name words close to the query's: 'did you mean' for no hits."""
        if self._names is None:
            self._names = [w for w, p in self._postings.items() if p.title or p.label]
        found: list[str] = []
        for word in query_tokens(query)[:3]:
            for close in difflib.get_close_matches(word[:40], self._names, n=n, cutoff=0.75):
                if close not in found and close != word:
                    found.append(close)
        return found[:n]

    def _match(self, words: list[str]) -> tuple[int, list[Postings]]:
        per_word = [self._postings.get(w, NOTHING).dense() for w in words[:-1]]
        per_word.append(self._prefix(words[-1]))
        every = -1
        for p in per_word:
            every &= p.any
        if every:
            return every, per_word
        some = 0
        for p in per_word:
            some |= p.any
        return some, per_word

    def _prefix(self, word: str) -> Postings:
        if len(word) <= _PRECOMPUTED_PREFIX:
            return self._prefixes.get(word, NOTHING)
        cached = self._prefix_cache.get(word)
        if cached is not None:
            return cached
        found = NOTHING
        vocabulary = self._vocabulary
        for i in range(bisect.bisect_left(vocabulary, word), len(vocabulary)):
            if not vocabulary[i].startswith(word):
                break
            found = found | self._postings[vocabulary[i]].dense()
        if len(self._prefix_cache) >= _PREFIX_CACHE_SIZE:
            self._prefix_cache.clear()
        self._prefix_cache[word] = found
        return found


def _fields(rec: CardRecord) -> tuple[set[str], set[str], set[str]]:
    card = rec.card
    titles = [card.title, *(t.title for t in card.translations.values() if t.title)]
    texts = [card.text, *(t.text for t in card.translations.values() if t.text)]
    labels = [rec.global_id, " ".join(card.tags)]
    if rec.subject is not None:
        labels.append(rec.subject.name)
    if rec.date is not None:
        labels.append(str(rec.date.year))
    return _words(titles), _words(labels), _words(texts)


def _words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in tokens(text)}


def _newest_first(cards: tuple[CardRecord, ...], i: int) -> tuple[int, int, int]:
    """Sort key: dated cards newest first (a month-precise date before its year), then
    undated ones; content order breaks ties."""
    d = cards[i].date
    if d is None:
        return (1, 0, i)
    return (0, -(d.year * 10000 + (d.month or 0) * 100 + (d.day or 0)), i)

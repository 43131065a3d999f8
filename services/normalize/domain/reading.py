"""One pass over the article: each sentence with its tokens, quotes and people; its countries,
times and words are read on first use, since most sentences report nothing."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from services.normalize.domain.countries import CountryHit, find_countries
from services.normalize.domain.dates import TimeExpression, find_times_in_tokens
from services.normalize.domain.entities import Mention, Registry
from services.normalize.domain.people import find_mentions
from services.normalize.domain.sentences import Sentence
from services.normalize.domain.tokens import Token, token_lower, token_start, tokenize

T = TypeVar("T")


class cached(Generic[T]):  # noqa: N801 - used like functools.cached_property
    """functools.cached_property without its per-access lock (Python 3.11 takes an RLock on every
    first access, which costs more than most of these values): the value is stored in the
    instance's __dict__, which then shadows this non-data descriptor."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class SentenceReading:
    index: int
    sentence: Sentence
    tokens: list[Token]
    quotes: list[tuple[int, int]]  # body offsets of quoted words inside this sentence
    quoted: set[int]  # indexes of tokens inside quotes
    mentions: list[Mention]
    published: date | None
    time_floor: int = 0  # body offset before which times are not read (the dateline's date)

    @cached
    def times(self) -> list[TimeExpression]:
        """Read only for sentences that report a meeting or a statement."""
        found = find_times_in_tokens(self.sentence.text, self.published, self.tokens, self.sentence.start)
        floor = self.time_floor - self.sentence.start
        start = self.sentence.start
        # "Today we take a decisive step," the minister said: a quotation's own time, not the report's
        return [
            t for t in found if t.start >= floor and not any(a <= start + t.start < b for a, b in self.quotes)
        ]

    @cached
    def countries(self) -> list[CountryHit]:
        """Read only when a meeting or statement needs them (mentions find their own)."""
        return find_countries(self.tokens)

    @cached
    def starts(self) -> list[int]:
        """Body offsets of the tokens, for bisecting."""
        return list(map(token_start, self.tokens))

    @cached
    def words(self) -> frozenset[str]:
        """The sentence's lower-case words."""
        return frozenset(map(token_lower, self.tokens))

    def first_day(self) -> TimeExpression | None:
        return next((t for t in self.times if t.kind == "day"), None)


def read_sentence(
    index: int,
    sentence: Sentence,
    quotes: list[tuple[int, int]],
    published: date | None,
    registry: Registry,
    time_floor: int = 0,
    tokens: list[Token] | None = None,
) -> SentenceReading:
    """One sentence read; `tokens` are its tokens when the caller has them (from the whole body)."""
    if tokens is None:
        tokens = tokenize(sentence.text, sentence.start)
    lo = bisect_left(quotes, (sentence.start, -1))
    hi = bisect_right(quotes, (sentence.end, sentence.end))
    inside = [(a, b) for a, b in quotes[lo:hi] if b <= sentence.end]
    quoted: set[int] = set()
    if inside:
        starts = list(map(token_start, tokens))
        for a, b in inside:
            quoted.update(range(bisect_left(starts, a), bisect_left(starts, b)))
    words = frozenset(map(token_lower, tokens))
    mentions = find_mentions(tokens, registry, quoted, words)
    reading = SentenceReading(index, sentence, tokens, inside, quoted, mentions, published, time_floor)
    reading.__dict__["words"] = words  # computed here already; `cached` reads it from the instance
    return reading

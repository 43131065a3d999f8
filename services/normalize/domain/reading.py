"""One pass over the article: each sentence with its tokens, quotes, countries, times and people."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from services.normalize.domain.countries import CountryHit, find_countries
from services.normalize.domain.dates import TimeExpression, find_times
from services.normalize.domain.people import Mention, Registry, find_mentions
from services.normalize.domain.sentences import Sentence
from services.normalize.domain.tokens import Token, tokenize


@dataclass
class SentenceReading:
    index: int
    sentence: Sentence
    tokens: list[Token]
    quotes: list[tuple[int, int]]  # body offsets of quoted words inside this sentence
    quoted: set[int]  # indexes of tokens inside quotes
    countries: list[CountryHit]
    mentions: list[Mention]
    published: date | None
    time_floor: int = 0  # body offset before which times are not read (the dateline's date)

    @cached_property
    def times(self) -> list[TimeExpression]:
        """Read only for sentences that report a meeting or a statement."""
        found = find_times(self.sentence.text, self.published)
        floor = self.time_floor - self.sentence.start
        return [t for t in found if t.start >= floor] if floor > 0 else found

    def first_day(self) -> TimeExpression | None:
        return next((t for t in self.times if t.kind == "day"), None)


def read_sentence(
    index: int,
    sentence: Sentence,
    quotes: list[tuple[int, int]],
    published: date | None,
    registry: Registry,
    time_floor: int = 0,
) -> SentenceReading:
    tokens = tokenize(sentence.text, sentence.start)
    lo = bisect_left(quotes, (sentence.start, -1))
    hi = bisect_right(quotes, (sentence.end, sentence.end))
    inside = [(a, b) for a, b in quotes[lo:hi] if b <= sentence.end]
    quoted: set[int] = set()
    if inside:
        starts = [t.start for t in tokens]
        for a, b in inside:
            quoted.update(range(bisect_left(starts, a), bisect_left(starts, b)))
    countries = find_countries(tokens)
    mentions = find_mentions(tokens, registry, quoted)
    return SentenceReading(
        index, sentence, tokens, inside, quoted, countries, mentions, published, time_floor
    )

"""One pass over the article: each sentence with its tokens, quotes, countries, times and people."""

from __future__ import annotations

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

    @cached_property
    def times(self) -> list[TimeExpression]:
        """Read only for sentences that report a meeting or a statement."""
        return find_times(self.sentence.text, self.published)

    def first_day(self) -> TimeExpression | None:
        return next((t for t in self.times if t.kind == "day"), None)


def read_sentence(
    index: int, sentence: Sentence, quotes: list[tuple[int, int]], published: date | None, registry: Registry
) -> SentenceReading:
    tokens = tokenize(sentence.text, sentence.start)
    inside = [(a, b) for a, b in quotes if a >= sentence.start and b <= sentence.end]
    quoted = (
        {i for i, t in enumerate(tokens) if any(a <= t.start < b for a, b in inside)} if inside else set()
    )
    countries = find_countries(tokens)
    mentions = find_mentions(tokens, registry, quoted)
    return SentenceReading(index, sentence, tokens, inside, quoted, countries, mentions, published)

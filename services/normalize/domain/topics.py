"""Meeting topics from the contract's vocabulary, read off keywords in the meeting's sentences.

Keywords are looked up per token (a word, or a word stem such as "econom-" for economy, economic,
economies), so a sentence costs one dict lookup per word.
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

from services.normalize.domain.tokens import Token, token_lower

TOPICS = (
    "trade",
    "economy",
    "energy",
    "transport",
    "security",
    "defense",
    "culture",
    "tourism",
    "technology",
    "science",
    "education",
    "health",
    "agriculture",
    "investment",
    "finance",
    "migration",
    "environment",
    "water",
    "regional",
    "diplomacy",
)
ORDER = {topic: n for n, topic in enumerate(TOPICS)}
WORDS = {
    "trade": "trade trading export exports import imports commerce commercial",
    "energy": "energy oil gas electricity renewable renewables",
    "transport": "railway railways road roads corridor corridors logistics shipping port ports aviation transit",
    "security": "security militant militants counterterrorism counter-terrorism",
    "defense": "defense defence military weapon weapons arms missile missiles",
    "technology": "digital",
    "science": "research",
    "education": "student students academic",
    "health": "medical medicine pandemic vaccine vaccines",
    "agriculture": "grain wheat",
    "finance": "banking bank banks",
    "migration": "refugee refugees",
    "environment": "climate",
    "water": "water",
    "regional": "regional region",
}
STEMS = {
    "economy": "econom",
    "transport": "transport",
    "security": "terroris extremis",
    "culture": "cultur",
    "tourism": "touris",
    "technology": "technolog",
    "science": "scien",
    "education": "educat universit",
    "health": "health",
    "agriculture": "agricultur farm",
    "investment": "invest",
    "finance": "financ currenc",
    "migration": "migra",
    "environment": "environment",
    "diplomacy": "diplomat",
}
# Two-word keywords: (first, second) -> topic.
PAIRS = {
    ("nuclear", "power"): "energy",
    ("power", "plant"): "energy",
    ("power", "plants"): "energy",
    ("food", "security"): "agriculture",
    ("information", "technology"): "technology",
    ("political", "relations"): "diplomacy",
    ("high-level", "political"): "diplomacy",
}
WORD_TOPIC = {word: topic for topic, words in WORDS.items() for word in words.split()}
STEM_KEY = 4  # stems are looked up by their first four letters
STEMS_BY_KEY: dict[str, list[tuple[str, str]]] = {}
for _topic, _stems in STEMS.items():
    for _stem in _stems.split():
        STEMS_BY_KEY.setdefault(_stem[:STEM_KEY], []).append((_stem, _topic))


PAIR_FIRSTS = frozenset(first for first, _ in PAIRS)


KEYWORDS = frozenset(WORD_TOPIC)
_stem_key = itemgetter(slice(0, STEM_KEY))


def _stem_topics(found: set[str], low: str) -> None:
    for stem, stem_topic in STEMS_BY_KEY[low[:STEM_KEY]]:
        if low.startswith(stem):
            found.add(stem_topic)


def find_topics(tokens: list[Token], words: frozenset[str] | None = None) -> frozenset[str]:
    """Topics of a sentence; `words` are its distinct lower-case words when the caller has them."""
    if words is None:
        words = frozenset(map(token_lower, tokens))
    found = _word_topics(words)
    _sequence_topics(found, tokens, words)
    return frozenset(found)


def window_topics(sentences: list[tuple[list[Token], frozenset[str]]]) -> frozenset[str]:
    """The union of `find_topics` over several sentences (tokens and distinct lower-case words).

    Single words depend only on the set of distinct words, so the sentences' word sets are merged and
    each distinct word is looked up once for the whole window; only the few sentences holding a
    pair's first word or "it" are walked token by token, each on its own as in `find_topics`.
    """
    found = _word_topics(frozenset().union(*(words for _, words in sentences)))
    for tokens, words in sentences:
        _sequence_topics(found, tokens, words)
    return frozenset(found)


def _word_topics(words: frozenset[str]) -> set[str]:
    """Topics of single words and word stems."""
    found = {WORD_TOPIC[low] for low in KEYWORDS.intersection(words)}
    keys = map(STEMS_BY_KEY.__contains__, map(_stem_key, words))
    for low in compress(words, keys):  # the few words that may carry a stem
        _stem_topics(found, low)
    return found


def _sequence_topics(found: set[str], tokens: list[Token], words: frozenset[str]) -> None:
    """Topics of two-word keywords and of "IT": the token sequence is walked only when a pair's
    first word or "it" occurs."""
    if not PAIR_FIRSTS.isdisjoint(words):
        previous = ""
        for tok in tokens:
            low = tok.lower
            pair = PAIRS.get((previous, low))
            if pair:
                found.add(pair)
            previous = low
    if "it" in words and any(tok.text == "IT" for tok in tokens):
        found.add("technology")


def ordered_topics(topics: frozenset[str]) -> tuple[str, ...]:
    """Topics in the vocabulary's order."""
    return tuple(sorted(topics, key=ORDER.__getitem__))

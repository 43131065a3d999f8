"""Where a mention of a person may start in a sentence, decided per token before the costlier
reading of country, title and name (people.py)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, count

from services.normalize.domain.countries import FIRST_WORDS
from services.normalize.domain.memo import WordMemo
from services.normalize.domain.names import HONORIFICS, is_name_word
from services.normalize.domain.titles import HEADS, MODIFIERS
from services.normalize.domain.tokens import Token, token_text

PRONOUNS = frozenset({"he", "she", "him"})  # "him": the object of "received him"
DETERMINERS = frozenset({"the", "his", "her", "their", "its", "a", "an"})
OPENERS = PRONOUNS | DETERMINERS  # lower-case words that may start a mention
TITLE_WORDS = HEADS | MODIFIERS  # a title starts with one of these


def openings(tokens: list[Token]) -> Iterator[int]:
    """Indexes of the tokens a mention may start at: capitalised words and OPENERS, less the words
    that open nothing (pronouns aside). Selected with `compress` and `map` over a per-word cache, so
    the many other words cost no Python-level step."""
    return compress(count(), map(MAY_OPEN.__getitem__, map(token_text, tokens)))


def may_open(text: str) -> bool:
    """Whether a token of this text may start a mention: a capitalised word or an opener, and a
    pronoun or a word that `opens_nothing` does not rule out."""
    low = text.lower()
    if not (text[0].isupper() or low in OPENERS):
        return False
    return low in PRONOUNS or not opens_nothing(text)


@lru_cache(maxsize=16384)
def opens_nothing(text: str) -> bool:
    """A capitalised word that starts no mention ("Officials", "Saturday"): not a determiner,
    honorific, country, title word or name word, so `people._mention_at` would walk all its rules to find
    nothing. Most capitalised words are such. The answer depends on the word's text alone (a token's
    other fields derive from it), so it is cached per word: articles repeat their words."""
    low = text.lower()
    return (
        len(text) > 1
        and low not in DETERMINERS
        and low not in HONORIFICS
        and text not in FIRST_WORDS
        and low not in TITLE_WORDS
        and not is_name_word(text)
        and not (low.startswith(("al-", "el-")) and len(text) > 3)
    )


MAY_OPEN = WordMemo(may_open)


def may_follow_opener(tokens: list[Token], k: int) -> bool:
    """Whether the word after "the"/"his" can go on into a mention ("the Kyrgyz prime minister",
    "his counterpart"), unlike most ("the two countries")."""
    if k >= len(tokens):
        return False
    tok = tokens[k]
    return tok.is_cap or tok.lower in TITLE_WORDS or tok.lower in HONORIFICS

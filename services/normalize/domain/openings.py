"""Where a mention of a person may start in a sentence, decided per token before the costlier
reading of country, title and name (people.py)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, count
from operator import or_

from services.normalize.domain.countries import FIRST_WORDS
from services.normalize.domain.names import HONORIFICS, is_name_token
from services.normalize.domain.titles import HEADS, MODIFIERS
from services.normalize.domain.tokens import Token, token_is_cap, token_lower

PRONOUNS = frozenset({"he", "she"})
DETERMINERS = frozenset({"the", "his", "her", "their", "its", "a", "an"})
OPENERS = PRONOUNS | DETERMINERS  # lower-case words that may start a mention
TITLE_WORDS = HEADS | MODIFIERS  # a title starts with one of these


def openings(tokens: list[Token]) -> Iterator[int]:
    """Indexes of the tokens a mention may start at: capitalised words and OPENERS. Selected with
    `compress` and `map`, so the many other words cost no Python-level step."""
    capitals = map(token_is_cap, tokens)
    openers = map(OPENERS.__contains__, map(token_lower, tokens))
    return compress(count(), map(or_, capitals, openers))


def opens_nothing(tok: Token) -> bool:
    """A capitalised word that starts no mention ("Officials", "Saturday"): not a determiner,
    honorific, country, title word or name word, so `people._mention_at` would walk all its rules to find
    nothing. Most capitalised words are such; this test is a few set lookups."""
    low = tok.lower
    return (
        len(tok.text) > 1
        and low not in DETERMINERS
        and low not in HONORIFICS
        and tok.text not in FIRST_WORDS
        and low not in TITLE_WORDS
        and not is_name_token(tok)
        and not (low.startswith(("al-", "el-")) and len(tok.text) > 3)
    )


def may_follow_opener(tokens: list[Token], k: int) -> bool:
    """Whether the word after "the"/"his" can go on into a mention ("the Kyrgyz prime minister",
    "his counterpart"), unlike most ("the two countries")."""
    if k >= len(tokens):
        return False
    tok = tokens[k]
    return tok.is_cap or tok.lower in TITLE_WORDS or tok.lower in HONORIFICS

"""Word tokens with their character offsets in the article body."""

from __future__ import annotations

import re
from itertools import accumulate, chain, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

# Abbreviations with dots ("U.S.", "F.W.") first, then words joined by hyphens, dots or inner
# apostrophes ("Tehran-Bishkek", "N'Djamena"), then a possessive "'s", numbers, and single symbols.
# Every repetition is anchored on a separator character, so matching stays linear.
TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|[^\W\d_]+(?:[-.][^\W\d_]+|[’'](?![sS]\b)[^\W\d_]+)*"
    r"|[’'][sS]\b"
    r"|\d+(?:[.,:]\d+)*"
    r"|[^\w\s]"
)


class Token(NamedTuple):
    """A word with its body offsets. A tuple, because an article has hundreds of tokens and a tuple
    is built in C (see `tokenize`), several times cheaper than a class instance."""

    text: str
    start: int
    end: int
    lower: str
    is_cap: bool


# The same tokens, each with the run of spaces (or underscores) before it. Every character either
# starts a token or is such a gap character, so the gaps and words together tile the text and the
# offsets are running sums of their lengths. The possessive gap and the end-of-text alternative keep
# a long trailing gap linear (no retry at each of its positions).
#
# The token part is TOKEN_RE written for speed (tests check they agree): every repetition is
# possessive, since nothing follows a token that could make the engine give characters back; the
# abbreviation starts with a plain letter and dot instead of setting up a repetition at every
# token; and a word's run of ASCII letters is read with a bitmap test before the Unicode one.
FAST_TOKEN = (
    r"[A-Z]\.(?:[A-Z]\.)++"
    r"|(?:[a-zA-Z]++[^\W\d_]*+|[^\W\d_]++)(?:[-.][^\W\d_]++|[’'](?![sS]\b)[^\W\d_]++)*+"
    r"|[’'][sS]\b"
    r"|\d+(?:[.,:]\d+)*"
    r"|[^\w\s]"
)
GAP_TOKEN_RE = re.compile(r"([\s_]*+)(" + FAST_TOKEN + r"|\Z)")

token_start = attrgetter("start")  # for map(): per-token work in C
token_lower = attrgetter("lower")
token_text = attrgetter("text")
token_is_cap = attrgetter("is_cap")
_first = itemgetter(0)
_second = itemgetter(1)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, with offsets shifted by `offset` (the text's place in the body).

    Built with `map`/`zip` over one `findall` rather than a loop over match objects: the per-token
    work then runs in C, which halves the cost of the article's most repeated step.
    """
    pairs = GAP_TOKEN_RE.findall(text)
    while pairs and not pairs[-1][1]:
        pairs.pop()  # the trailing gap, matched at the end of the text
    words = list(map(_second, pairs))
    # offset, end of gap 1, end of word 1, end of gap 2, ...: word k spans [2k+1] to [2k+2]
    bounds = list(accumulate(map(len, chain.from_iterable(pairs)), initial=offset))
    lowers = map(str.lower, words)
    capitals = map(str.isupper, map(_first, words))
    fields = zip(words, bounds[1::2], bounds[2::2], lowers, capitals, strict=True)
    return list(map(tuple.__new__, repeat(Token), fields))


def is_possessive(token: Token | None) -> bool:
    return token is not None and token.lower in ("'s", "’s")

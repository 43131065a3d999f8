"""Word tokens with their character offsets in the article body."""

from __future__ import annotations

import re
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


_new_token = tuple.__new__


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, with offsets shifted by `offset` (the text's place in the body)."""
    out: list[Token] = []
    append = out.append
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        start, end = m.span()
        append(_new_token(Token, (word, start + offset, end + offset, word.lower(), word[0].isupper())))
    return out


def is_possessive(token: Token | None) -> bool:
    return token is not None and token.lower in ("'s", "’s")

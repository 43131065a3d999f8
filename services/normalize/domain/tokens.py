"""Word tokens with their character offsets in the article body."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str
    is_cap: bool


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, with offsets shifted by `offset` (the text's place in the body)."""
    out: list[Token] = []
    append = out.append
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        start = m.start() + offset
        append(Token(word, start, start + len(word), word.lower(), word[0].isupper()))
    return out


def is_possessive(token: Token | None) -> bool:
    return token is not None and token.lower in ("'s", "’s")

"""The fast tokenizer and sentence-boundary pattern give exactly what their plain definitions give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.normalize.domain.sentences import BOUNDARY_RE
from services.normalize.domain.tokens import TOKEN_RE, Token, tokenize

pytestmark = pytest.mark.unit
# Characters where the token rules differ: letters of several scripts, digits that are not
# decimal ("²"), underscores, apostrophes, quotes, dots, hyphens and every kind of space.
TRICKY = st.text(alphabet="aZé_1²½.-'’sS \t\n\u00a0“”\"İß,!?", max_size=60)
PLAIN_BOUNDARY_RE = re.compile(r"[.!?][\"”’']?[ \t]+(?=[\"“‘']?[A-Z])|\n+")


def plain_tokens(text: str, offset: int) -> list[Token]:
    """The tokenizer's definition: one token per TOKEN_RE match."""
    return [
        Token(m.group(), m.start() + offset, m.end() + offset, m.group().lower(), m.group()[0].isupper())
        for m in TOKEN_RE.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(st.one_of(TRICKY, st.text(max_size=60)), st.integers(min_value=0, max_value=5000))
def test_tokenize_matches_its_definition(text: str, offset: int) -> None:
    assert tokenize(text, offset) == plain_tokens(text, offset)


def test_tokenize_keeps_offsets_across_gaps() -> None:
    text = "  U.S. and  Iran’s talks__held\n\n(2025) "
    tokens = tokenize(text, 100)
    assert [t.text for t in tokens] == ["U.S.", "and", "Iran", "’s", "talks", "held", "(", "2025", ")"]
    assert all(text[t.start - 100 : t.end - 100] == t.text for t in tokens)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("gap", [" ", "_", "\n", " _"])
def test_a_long_gap_is_read_once(gap: str) -> None:
    text = "x" + gap * (131072 // len(gap))
    assert [t.text for t in tokenize(text)] == ["x"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?\n \t\"”’'“‘Aa", max_size=40))
def test_boundary_pattern_matches_the_plain_alternation(text: str) -> None:
    found = [m.span() for m in BOUNDARY_RE.finditer(text)]
    assert found == [m.span() for m in PLAIN_BOUNDARY_RE.finditer(text)]

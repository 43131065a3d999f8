"""The extractor's shortcuts (written for speed) agree with the plain rules they stand for."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.normalize.domain.assemble import TOOK_PART_RE
from services.normalize.domain.dates import DATE_RE, DATE_STARTS, FIRST_WORDS

pytestmark = pytest.mark.unit
PLAIN_TOOK_PART_RE = re.compile(r"\b(?:also|too) (?:took part|participated|attended|joined)\b", re.IGNORECASE)
# Letters that case-insensitive matching folds together with ASCII ones, and the words at stake.
FOLDING = st.text(alphabet="aAlLsSſoOtT kKKiIİı_-.é", max_size=30)
TOOK_PART_WORDS = st.lists(
    st.sampled_from(["also ", "ALSO ", "ſo ", "too ", "Too ", "took part", "TOOK PART", "joined", "JOİNED"])
    | FOLDING,
    max_size=6,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(TOOK_PART_WORDS)
def test_took_part_pattern_matches_its_plain_form(text: str) -> None:
    assert [m.span() for m in TOOK_PART_RE.finditer(text)] == [
        m.span() for m in PLAIN_TOOK_PART_RE.finditer(text)
    ]


def test_date_starts_hold_every_letter_a_first_word_can_begin_with() -> None:
    initials = {word[0] for word in FIRST_WORDS}
    # every character whose case mapping touches an ASCII letter is a candidate for IGNORECASE
    candidates = [
        c
        for c in map(chr, range(0x110000))
        if any(x.isascii() and x.isalpha() for x in c.lower() + c.upper() + c.casefold())
    ]
    expected = {c for c in candidates for x in initials if re.fullmatch(x, c, re.IGNORECASE)}
    assert expected == set(DATE_STARTS)


DATE_WORDS = sorted(FIRST_WORDS) + ["day", "before", "week", "mid-2024", "2024-05-01", "5th", "12"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(DATE_WORDS) | st.text(alphabet="sſiİıSI5٣ \t.,-", max_size=4),
        min_size=1,
        max_size=6,
    ).map(" ".join),
    st.booleans(),
)
def test_a_date_begins_with_a_date_start(text: str, upper: bool) -> None:
    """`find_times_in_tokens` tries DATE_RE only at tokens starting with one of DATE_STARTS or a digit."""
    text = text.upper() if upper else text
    if DATE_RE.match(text) and not text[0].isspace():
        assert text[0] in DATE_STARTS or text[0].isdecimal()

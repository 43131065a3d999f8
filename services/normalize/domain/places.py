"""Where a meeting took place: a city named in the sentence, else the article's dateline city."""

from __future__ import annotations

import re

from services.normalize.domain.countries import CAPITAL_NAME, CountryHit, capital_country, match_country
from services.normalize.domain.lexicon import NON_NAME_WORDS
from services.normalize.domain.tokens import Token

# "ALMATY (Dispatches) –", "TEHRAN, Jan. 30 (IRNA) --", "NEW YORK —"
DATELINE_RE = re.compile(
    r"\A\s{0,5}(?P<city>[A-Z][A-Z'’.\-]{2,30}(?: [A-Z][A-Z'’.\-]{1,30}){0,3})"
    r"(?:,[^\n(–—]{0,40})?\s{0,3}(?:\([^)\n]{0,40}\)\.?\s{0,3})?(?:[–—:]|--?)"
)
# "Riyadh, November 8, 2024, SPA --", "Manama, Dec 11 (PTI) External ...", "Antalya, 12 April 2025 –":
# a city in ordinary case is a dateline only with a date (a digit) before the dash or the agency.
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
MIXED_CASE_DATELINE_RE = re.compile(
    r"\A\s{0,5}(?P<city>[A-Z][a-z'’.\-]{2,20}(?: [A-Z][a-z'’.\-]{1,20}){0,2}),"
    r" (?:\d{1,2}(?:st|nd|rd|th)? (?:" + MONTH + r")|(?:" + MONTH + r") \d{1,2}\b)[^\n(–—]{0,30}?\s{0,3}"
    r"(?:(?:\([^)\n]{0,40}\)\.?\s{0,3})?(?:[–—:]|--?)|\([A-Za-z ]{2,20}\)\s)"
    r"|\A\s{0,5}(?P<city2>[A-Z][a-z'’.\-]{2,20}(?: [A-Z][a-z'’.\-]{1,20}){0,2})"
    r"(?:, [A-Z]{2,8}| \([A-Z]{2,8}\)) ?(?:[–—:]|--?) "
)
PLACE_PREPOSITIONS = frozenset({"in", "to", "at"})


def _dateline(body: str) -> re.Match[str] | None:
    return DATELINE_RE.match(body) or MIXED_CASE_DATELINE_RE.match(body)


def dateline_city(body: str) -> tuple[str, str | None] | None:
    m = _dateline(body)
    if not m:
        return None
    city = " ".join(w.capitalize() for w in (m.group("city") or m.group("city2")).split())
    if capital_country(city) is None and capital_country(city + " City"):
        city += " City"  # "KUWAIT (KUNA) --": the capital, Kuwait City
    return city, capital_country(city)


def dateline_end(body: str) -> int:
    """Where the dateline ("TEHRAN, Jan. 30 (IRNA) --") ends; 0 when there is none."""
    m = _dateline(body)
    return m.end() if m else 0


def find_city(
    tokens: list[Token], person_tokens: set[int], stop: int | None = None
) -> tuple[str, str | None] | None:
    """The first "in/to/at <City>" of the sentence before token `stop` (the clause of the meeting
    phrase): a capital, or a one- or two-word place name that is neither a country nor a person."""
    n = len(tokens)
    for i, tok in enumerate(tokens[: (n if stop is None else min(n, stop)) - 1]):
        if tok.lower not in PLACE_PREPOSITIONS:
            continue
        j = i + 1
        if tokens[j].lower == "the" and j + 1 < n:
            j += 1
        hit: CountryHit | None = match_country(tokens, j)
        if hit:
            if hit.kind == "capital" and not hit.possessive:
                return " ".join(t.text for t in tokens[j : hit.end]), hit.code
            if (
                hit.kind == "adjective"
                and hit.end < n
                and tokens[hit.end].lower == "capital"
                and hit.code in CAPITAL_NAME
            ):
                return CAPITAL_NAME[hit.code], hit.code  # "in the Paraguayan capital"
            continue
        if tok.lower == "at":
            continue  # "at Palazzo Chigi", "at the Amiri Diwan": a building; only a capital is a city here
        k = j
        while k < n and k - j < 2 and _place_word(tokens[k]) and k not in person_tokens:
            k += 1
        if k > j and (k == n or not tokens[k].is_cap) and tokens[j - 1].lower != "the":
            return " ".join(t.text for t in tokens[j:k]), None
    return None


def _place_word(tok: Token) -> bool:
    text = tok.text
    return tok.is_cap and tok.lower not in NON_NAME_WORDS and not (len(text) > 1 and text.isupper())

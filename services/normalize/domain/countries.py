"""Country lexicon: surface forms (names, codes, adjectives, demonyms, capitals) to ISO alpha-3 codes.

Names and codes come from pycountry; what it lacks (short names, adjectives, demonyms, capitals) is
in data/demonyms.csv. Everything is built once at import so a lookup is a dict access.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

import pycountry

from services.normalize.domain.tokens import TOKEN_RE, Token, is_possessive

DATA = Path(__file__).with_name("data") / "demonyms.csv"
MAX_WORDS = 6


class CountryHit(NamedTuple):
    code: str
    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # "name", "adjective" or "capital"
    possessive: bool


def _key(words: str) -> str:
    """A form as its tokens joined by spaces, the way `match_country` builds its lookups."""
    return " ".join(TOKEN_RE.findall(words.replace("’", "'")))


def _load() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    capital_of: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        for name in names:
            if not name:
                continue
            forms.setdefault(_key(name), (code, "name"))
            if ", " in name:  # "Iran, Islamic Republic of" -> "Iran"
                forms.setdefault(_key(name.split(", ")[0]), (code, "name"))
            if name.startswith("the "):
                forms.setdefault(_key(name[4:]), (code, "name"))
    with DATA.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            code = row["alpha3"]
            for name in filter(None, row["names"].split("|")):
                forms[_key(name)] = (code, "name")
            for adjective in filter(None, row["adjectives"].split("|")):
                forms.setdefault(_key(adjective), (code, "adjective"))
                if not adjective.endswith(("s", "ese", "ish", "ch", ".")):
                    forms.setdefault(_key(adjective + "s"), (code, "adjective"))
            for capital in filter(None, row["capitals"].split("|")):
                forms.setdefault(_key(capital), (code, "capital"))
                capital_of[_key(capital)] = code
                CAPITAL_NAME.setdefault(code, capital)
    return forms, capital_of


CAPITAL_NAME: dict[str, str] = {}  # "PRY" -> "Asuncion": "in the Paraguayan capital"
FORMS, CAPITAL_OF = _load()
# Words that start a form: lets the matcher skip most tokens with one set lookup.
FIRST_WORDS = {key.split()[0] for key in FORMS}


# Every proper word-prefix of a form ("Republic of" of "Republic of Korea"): the matcher stops
# extending a candidate as soon as no longer form can start with it.
PREFIXES = {" ".join(words[:k]) for words in map(str.split, FORMS) for k in range(1, len(words))}


def match_country(tokens: list[Token], i: int) -> CountryHit | None:
    """The longest country form starting at token i (capitalised words only)."""
    tok = tokens[i]
    if not tok.is_cap or tok.text not in FIRST_WORDS:
        return None
    key = tok.text.replace("’", "'")
    found = FORMS.get(key)
    end = i + 1
    stop = min(len(tokens), i + MAX_WORDS)
    j = i + 1
    while j < stop and key in PREFIXES:
        key = key + " " + tokens[j].text.replace("’", "'")
        j += 1
        hit = FORMS.get(key)
        if hit:
            found, end = hit, j
    if found is None:
        return None
    code, kind = found
    possessive = end < len(tokens) and is_possessive(tokens[end])
    return CountryHit(code, i, end, kind, possessive)


def find_countries(tokens: list[Token]) -> list[CountryHit]:
    hits = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if not tok.is_cap:
            i += 1
            continue
        hit = match_country(tokens, i) if tok.text in FIRST_WORDS else None
        if hit:
            hits.append(hit)
            i = hit.end
            continue
        if "-" in tokens[i].text and tokens[i].is_cap:  # "Tehran-Bishkek", "Iran-Kyrgyzstan"
            for part in tokens[i].text.split("-"):
                found = FORMS.get(_key(part))
                if found:
                    hits.append(CountryHit(found[0], i, i + 1, found[1], False))
        i += 1
    return hits


def capital_country(name: str) -> str | None:
    return CAPITAL_OF.get(_key(name))

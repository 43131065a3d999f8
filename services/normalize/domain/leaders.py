"""World knowledge an analyst brings: who led which state, and who was its foreign minister, when.

"President Obama" with no country in the text is read as the USA through data/leaders.csv: the
office holder with that surname whose term covers the article's year; else the nearest term.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "leaders.csv"
ROMAN = re.compile(r"^[ivx]+$")
DOUBLED = re.compile(r"(\w)\1")
ROLES_BY_HEAD = {
    "president": ("state", "government"),
    "prime-minister": ("government",),
    "premier": ("government",),
    "chancellor": ("government",),
    "king": ("state",),
    "queen": ("state",),
    "emir": ("state",),
    "amir": ("state",),
    "sultan": ("state",),
    "monarch": ("state",),
    "ayatollah": ("state",),
    "leader": ("state", "government"),
}
Term = tuple[str, str, int, int]  # country, role, first year, last year


@lru_cache(maxsize=4096)
def name_key(word: str) -> str:
    """A surname folded for lookup: no accents, lower case, doubled letters single ("Mitterand")."""
    folded = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower().replace("’", "'")
    return DOUBLED.sub(r"\1", plain)


def _surname(name: str) -> str:
    words = [w for w in name.replace(".", " ").split() if not ROMAN.match(w.lower())]
    return name_key(words[-1]) if words else ""


def _full_key(name: str) -> str:
    return " ".join(name_key(w) for w in name.replace(".", " ").split())


def _load() -> tuple[dict[str, list[Term]], dict[str, list[Term]]]:
    by_surname: dict[str, list[Term]] = {}
    by_full_name: dict[str, list[Term]] = {}
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            term = (row["alpha3"], row["role"], int(row["from"]), int(row["to"]))
            for name in row["name"].split("|"):
                by_surname.setdefault(_surname(name), []).append(term)
                by_full_name.setdefault(_full_key(name), []).append(term)
    return by_surname, by_full_name


TERMS, FULL_NAMES = _load()


def known_full_name(name: str) -> bool:
    return _full_key(name) in FULL_NAMES


def known_person_country(name: str, year: int | None) -> str | None:
    """The country of someone named in full ("Wang Yi") who held one of the listed offices in `year`:
    a full-name match only, so a namesake with another first name is not taken for them."""
    if year is None:
        return None
    key = _full_key(name)
    terms = FULL_NAMES.get(key, [])
    if not terms and key.count(" ") >= 2:  # "Laura Sarabia Torres" is "Laura Sarabia"
        terms = FULL_NAMES.get(key.rsplit(" ", 1)[0], [])
    countries = {t[0] for t in terms if t[2] <= year <= t[3]}
    return countries.pop() if len(countries) == 1 else None


def _roles(title: str | None) -> tuple[str, ...] | None:
    """The offices a title can stand for; None for any office."""
    low = (title or "").lower()
    if "foreign" in low or "secretary of state" in low:
        return ("foreign",)
    if "prime minister" in low:
        return ("government",)
    words = low.split()
    return ROLES_BY_HEAD.get(words[-1]) if words else None


def leader_in_office(surname: str, year: int | None) -> str | None:
    """The country whose leader or foreign minister in `year` bore this surname ("Putin" in 2025),
    when exactly one did; a bare surname is read as a person only then."""
    if year is None:
        return None
    countries = {t[0] for t in TERMS.get(name_key(surname), ()) if t[2] <= year <= t[3]}
    return countries.pop() if len(countries) == 1 else None


def leader_country(name: str | None, title: str | None, year: int | None) -> str | None:
    """The country of the office holder `title` `name` in `year`, when exactly one fits."""
    if not name:
        return None
    terms = TERMS.get(_surname(name))
    if not terms:
        return None
    roles = _roles(title)
    if title and roles is None and title.lower().split()[-1] not in ("leader", "counterpart"):
        return None
    fitting = [t for t in terms if roles is None or t[1] in roles]
    if not fitting:
        return None
    if year is not None:
        covering = {t[0] for t in fitting if t[2] <= year <= t[3]}
        if covering:
            return covering.pop() if len(covering) == 1 else None
        nearest = min(min(abs(year - t[2]), abs(year - t[3])) for t in fitting)
        fitting = [t for t in fitting if min(abs(year - t[2]), abs(year - t[3])) == nearest]
    countries = {t[0] for t in fitting}
    return countries.pop() if len(countries) == 1 else None

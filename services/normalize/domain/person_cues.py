"""Cues around a person's name read from the tokens alone: "His Excellency" standing for someone,
the surname He, an indefinite "a senior diplomat", and the words that mark an analyst or an
opposition figure rather than an official."""

from __future__ import annotations

from services.normalize.domain.lexicon import NAME_PARTICLES, PERSON_VERBS
from services.normalize.domain.titles import MODIFIERS
from services.normalize.domain.tokens import Token

STYLES = frozenset({"excellency", "majesty", "highness"})


# "a senior official of Benin's foreign ministry": someone at the table whose name is not given
UNNAMED_DELEGATES = frozenset({"official", "representative", "diplomat", "envoy", "minister"})


# ", founder of the R.Politik consultancy,": someone quoted, not an official
NOT_OFFICIAL_ROLES = frozenset(
    {"founder", "analyst", "economist", "professor", "researcher", "fellow", "expert"}
)


def excellency_style(tokens: list[Token], i: int) -> int:
    """ "His Excellency" / "His (Royal) Highness" standing alone for the person so styled: the index
    of the style word, or 0."""
    k = i + 2 if i + 1 < len(tokens) and tokens[i + 1].lower == "royal" else i + 1
    return k if k + 1 < len(tokens) and tokens[k].lower in STYLES and not tokens[k + 1].is_cap else 0


def surname_he(tokens: list[Token], i: int) -> bool:
    """ "spokesperson He Yadong said": a capitalised "He" inside a sentence, before a name, is the
    Chinese surname, not the pronoun."""
    return (
        tokens[i].text == "He"
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].text.isalpha()
        and tokens[i - 1].text.islower()
        and tokens[i + 1].is_cap
    )


def indefinite(tokens: list[Token], i: int) -> bool:
    """ "a Samoan official", "A senior Greek diplomat": an indefinite article before the description."""
    if tokens[i].lower in ("a", "an"):
        return True
    k = i - 1
    while k >= 0 and i - k <= 3 and tokens[k].lower in MODIFIERS:
        k -= 1
    return k >= 0 and tokens[k].lower in ("a", "an")


NOT_OFFICIAL_BEFORE = NOT_OFFICIAL_ROLES | frozenset(
    {"commentator", "journalist", "scholar", "academic", "lecturer", "former", "opposition", "party"}
)


INSTITUTIONS = frozenset(
    {"institute", "center", "centre", "think-tank", "university", "consultancy", "foundation", "school"}
)


def unofficial_context(tokens: list[Token], start: int, end: int) -> bool:
    """ "Foreign policy analyst X", "Progress Party leader X", "X, director of the Y Institute,":
    someone quoted who holds no office."""
    for k in range(start - 1, max(-1, start - 5), -1):
        low = tokens[k].lower
        if low in NOT_OFFICIAL_BEFORE:
            return True
        if not tokens[k].text.isalpha() or low in PERSON_VERBS:
            break
    if end < len(tokens) and tokens[end].text == ",":
        for k in range(end + 1, min(len(tokens), end + 12)):
            if tokens[k].text == ",":
                break
            if tokens[k].lower in INSTITUTIONS:
                return True
    return False


def standalone(tokens: list[Token], j: int) -> bool:
    """A capitalised word with no capitalised neighbour ("Putin said", not "Major General")."""
    before = tokens[j - 1] if j > 0 else None
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if before is not None and before.lower in NAME_PARTICLES and j > 1 and tokens[j - 2].is_cap:
        return False  # "Dar es Salaam": part of a longer name
    return not (before is not None and before.is_cap) and not (after is not None and after.is_cap)

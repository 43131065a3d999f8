"""Personal names in the token stream: "Kassym-Jomart Tokayev", "S. Jaishankar", "Mr. IWAYA Takeshi",
"Hassan Sheikh Mohamud", "Ferdinand R. Marcos Jr."."""

from __future__ import annotations

from functools import lru_cache

from services.normalize.domain.countries import match_country
from services.normalize.domain.leaders import known_full_name
from services.normalize.domain.lexicon import NAME_PARTICLES, NON_NAME_WORDS
from services.normalize.domain.titles import HEADS, MODIFIERS
from services.normalize.domain.tokens import Token

# Forms of address before a name ("Mr. IWAYA Takeshi", "H.E. Mr.", "His Highness the Crown Prince").
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "professor",
        "h.e.",
        "h.h.",
        "excellency",
        "highness",
        "majesty",
        "hm",
        "hrh",
        "dato",
        "datuk",
        "datin",
        "seri",
        "setia",
        "pehin",
        "alhaji",
        "alhaja",
        "haji",
    }
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Title words that may sit inside a name ("Hassan Sheikh Mohamud").
NAME_INNER_TITLES = frozenset({"sheikh", "sayyid"})


def is_name_token(tok: Token) -> bool:
    return is_name_word(tok.text)


PATRONYMICS = frozenset({"bin", "ibn", "bint"})
FIRST_NAME_MONTHS = frozenset({"jan", "june", "april", "august"})


def _first_name_word(tok: Token, nxt: Token) -> bool:
    """A title or month word, or initials, that start a name: "Sultan bin Saad", "Jan Lipavsky",
    "KP Sharma Oli"."""
    if not tok.is_cap:
        return False
    if tok.text.isalpha() and tok.text.isupper() and len(tok.text) <= 3 and is_name_word(nxt.text):
        return True
    return nxt.lower in PATRONYMICS or (tok.lower in FIRST_NAME_MONTHS and is_name_word(nxt.text))


@lru_cache(maxsize=16384)
def is_name_word(text: str) -> bool:
    """Whether a token of this text may be part of a name; cached per word, as a token's other
    fields derive from its text and articles repeat their words."""
    low = text.lower()
    if not text[0].isupper() or low in NON_NAME_WORDS or low in HEADS or low in MODIFIERS:
        return False
    return not (len(text) > 1 and text.isupper() and "." not in text)


def _known_full_name(tokens: list[Token], i: int, end: int) -> bool:
    """ "Luis Montenegro": a surname that is also a country's name, in a known office holder's name."""
    return known_full_name(" ".join(t.text for t in tokens[i:end]))


def match_name(tokens: list[Token], i: int, capitals: bool = False) -> int:
    """End (exclusive) of a person's name starting at i, or i when there is none. Initials ("S.
    Jaishankar", "Enrique A. Manalo") are part of it; `capitals` admits a surname in capitals
    ("Mr. IWAYA Takeshi")."""
    n = len(tokens)
    j = i
    end = i
    while j < n and j - i < 7:
        tok = tokens[j]
        if (
            len(tok.text) == 1
            and tok.is_cap
            and j + 2 < n
            and tokens[j + 1].text == "."
            and tokens[j + 2].is_cap
        ):
            j += 2
        elif j > i and tok.is_cap and tok.lower.rstrip(".") in NAME_SUFFIXES:
            j += 2 if j + 1 < n and tokens[j + 1].text == "." else 1
            end = j
            break
        elif (
            is_name_word(tok.text)
            or (capitals and tok.text.isalpha() and tok.text.isupper() and len(tok.text) > 1)
            or (j == i and j + 1 < n and _first_name_word(tok, tokens[j + 1]))
        ) and not (j > i and match_country(tokens, j) and not _known_full_name(tokens, i, j + 1)):
            j += 1
            end = j
        elif (
            tok.lower in NAME_INNER_TITLES
            and j > i
            and j + 1 < n
            and is_name_word(tokens[j + 1].text)
            or tok.lower in NAME_PARTICLES
            and j > i
            and j + 1 < n
            and tokens[j + 1].is_cap
        ):
            j += 1
        elif tok.lower.startswith(("al-", "el-")) and len(tok.text) > 3:
            j += 1
            end = j
        else:
            break
    return end


def name_words(tokens: list[Token], start: int, end: int) -> list[str]:
    """The words of a name, an initial keeping its dot ("S. Jaishankar"), capitals folded ("IWAYA")."""
    words: list[str] = []
    for tok in tokens[start:end]:
        if tok.text == "." and words:
            words[-1] += "."
        elif tok.text.isupper() and len(tok.text) > 2:
            words.append(tok.text.capitalize())
        else:
            words.append(tok.text)
    return words


def skip_honorifics(tokens: list[Token], j: int) -> tuple[int, bool]:
    """Past "Mr.", "H.E. Mr.", "His Highness the": (next index, whether one was skipped)."""
    n = len(tokens)
    k = j
    while k < n and (tokens[k].lower in HONORIFICS or tokens[k].text == "HE"):  # "HE Mr. X": His Excellency
        k += 1
        if k < n and tokens[k].text == ".":
            k += 1
        if k < n and tokens[k].lower == "the":
            k += 1
    return k, k > j

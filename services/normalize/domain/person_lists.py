"""People named in lists: "the Kyrgyz and Tajik leaders", "his French and British counterparts,
A and B", "the presidents of Uruguay, X, and Paraguay, Y"."""

from __future__ import annotations

from services.normalize.domain.countries import FIRST_WORDS, match_country
from services.normalize.domain.entities import Mention, Registry
from services.normalize.domain.names import match_name, name_words
from services.normalize.domain.openings import DETERMINERS, TITLE_WORDS
from services.normalize.domain.person_named import named_mention
from services.normalize.domain.titles import MODIFIERS, match_title
from services.normalize.domain.tokens import Token

PLURAL_WORDS = frozenset({"leaders", "ministers", "counterparts", "presidents", "premiers", "prime"})


PLURAL_HEADS = {"leaders": "leader", "ministers": "minister", "counterparts": "counterpart"} | {
    "presidents": "president",
    "premiers": "premier",
    "prime": "prime",
}


def paired_description(tokens: list[Token], i: int, registry: Registry) -> tuple[list[Mention], int] | None:
    """ "the Kyrgyz and Tajik leaders" (the people of those countries named before), "his French and
    British counterparts, Jean-Noel Barrot and Yvette Cooper" (each name takes its country in turn)."""
    n = len(tokens)
    j = i + 1 if tokens[i].lower in DETERMINERS else i
    if j + 3 >= n or tokens[j].text not in FIRST_WORDS:
        return None
    first = match_country(tokens, j)
    if first is None or first.kind != "adjective" or first.end + 2 >= n or tokens[first.end].lower != "and":
        return None
    second = match_country(tokens, first.end + 1) if tokens[first.end + 1].text in FIRST_WORDS else None
    if second is None or second.kind != "adjective" or second.end >= n:
        return None
    title = match_title(tokens, second.end) if tokens[second.end].lower in TITLE_WORDS else None
    if title is None or title.end > n or tokens[title.end - 1].lower not in PLURAL_HEADS:
        return None
    head = PLURAL_HEADS[tokens[title.end - 1].lower]
    singular = title.title[:-1] if title.title.endswith("s") else title.title
    codes = (first.code, second.code)
    names = two_names(tokens, title.end)
    if names is not None:
        mentions = []
        for (a, b), code in zip(names, codes, strict=True):
            mention, _ = named_mention(tokens, a, b, name_words(tokens, a, b), registry, singular, code)
            mentions.append(mention)
        return mentions, names[1][1]
    people = [registry.by_description(code, head) for code in codes]
    found = [Mention(i, title.end, ent, "description") for ent in people if ent is not None and ent.name]
    return (found, title.end) if len(found) == 2 else None


def listed_by_country(tokens: list[Token], i: int, registry: Registry) -> tuple[list[Mention], int] | None:
    """ "The presidents of Uruguay, Yamandu Orsi, and Paraguay, Santiago Pena," / "his counterparts
    from Honduras, Enrique Reina, and Namibia, Peya Mushelenga": each name takes the country before it."""
    n = len(tokens)
    j = i + 1 if tokens[i].lower in DETERMINERS else i
    if j + 5 >= n or tokens[j].lower not in TITLE_WORDS and tokens[j].lower not in PLURAL_HEADS:
        return None
    m = j
    while m < n and m - j < 3 and tokens[m].lower in MODIFIERS:
        m += 1
    if m >= n or tokens[m].lower not in PLURAL_HEADS:  # "presidents", "foreign ministers", "counterparts"
        return None
    k = m + 1
    pairs: list[tuple[str, int, int]] = []
    country = None
    if country is None and k < n and tokens[k].lower in ("of", "from"):
        hit = match_country(tokens, k + 1)
        country, k = (hit.code, hit.end) if hit else (None, k)
    while country is not None and k + 2 < n and tokens[k].text == ",":
        end = match_name(tokens, k + 1, False)
        if end - (k + 1) < 2:
            break
        pairs.append((country, k + 1, end))
        k = end
        nxt = k + 1 if k < n and tokens[k].text == "," else k
        nxt += 1 if nxt < n and tokens[nxt].lower == "and" else 0
        hit = match_country(tokens, nxt) if nxt < n and tokens[nxt].text in FIRST_WORDS else None
        if hit is None or hit.possessive:
            break
        country, k = hit.code, hit.end
    if len(pairs) < 2:
        return None
    singular = " ".join(
        [*(t.text.capitalize() for t in tokens[j:m]), PLURAL_HEADS[tokens[m].lower].capitalize()]
    )
    mentions = [
        named_mention(tokens, a, b, name_words(tokens, a, b), registry, singular, code)[0]
        for code, a, b in pairs
    ]
    return mentions, pairs[-1][2]


def two_names(tokens: list[Token], k: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ ", A and B" right after a plural title: the token spans of the two names."""
    if k + 3 >= len(tokens) or tokens[k].text != ",":
        return None
    a = k + 1
    a_end = match_name(tokens, a, False)
    if a_end - a < 2 or a_end + 2 >= len(tokens) or tokens[a_end].lower != "and":
        return None
    b = a_end + 1
    b_end = match_name(tokens, b, False)
    return ((a, a_end), (b, b_end)) if b_end - b >= 2 else None

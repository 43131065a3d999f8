"""Official titles: "First Vice President", "Foreign Minister", "Minister of Foreign Affairs", ...

A title is a run of modifier words ending on a head word, optionally followed by "of <words>"
("Secretary of State", "Minister of Industry and Trade", "President of Kazakhstan").
"""

from __future__ import annotations

from typing import NamedTuple

from services.normalize.domain.countries import match_country
from services.normalize.domain.tokens import Token

HEADS = frozenset(
    [
        "president",
        "vice-president",
        "head",
        "guest",
        "chief",
        "pm",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "secretary-general",
        "king",
        "queen",
        "emir",
        "amir",
        "sultan",
        "prince",
        "princess",
        "sheikh",
        "ambassador",
        "ambassadors",
        "envoy",
        "envoys",
        "speaker",
        "chairman",
        "chairwoman",
        "chairperson",
        "governor",
        "mayor",
        "general",
        "admiral",
        "marshal",
        "commander",
        "advisor",
        "adviser",
        "leader",
        "leaders",
        "counterpart",
        "counterparts",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "representative",
        "representatives",
        "official",
        "officials",
        "diplomat",
        "diplomats",
        "delegation",
        "senator",
        "lawmaker",
        "director",
        "commissioner",
        "ayatollah",
        "pope",
        "monarch",
        "emperor",
        "negotiator",
        "negotiators",
        "foreign-minister",
        "prime-minister",
        "president-elect",
        "premier-designate",
    ]
)
MODIFIERS = frozenset(
    [
        "first",
        "second",
        "vice",
        "deputy",
        "acting",
        "former",
        "senior",
        "special",
        "chief",
        "crown",
        "opposition",
        "conservative",
        "liberal",
        "republican",
        "socialist",
        "field",
        "brigadier",
        "lieutenant",
        "major",
        "colonel",
        "rear",
        "foreign",
        "defense",
        "defence",
        "interior",
        "economy",
        "economic",
        "finance",
        "trade",
        "energy",
        "oil",
        "health",
        "education",
        "agriculture",
        "culture",
        "justice",
        "transport",
        "industry",
        "national",
        "security",
        "top",
        "presidential",
        "assistant",
        "executive",
        "permanent",
        "parliamentary",
        "state",
        "political",
        "military",
        "army",
        "supreme",
        "grand",
        "interim",
        "digital",
        "labor",
        "labour",
        "environment",
        "water",
        "tourism",
        "science",
        "sports",
        "information",
        "communications",
        "emergency",
        "home",
        "external",
        "commerce",
        "treasury",
        "investment",
        "development",
        "petroleum",
        "social",
        "prime",
        "high-ranking",
        "senior-level",
        "visiting",
        "group",
        "team",
        "parliament",
        "government",
    ]
)
POSTED = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "representative", "consul"})
# Words of the portfolio after "of": "Minister of Foreign Affairs", "Secretary of State".
PORTFOLIO = MODIFIERS | frozenset(
    [
        "affairs",
        "relations",
        "cooperation",
        "integration",
        "resources",
        "mines",
        "mining",
        "planning",
        "technology",
        "innovation",
        "youth",
        "women",
        "family",
        "housing",
        "construction",
        "infrastructure",
        "roads",
        "railways",
        "communication",
        "media",
        "fisheries",
        "forestry",
        "land",
        "veterans",
        "staff",
        "protection",
        "welfare",
        "employment",
        "strategic",
        "federal",
        "government",
        "urban",
        "rural",
        "regional",
        "local",
        "public",
        "works",
        "services",
        "industries",
        "mineral",
        "hydrocarbons",
        "electricity",
        "power",
        "ports",
        "shipping",
        "maritime",
        "aviation",
        "civil",
        "human",
        "rights",
        "labour",
        "tourism",
        "heritage",
        "sport",
        "arts",
        "climate",
        "ecology",
        "natural",
        "water",
        "irrigation",
        "livestock",
        "food",
        "security",
        "budget",
        "taxation",
        "revenue",
        "statistics",
        "transition",
        "reconstruction",
        "solidarity",
        "citizenship",
        "interior",
        "endowments",
        "islamic",
        "community",
        "abroad",
    ]
)


# Portfolio words that come in lists after a comma ("..., Emigration and Egyptian Expatriates").
LIST_PORTFOLIO = frozenset(
    {
        "emigration",
        "migration",
        "national",
        "community",
        "expatriates",
        "immigration",
        "diaspora",
        "worship",
        "nationals",
        "abroad",
        "african",
        "arab",
        "international",
        "religious",
        "overseas",
        "francophonie",
        "european",
        "union",
        "trade",
        "cooperation",
        "integration",
        "affairs",
    }
)


class TitleHit(NamedTuple):
    title: str
    start: int
    end: int
    head: str
    country: str | None  # from "President of Kazakhstan"


def match_title(tokens: list[Token], i: int) -> TitleHit | None:
    n = len(tokens)
    j = i
    last_head = -1
    while j < n and j - i < 6:
        low = tokens[j].lower
        if low in HEADS:
            last_head = j
        elif low not in MODIFIERS:
            break
        j += 1
    if last_head < 0:
        return None
    end = last_head + 1
    head = tokens[last_head].lower
    country = None
    # "of State", "of Foreign Affairs", "of Industry and Trade", "of Kazakhstan"
    if end + 1 < n and tokens[end].lower == "to" and head in POSTED:
        posted = match_country(tokens, end + 1 + (tokens[end + 1].lower == "the"))
        if posted:  # "Ambassador to Vietnam": where they serve, not whom they serve
            end = posted.end
    elif end + 2 < n and tokens[end].lower in ("of", "for") and tokens[end + 1].lower == "the":
        hit = match_country(tokens, end + 2)  # "President of the Republic of Uzbekistan"
        if hit and not hit.possessive:
            country = hit.code
            end = hit.end
        else:  # "Chairman of the Senate of the Parliament of Kazakhstan"
            end, country = _of_institutions(tokens, end)
    elif end + 1 < n and tokens[end].lower in ("of", "for") and tokens[end + 1].is_cap:
        hit = match_country(tokens, end + 1)
        if hit and not hit.possessive:
            country = hit.code
            end = hit.end
        elif hit and hit.end + 1 < n and tokens[hit.end + 1].is_cap:
            k = hit.end + 1  # "Secretary of Russia's Security Council": the council's country
            while k < n and k - hit.end <= 4 and tokens[k].is_cap and tokens[k].lower not in HEADS:
                k += 1
            country, end = hit.code, k
        elif tokens[end + 1].lower not in ("the",):
            k = end + 1
            while k < n and k - end < 10 and _portfolio_word(tokens, k):
                k += 1
            while k > end + 1 and tokens[k - 1].lower in ("and", ","):
                k -= 1
            end = k if k > end + 1 else end
            if end + 1 < n and tokens[end].lower == "for" and _portfolio_word(tokens, end + 1):
                k = end + 1  # "Minister of State for Foreign Affairs"
                while k < n and k - end < 6 and _portfolio_word(tokens, k):
                    k += 1
                while tokens[k - 1].lower in ("and", ","):
                    k -= 1
                end = k
            if end + 1 < n and tokens[end].lower == "of" and tokens[end - 1].lower != "of":
                the = end + 2 < n and tokens[end + 1].lower == "the"  # "... of the Republic of Kazakhstan"
                hit = match_country(tokens, end + 1 + the)
                if hit:
                    country = hit.code
                    end = hit.end
    if end < n and tokens[end].text in ("II", "III"):  # "Minister of Foreign Affairs II" (Brunei)
        end += 1
    if (
        end + 3 < n
        and tokens[end].lower == "at"
        and tokens[end + 1].lower == "the"
        and tokens[end + 2].lower == "ministry"
    ):
        k = end + 3  # "Minister of State at the Ministry of Foreign Affairs"
        if tokens[k].lower == "of":
            k += 1
            while k < n and k - end < 10 and _portfolio_word(tokens, k):
                k += 1
            end = k
    words = [t.text for t in tokens[i:end]]
    title = " ".join(w if w.lower() in ("of", "and") else w[:1].upper() + w[1:] for w in words)
    title = title.replace(" ,", ",").replace(" 's", "'s").replace(" ’s", "’s")
    return TitleHit(title, i, end, head, country)


INSTITUTION_WORDS = frozenset(
    {"senate", "parliament", "assembly", "council", "committee", "commission", "house", "chamber"}
    | {"congress", "duma", "majlis", "court", "bank", "party", "government", "cabinet", "office"}
    | {"national", "federal", "supreme", "security", "central", "state", "people's", "legislative"}
    | {"representatives", "presidium", "presidency", "federation", "republic", "ministers", "people"}
)


def _of_institutions(tokens: list[Token], end: int) -> tuple[int, str | None]:
    """Past "of the Senate of the Parliament of Kazakhstan" (institution words only, so a name
    that follows stays a name): the new end and the country named last, if any."""
    n = len(tokens)
    k = end
    while k + 1 < n and tokens[k].lower == "of":
        j = k + 1 + (tokens[k + 1].lower == "the")
        hit = match_country(tokens, j) if j < n else None
        if hit and not hit.possessive:
            return hit.end, hit.code
        m = j
        while m < n and m - j < 4 and tokens[m].is_cap and tokens[m].lower in INSTITUTION_WORDS:
            m += 1
        if m == j:
            break
        k = m
    return (k, None) if k > end else (end, None)


def _portfolio_word(tokens: list[Token], k: int) -> bool:
    """A word of a portfolio list: "Foreign Affairs, Emigration and Egyptian Expatriates"."""
    low = tokens[k].lower
    if low in PORTFOLIO or low == "and":
        return True
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if low == ",":
        return nxt is not None and (nxt.lower in PORTFOLIO or nxt.lower in LIST_PORTFOLIO)
    if low in LIST_PORTFOLIO:
        return True
    hit = match_country(tokens, k) if tokens[k].is_cap else None
    return hit is not None and hit.kind == "adjective" and nxt is not None and nxt.lower in LIST_PORTFOLIO

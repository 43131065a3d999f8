"""Official titles: "First Vice President", "Foreign Minister", "Minister of Foreign Affairs", ...

A title is a run of modifier words ending on a head word, optionally followed by "of <words>"
("Secretary of State", "Minister of Industry and Trade", "President of Kazakhstan").
"""

from __future__ import annotations

from dataclasses import dataclass

from services.normalize.domain.countries import match_country
from services.normalize.domain.tokens import Token

HEADS = frozenset(
    [
        "president",
        "vice-president",
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
    ]
)
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
    ]
)


@dataclass(frozen=True, slots=True)
class TitleHit:
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
    if end + 1 < n and tokens[end].lower == "of" and tokens[end + 1].is_cap:
        hit = match_country(tokens, end + 1)
        if hit and not hit.possessive:
            country = hit.code
            end = hit.end
        elif tokens[end + 1].lower not in ("the",):
            k = end + 1
            while k < n and k - end < 6 and (tokens[k].lower in PORTFOLIO or tokens[k].lower == "and"):
                k += 1
            while k > end + 1 and tokens[k - 1].lower == "and":
                k -= 1
            end = k
            if end + 1 < n and tokens[end].lower == "of":
                hit = match_country(tokens, end + 1)
                if hit:
                    country = hit.code
                    end = hit.end
    words = [t.text for t in tokens[i:end]]
    title = " ".join(w if w.lower() in ("of", "and") else w[:1].upper() + w[1:] for w in words)
    return TitleHit(title, i, end, head, country)

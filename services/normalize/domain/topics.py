"""Meeting topics from the contract's vocabulary, read off keywords in the meeting's sentences."""

from __future__ import annotations

import re

TOPIC_KEYWORDS = {
    "trade": r"trade|trading|exports?|imports?|commerce|commercial",
    "economy": r"econom\w*",
    "energy": r"energy|oil|gas|electricity|nuclear power|renewables?|power plants?",
    "transport": r"transport\w*|railways?|roads?|corridors?|logistics|shipping|ports?|aviation|transit",
    "security": r"security|terroris\w*|extremis\w*|militants?|counter-?terrorism",
    "defense": r"defen[cs]e|military|weapons?|arms|missiles?",
    "culture": r"cultur\w*",
    "tourism": r"touris\w*",
    "technology": r"technolog\w*|digital|information technology|\bIT\b",
    "science": r"scien\w*|research",
    "education": r"educat\w*|universit\w*|students?|academic",
    "health": r"health\w*|medical|medicine|pandemic|vaccines?",
    "agriculture": r"agricultur\w*|farm\w*|food security|grain|wheat",
    "investment": r"invest\w*",
    "finance": r"financ\w*|banking|banks?|currenc\w*",
    "migration": r"migra\w*|refugees?",
    "environment": r"environment\w*|climate",
    "water": r"water",
    "regional": r"regional|region",
    "diplomacy": r"diplomat\w*|political relations|high-level political",
}
# One pass over the text: each topic is a named group of one alternation.
TOPIC_RE = re.compile(
    "|".join(rf"\b(?P<{topic}>{pattern})\b" for topic, pattern in TOPIC_KEYWORDS.items()), re.IGNORECASE
)
ORDER = {topic: n for n, topic in enumerate(TOPIC_KEYWORDS)}


def find_topics(text: str) -> tuple[str, ...]:
    found = {m.lastgroup for m in TOPIC_RE.finditer(text)}
    return tuple(sorted((t for t in found if t), key=ORDER.__getitem__))

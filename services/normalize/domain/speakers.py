"""Who speaks: the person named just before a verb of saying ("Aref has also underscored",
"Kasymaliev, for his part, said") or right after it ("..., said Aref")."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from services.normalize.domain.countries import match_country
from services.normalize.domain.entities import Mention
from services.normalize.domain.reading import SentenceReading
from services.normalize.domain.reported import VERB_WORDS
from services.normalize.domain.tokens import Token

# Words allowed between a speaker and the verb: "Aref has also underscored".
BETWEEN = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "further",
        "separately",
        "again",
        "then",
        "later",
        "once",
        "reportedly",
        "however",
        "meanwhile",
        "on",
        "this",
        "last",
        "earlier",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "in",
        "turn",
        "for",
        "his",
        "her",
        "part",
        "too",
        "likewise",
        "repeatedly",
        "previously",
        "publicly",
        "recently",
        "already",
        "firmly",
        "strongly",
        "was",
        "is",
        "quoted",
        "as",
    ]
)


def _speaker_before(mentions: list[Mention], ends: list[int], tokens: list[Token], v: int) -> Mention | None:
    """The mention just before verb v: "Aref has also underscored", "Kasymaliev, for his part, said"."""
    k = bisect_right(ends, v) - 1
    if k < 0:
        return None
    best = mentions[k]
    limit = 16
    if k > 0 and best.end < len(tokens) and tokens[best.end].lower in ("'s", "’s"):
        k, best, limit = k - 1, mentions[k - 1], 24  # "Celso Amorim, Lula's chief adviser, who ..., said"
    start = best.end
    if start < v and tokens[start].lower == "of":
        start = _past_of_country(tokens, start)
    gap = tokens[start:v]
    if gap and gap[-1].text == "," and (best.start == 0 or tokens[best.start - 1].text != ","):
        # "Foreign Minister X, who accompanied Lula, said": the person before the inserted clause
        opener = _clause_opener(tokens, best.start, v)
        if opener is not None and k > 0 and mentions[k - 1].end == opener:
            return mentions[k - 1]
    if len(gap) <= 8 and all(t.lower in BETWEEN for t in gap):
        return best
    if len(gap) > limit + 8:
        return None
    e = len(gap)
    while e and gap[e - 1].lower in BETWEEN:  # "Merz, who was sworn in on May 6, has pledged"
        e -= 1
    if 3 <= e <= limit and gap[0].text == "," and gap[e - 1].text == ",":
        return best  # "Stocker, who took office in March at the head of a coalition, pointed out"
    if len(gap) == 2 and gap[0].text == "," and gap[1].lower == "who":  # "President X, who said ..."
        return best
    return None


PARTY_WORDS = frozenset({"party", "alliance", "movement", "front", "union", "coalition", "bloc", "league"})


def _past_of_country(tokens: list[Token], k: int) -> int:
    """Past "of Japan" or "of the conservative People's Party" after a name ("Foreign Minister Kenji
    Mori of Japan said")."""
    if k + 1 < len(tokens) and tokens[k].lower == "of":
        hit = match_country(tokens, k + 1 + (tokens[k + 1].lower == "the"))
        if hit is not None:
            return hit.end
        for j in range(k + 1, min(len(tokens), k + 8)):
            if tokens[j].lower in PARTY_WORDS and tokens[j].is_cap:
                return j + 1
            if tokens[j].text in ",;." or tokens[j].lower in VERB_WORDS:
                break
    return k


def _clause_opener(tokens: list[Token], inside: int, v: int) -> int | None:
    """The comma that opens a clause holding token `inside` and closing right before verb v."""
    for c in range(inside - 1, max(-1, inside - 12), -1):
        if tokens[c].text == ",":
            return c
        if tokens[c].lower in (".", ";", "said"):
            return None
    return None


INVERTED = frozenset(
    {"said", "says", "stated", "added", "noted", "stressed", "explained", "declared", "asserted", "wrote"}
    | {"remarked", "commented", "insisted", "announced", "continued", "recalled", "observed", "argued"}
)


def _speaker_after(mentions: list[Mention], starts: list[int], tokens: list[Token], v: int) -> Mention | None:
    """ "..., said Aref" / "..., stated Iran's foreign minister": only verbs that take no object
    ("accused Starmer" names whom, not who)."""
    if tokens[v].lower not in INVERTED:
        return None
    k = bisect_left(starts, v + 1)
    return mentions[k] if k < len(mentions) and starts[k] == v + 1 else None


class Speakers:
    """Speaker lookup around verbs of one sentence (mentions are in text order)."""

    def __init__(self, reading: SentenceReading) -> None:
        self.tokens = reading.tokens
        self.mentions = reading.mentions
        self.ends = [m.end for m in self.mentions]
        self.starts = [m.start for m in self.mentions]

    def before(self, v: int) -> Mention | None:
        return _speaker_before(self.mentions, self.ends, self.tokens, v)

    def around(self, v: int) -> Mention | None:
        return self.before(v) or _speaker_after(self.mentions, self.starts, self.tokens, v)

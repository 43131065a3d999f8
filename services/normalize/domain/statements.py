"""Statements: direct quotes, partial quotes and reported speech after a verb of saying, each with a
named speaker resolved through surnames, pronouns and descriptions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress, count
from typing import NamedTuple

from services.normalize.domain.countries import match_country
from services.normalize.domain.entities import Entity, Mention
from services.normalize.domain.lexicon import SAYING_PARTICIPLES, SAYING_VERBS, SAYING_WITH_NEXT
from services.normalize.domain.reading import SentenceReading
from services.normalize.domain.tokens import Token, token_lower

SAYING = SAYING_VERBS | SAYING_PARTICIPLES
NEEDS_NEXT = SAYING_WITH_NEXT
VERB_WORDS = SAYING | frozenset(NEEDS_NEXT)  # a verb of saying is one of these words
PARTICIPLES = SAYING_PARTICIPLES | frozenset({"calling", "pointing"})
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
TOLD = frozenset({"told", "assured", "informed", "reminded", "briefed"})
LISTENERS = 12  # "told reporters after the roughly 25-minute call that": how far the listeners reach
SKIP_AFTER_VERB = frozenset({"that", ":", ","})
TRAILING = " \t.,;:\"'“”‘’"


class StatementRead(NamedTuple):
    speaker: Entity
    mode: str
    text: str
    start: int  # body offsets of the text
    end: int


def _verb_at(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    if tok.lower in NEEDS_NEXT:
        if tok.lower in ("called", "calling") and i + 1 < len(tokens) and tokens[i + 1].lower == "on":
            return _calls_on_to(tokens, i + 2)  # "called on X to act", not "called on Putin at the Kremlin"
        return i + 1 < len(tokens) and tokens[i + 1].lower in NEEDS_NEXT[tok.lower]
    if tok.lower not in SAYING:
        return False
    prev = tokens[i - 1].lower if i > 0 else ""
    return prev not in ("is", "was", "are", "were", "be", "been", "being", "so-called")


def _calls_on_to(tokens: list[Token], k: int) -> bool:
    for j in range(k, min(len(tokens), k + 12)):
        if tokens[j].lower == "to":
            return True
        if tokens[j].text in ",;.":
            return False
    return False


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


def _after_listeners(tokens: list[Token], k: int) -> int:
    """Past "reporters that" / "him that" after "told": where the reported words start."""
    for j in range(k, min(len(tokens), k + LISTENERS)):
        if tokens[j].lower == "that":
            return j + 1
        if tokens[j].text in ",;:":
            return j
    return k


def _clean(body: str, start: int, end: int) -> tuple[str, int, int]:
    while start < end and body[start] in TRAILING:
        start += 1
    while end > start and body[end - 1] in TRAILING:
        end -= 1
    return body[start:end], start, end


class _Speakers:
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


def read_statements(
    body: str, reading: SentenceReading, previous_speaker: Entity | None
) -> list[StatementRead]:
    if VERB_WORDS.isdisjoint(reading.words) and not reading.quotes and "according" not in reading.words:
        return []
    tokens = reading.tokens
    speakers = _Speakers(reading)
    out: list[StatementRead] = []
    # the tokens that may be verbs of saying, selected in C (`compress`) before the Python-level tests
    maybe_verbs = compress(count(), map(VERB_WORDS.__contains__, map(token_lower, tokens)))
    quoted = reading.quoted
    verbs = [i for i in maybe_verbs if i not in quoted and _verb_at(tokens, i)]
    attributed: set[int] = set()
    for qs, qe in reading.quotes:
        out.extend(_quote(body, reading, speakers, qs, qe, verbs, attributed, previous_speaker, out))
    for n, v in enumerate(verbs):
        if v in attributed or _welcomes_a_guest(reading.mentions, tokens, v):
            continue
        mention = speakers.around(v)
        speaker = mention.entity if mention is not None else None
        if speaker is None or not speaker.name:
            speaker, mention = _clause_subject(reading.mentions, tokens, v, out), None
        if speaker is None or not speaker.name:
            continue
        k = v + 1 + (1 if tokens[v].lower in NEEDS_NEXT else 0)
        if mention is not None and mention.start == v + 1:
            k = mention.end
        if tokens[v].lower in TOLD:  # "told reporters that ...": the words, not the listeners
            k = _after_listeners(tokens, k)
        while k < len(tokens) and tokens[k].lower in SKIP_AFTER_VERB:
            k += 1
        k = _past_time_phrase(tokens, k)
        before = _content_before(body, reading, mention, v) if mention and _only_a_tail(tokens, k) else None
        if before is not None:
            out.append(StatementRead(speaker, "indirect", *before))
            continue
        if k >= len(tokens):
            continue
        end = reading.sentence.end
        for w in verbs[n + 1 : n + 6]:
            other = speakers.before(w)
            if other is not None and other.entity is not speaker and other.start > k:
                end = tokens[other.start].start
                break
        text, s, e = _clean(body, tokens[k].start, end)
        if len(text.split()) >= 2:
            out.append(StatementRead(speaker, "indirect", text, s, e))
    according = _according_to(body, reading, out)
    return out + ([according] if according else [])


def _welcomes_a_guest(mentions: list[Mention], tokens: list[Token], v: int) -> bool:
    """ "welcomed his Malawian counterpart to Maputo": a host's welcome, not words said."""
    return tokens[v].lower == "welcomed" and any(m.start in (v + 1, v + 2) for m in mentions)


def _is_subject(tokens: list[Token], mention: Mention) -> bool:
    """The mention opens its clause: at the start, or after a dateline or an opening phrase."""
    j = mention.start
    return j == 0 or tokens[j - 1].text in (",", "-", "--", "\u2014", "\u2013", ")", ":")


def _clause_subject(
    mentions: list[Mention], tokens: list[Token], v: int, said: list[StatementRead]
) -> Entity | None:
    """The speaker of ", adding that ..." or "X met Y and said ...": whoever spoke before in this
    sentence, else the person the sentence opens with."""
    prev = tokens[v - 1].lower if v > 0 else ""
    participle = tokens[v].lower in PARTICIPLES and prev == ","
    if not participle and not (prev == "and" and tokens[v].lower in SAYING_VERBS):
        return None
    if said:
        return said[-1].speaker
    first = mentions[0] if mentions and mentions[0].start < v else None
    return first.entity if first is not None and _is_subject(tokens, first) else None


TAIL_OPENERS = frozenset(
    {"after", "on", "in", "at", "during", "following", "before", "while", "when", "late", "afterwards"}
    | {"afterward", "earlier", "later", "yesterday", "today", "tonight", "this", "last"}
)
NOT_CONTENT = frozenset(
    {"speaking", "addressing", "asked", "responding", "in", "at", "on", "after", "during"}
)
TAIL = 6  # "..., Rubio said afterward, calling ...": words after an attribution that end it


def _past_time_phrase(tokens: list[Token], k: int) -> int:
    """Past "on Thursday that" / "in a statement that" after a verb: where the reported words start."""
    if k >= len(tokens) or tokens[k].lower not in TAIL_OPENERS:
        return k
    for j in range(k + 1, min(len(tokens), k + 9)):
        if tokens[j].lower == "that":
            return j + 1
        if tokens[j].text in ",;:.":
            break
    return k


def _only_a_tail(tokens: list[Token], k: int) -> bool:
    """Nothing reported after the verb: the sentence ends, or a few words then a comma, or a phrase
    of time or place ("said after talks with his counterpart in Ankara.")."""
    phrase = k < len(tokens) and tokens[k].lower in TAIL_OPENERS
    for j in range(k, len(tokens) if phrase else min(len(tokens), k + TAIL + 1)):
        low = tokens[j].lower
        if low == "that" or (j == k and k > 0 and tokens[k - 1].lower == "that"):
            return False
        if low in (",", ".", ";"):
            return True
    return k >= len(tokens) or len(tokens) - k <= TAIL and tokens[-1].text in ".!?"


def _content_before(
    body: str, reading: SentenceReading, mention: Mention, v: int
) -> tuple[str, int, int] | None:
    """ "Norway will contribute more, Eide announced": the words before the attribution's comma."""
    tokens = reading.tokens
    a = min(mention.start, v)
    for _ in range(6):  # back over "Armenian Foreign Ministry spokeswoman" before the name
        if (
            a < 3
            or tokens[a - 1].text == ","
            or tokens[a - 1].lower in VERB_WORDS
            or tokens[a - 1].lower == "that"
        ):
            break
        a -= 1
    if a < 3 or tokens[a - 1].text != ",":
        return None
    text, s, e = _clean(body, reading.sentence.start, tokens[a - 1].start)
    words = text.split()
    return (text, s, e) if len(words) >= 4 and words[0].lower() not in NOT_CONTENT else None


def _according_to(body: str, reading: SentenceReading, said: list[StatementRead]) -> StatementRead | None:
    """ "According to spokesman X, the ministers agreed ...": X's words, unless another speaker's
    verb inside them claims them (the innermost speaker)."""
    tokens = reading.tokens
    if len(tokens) >= 6 and tokens[0].lower != "according":
        return _according_to_after(body, reading, said)
    if len(tokens) < 6 or tokens[0].lower != "according" or tokens[1].lower != "to":
        return None
    mention = next((m for m in reading.mentions if 2 <= m.start <= 5), None)  # "to ministry spokesman X"
    if mention is None or not mention.entity.name or mention.end >= len(tokens) - 3:
        return None
    if tokens[mention.end].text != ",":
        return None
    start = tokens[mention.end + 1].start
    if any(st.start >= start for st in said):
        return None
    text, s, e = _clean(body, start, reading.sentence.end)
    return StatementRead(mention.entity, "indirect", text, s, e) if len(text.split()) >= 2 else None


def _quote(
    body: str,
    reading: SentenceReading,
    speakers: _Speakers,
    qs: int,
    qe: int,
    verbs: list[int],
    attributed: set[int],
    previous_speaker: Entity | None,
    said: list[StatementRead],
) -> list[StatementRead]:
    """A quotation: direct when it stands for the whole utterance, partial when it sits inside reported
    speech; the speaker comes from the attribution next to it."""
    tokens = reading.tokens
    text, s, e = _clean(body, qs, qe)
    if len(text.split()) < 2:
        return []
    token_starts = reading.starts
    first_after = bisect_left(token_starts, qe + 1)
    last_before = bisect_left(token_starts, qs) - 2  # the token before the opening mark
    speaker: Entity | None = None
    mode = "direct"
    # attribution after the quote: ', he said', ', stated Aref', ', Kyrgyz Prime Minister X said'
    k = bisect_left(verbs, first_after)
    if k < len(verbs) and verbs[k] - first_after <= 12:
        m = speakers.around(verbs[k])
        if m is not None:
            speaker = m.entity
            attributed.add(verbs[k])
    if speaker is None and last_before >= 0:
        k = bisect_right(verbs, last_before) - 1
        if k >= 0:
            v = verbs[k]
            m = speakers.around(v)
            speaker = m.entity if m is not None else _clause_subject(reading.mentions, tokens, v, said)
            if speaker is not None:
                lead = [t for t in tokens[v + 1 : last_before + 1] if t.lower not in (":", ",", "that")]
                if m is not None and m.start == v + 1:
                    lead = [t for t in tokens[m.end : last_before + 1] if t.lower not in (":", ",", "that")]
                if lead or not text[:1].isupper():
                    mode = "partial"
                else:
                    attributed.add(v)
    if speaker is None and last_before < 0 and previous_speaker is not None:
        speaker = previous_speaker
    if speaker is None or not speaker.name:
        return []
    return [StatementRead(speaker, mode, text, s, e)]


def _according_to_after(
    body: str, reading: SentenceReading, said: list[StatementRead]
) -> StatementRead | None:
    """ "Japanese firms are keen to invest, according to the diplomat.": the words before the comma."""
    tokens = reading.tokens
    last = reading.mentions[-1] if reading.mentions else None
    if last is None or not last.entity.name or last.start < 4 or said:
        return None
    start = last.start - 2 - (tokens[last.start - 1].lower == "the")
    if start < 2 or tokens[start].lower != "according" or tokens[start + 1].lower != "to":
        return None
    if tokens[start - 1].text != "," or any(t.text not in '.!?"”' for t in tokens[last.end :]):
        return None
    text, s, e = _clean(body, reading.sentence.start, tokens[start - 1].start)
    return StatementRead(last.entity, "indirect", text, s, e) if len(text.split()) >= 4 else None

"""Statements: direct quotes, partial quotes and reported speech after a verb of saying, each with a
named speaker resolved through surnames, pronouns and descriptions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress, count

from services.normalize.domain.entities import Entity, Mention
from services.normalize.domain.lexicon import SAYING_PARTICIPLES, SAYING_VERBS
from services.normalize.domain.reading import SentenceReading
from services.normalize.domain.reported import (
    NEEDS_NEXT,
    SAYING,
    VERB_WORDS,
    StatementRead,
    according_to,
    after_listeners,
    clean_span,
    content_before,
    only_a_tail,
    past_time_phrase,
)
from services.normalize.domain.speakers import Speakers
from services.normalize.domain.tokens import Token, token_lower

PARTICIPLES = SAYING_PARTICIPLES | frozenset({"calling", "pointing"})
TOLD = frozenset({"told", "assured", "informed", "reminded", "briefed"})
SKIP_AFTER_VERB = frozenset({"that", ":", ","})


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


def read_statements(
    body: str, reading: SentenceReading, previous_speaker: Entity | None
) -> list[StatementRead]:
    if VERB_WORDS.isdisjoint(reading.words) and not reading.quotes and "according" not in reading.words:
        return []
    tokens = reading.tokens
    speakers = Speakers(reading)
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
            k = after_listeners(tokens, k)
        while k < len(tokens) and tokens[k].lower in SKIP_AFTER_VERB:
            k += 1
        k = past_time_phrase(tokens, k)
        before = content_before(body, reading, mention, v) if mention and only_a_tail(tokens, k) else None
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
        text, s, e = clean_span(body, tokens[k].start, end)
        if len(text.split()) >= 2:
            out.append(StatementRead(speaker, "indirect", text, s, e))
    according = according_to(body, reading, out)
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


def _quote(
    body: str,
    reading: SentenceReading,
    speakers: Speakers,
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
    text, s, e = clean_span(body, qs, qe)
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

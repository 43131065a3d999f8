"""Where the reported words of a statement lie: after the verb ("said that ..."), before the
attribution ("..., Eide announced"), or around "according to"; and the statement found."""

from __future__ import annotations

from typing import NamedTuple

from services.normalize.domain.entities import Entity, Mention
from services.normalize.domain.lexicon import SAYING_PARTICIPLES, SAYING_VERBS, SAYING_WITH_NEXT
from services.normalize.domain.reading import SentenceReading
from services.normalize.domain.tokens import Token

SAYING = SAYING_VERBS | SAYING_PARTICIPLES
NEEDS_NEXT = SAYING_WITH_NEXT
VERB_WORDS = SAYING | frozenset(NEEDS_NEXT)  # a verb of saying is one of these words


TRAILING = " \t.,;:\"'“”‘’"


class StatementRead(NamedTuple):
    speaker: Entity
    mode: str
    text: str
    start: int  # body offsets of the text
    end: int


LISTENERS = 12  # "told reporters after the roughly 25-minute call that": how far the listeners reach


def after_listeners(tokens: list[Token], k: int) -> int:
    """Past "reporters that" / "him that" after "told": where the reported words start."""
    for j in range(k, min(len(tokens), k + LISTENERS)):
        if tokens[j].lower == "that":
            return j + 1
        if tokens[j].text in ",;:":
            return j
    return k


def clean_span(body: str, start: int, end: int) -> tuple[str, int, int]:
    while start < end and body[start] in TRAILING:
        start += 1
    while end > start and body[end - 1] in TRAILING:
        end -= 1
    return body[start:end], start, end


TAIL_OPENERS = frozenset(
    {"after", "on", "in", "at", "during", "following", "before", "while", "when", "late", "afterwards"}
    | {"afterward", "earlier", "later", "yesterday", "today", "tonight", "this", "last"}
)


NOT_CONTENT = frozenset(
    {"speaking", "addressing", "asked", "responding", "in", "at", "on", "after", "during"}
)


TAIL = 6  # "..., Rubio said afterward, calling ...": words after an attribution that end it


def past_time_phrase(tokens: list[Token], k: int) -> int:
    """Past "on Thursday that" / "in a statement that" after a verb: where the reported words start."""
    if k >= len(tokens) or tokens[k].lower not in TAIL_OPENERS:
        return k
    for j in range(k + 1, min(len(tokens), k + 9)):
        if tokens[j].lower == "that":
            return j + 1
        if tokens[j].text in ",;:.":
            break
    return k


def only_a_tail(tokens: list[Token], k: int) -> bool:
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


def content_before(
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
    text, s, e = clean_span(body, reading.sentence.start, tokens[a - 1].start)
    words = text.split()
    return (text, s, e) if len(words) >= 4 and words[0].lower() not in NOT_CONTENT else None


def according_to(body: str, reading: SentenceReading, said: list[StatementRead]) -> StatementRead | None:
    """ "According to spokesman X, the ministers agreed ...": X's words, unless another speaker's
    verb inside them claims them (the innermost speaker)."""
    tokens = reading.tokens
    if len(tokens) >= 6 and tokens[0].lower != "according":
        return according_to_after(body, reading, said)
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
    text, s, e = clean_span(body, start, reading.sentence.end)
    return StatementRead(mention.entity, "indirect", text, s, e) if len(text.split()) >= 2 else None


def according_to_after(
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
    text, s, e = clean_span(body, reading.sentence.start, tokens[start - 1].start)
    return StatementRead(last.entity, "indirect", text, s, e) if len(text.split()) >= 4 else None

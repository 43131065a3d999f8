"""Time expressions resolved against the publication date.

"on Thursday" is the latest Thursday on or before publication, "yesterday" the day before,
"on March 3" that day of the publication year; "last week" or "in recent years" are vague (None).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import compress, count
from typing import NamedTuple

from services.normalize.domain.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from services.normalize.domain.memo import WordMemo
from services.normalize.domain.tokens import Token, token_text

_MONTH = r"(?:" + "|".join(MONTHS) + r"|(?:" + "|".join(MONTH_ABBREVIATIONS) + r")\.?)"
_WEEKDAY = "|".join(WEEKDAYS)

DATE_RE = re.compile(
    rf"\b(?P<rel>last|next|this|coming|on|later|earlier)?\s?(?:on\s)?(?P<wd>{_WEEKDAY})\b"
    rf"|\b(?P<m1>{_MONTH})\s(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m2>{_MONTH})(?:,?\s(?P<y2>\d{{4}})\b)?"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b"
    r"|\b(?P<yesterday>yesterday)\b"
    r"|\b(?P<today>today|tonight|this (?:morning|afternoon|evening))\b"
    r"|\b(?P<tomorrow>tomorrow|next (?:week|month|year)|later this (?:week|month|year)|in the coming \w+)\b"
    r"|\b(?P<vague>last (?:week|month|year)|earlier this (?:week|month|year)|this (?:week|month)"
    r"|in recent (?:years|months|weeks)|recently|several times|in the past|previously)\b"
    r"|\b(?P<year>(?:in|since|during|from) (?:early |late |mid-)?(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


# "on December 26" in a January article is last December: a yearless date more than half a year
# ahead of publication is read in the year before.
HALF_YEAR = 183


class TimeExpression(NamedTuple):
    start: int  # offset in the text searched
    end: int
    kind: str  # "day", "vague", "future", "year"
    day: date | None


def _weekday(published: date, name: str, rel: str) -> tuple[str, date | None]:
    target = WEEKDAYS.index(name.lower())
    back = (published.weekday() - target) % 7
    if rel in ("next", "coming"):
        return "future", None
    if rel == "last" and back == 0:
        back = 7
    return "day", published - timedelta(days=back)


def _month_day(published: date, month: str, day: str, year: str | None) -> tuple[str, date | None]:
    key = month.lower().rstrip(".")
    number = MONTHS.index(key) + 1 if key in MONTHS else MONTH_ABBREVIATIONS.get(key[:4], 0)
    number = number or MONTH_ABBREVIATIONS.get(key[:3], 0)
    try:
        value = date(int(year) if year else published.year, number, int(day))
    except ValueError:
        return "vague", None
    if value > published and not year and (value - published).days > HALF_YEAR:
        value = value.replace(year=value.year - 1) if not (value.month == 2 and value.day == 29) else value
    if value > published:
        return "future", value
    return "day", value


# Every pattern of DATE_RE contains one of these (lower-cased); a sentence with none skips the regex.
DATE_KEYS = (
    "day",
    "tonight",
    "tomorrow",
    "week",
    "month",
    "year",
    "recent",
    "past",
    "previous",
    "several",
    "morning",
    "afternoon",
    "evening",
    "coming",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
)


def find_times(text: str, published: date | None) -> list[TimeExpression]:
    low = text.lower()
    if not any(key in low for key in DATE_KEYS):
        return []
    out = []
    for m in DATE_RE.finditer(text):
        kind, value = _classify(m, published)
        out.append(TimeExpression(m.start(), m.end(), kind, value))
    return out


# Words one of which every time expression contains; DATE_RE is tried only around them.
ANCHORS = frozenset(
    set(WEEKDAYS)
    | set(MONTHS)
    | set(MONTH_ABBREVIATIONS)
    | {"yesterday", "today", "tonight", "tomorrow", "day", "week", "month", "year", "years", "months"}
    | {"weeks", "recently", "several", "past", "previously", "morning", "afternoon", "evening", "coming"}
)
LEAD_WORDS = 4  # "in mid-2024", "later on Thursday": how far before its anchor an expression starts
# The words a DATE_RE match can begin with (its other matches begin with a digit): a token starting
# with none of their first letters, in any case IGNORECASE matches, is not tried.
FIRST_WORDS = (
    set(WEEKDAYS)
    | set(MONTHS)
    | set(MONTH_ABBREVIATIONS)
    | {"last", "next", "this", "coming", "on", "later", "earlier", "yesterday", "the", "today"}
    | {"tonight", "tomorrow", "in", "recently", "several", "previously", "since", "during", "from"}
)
# Letters besides the ASCII ones that IGNORECASE matches to them: the long s, dotted and dotless i
# and the Kelvin sign.
_FOLDS = {"s": "ſ", "i": "İı", "k": "\u212a"}
DATE_STARTS = frozenset("".join(c + c.upper() + _FOLDS.get(c, "") for c in {word[0] for word in FIRST_WORDS}))


def find_times_in_tokens(
    text: str, published: date | None, tokens: list[Token], offset: int
) -> list[TimeExpression]:
    """What `find_times` finds, matching DATE_RE only at the few tokens before each anchor word
    instead of at every position (`tokens` are the text's, shifted by `offset`)."""
    out: list[TimeExpression] = []
    last_end = 0
    for h in _anchor_candidates(tokens):
        tok = tokens[h]
        if tok.lower not in ANCHORS and not tok.text[0].isdigit():
            if "-" in tok.lower and not ANCHORS.isdisjoint(tok.lower.split("-")):  # "Monday-Tuesday"
                for found in DATE_RE.finditer(text, max(last_end, tok.start - offset), tok.end - offset):
                    kind, value = _classify(found, published)
                    out.append(TimeExpression(found.start(), found.end(), kind, value))
                    last_end = found.end()
            continue
        anchor = tok.start - offset
        if anchor < last_end:
            continue
        for k in range(max(0, h - LEAD_WORDS), h + 1):
            lead = tokens[k]
            pos = lead.start - offset
            if pos < last_end or (lead.text[0] not in DATE_STARTS and not lead.text[0].isdecimal()):
                continue
            m = DATE_RE.match(text, pos)
            if m and m.end() > anchor:
                kind, value = _classify(m, published)
                out.append(TimeExpression(m.start(), m.end(), kind, value))
                last_end = m.end()
                break
    return out


def _anchor_candidates(tokens: list[Token]) -> Iterator[int]:
    """Indexes of the tokens that may anchor a time: anchor words, numbers and hyphenated words
    ("Monday-Tuesday"). Selected with `compress` and `map` over a per-word cache, so other words
    cost no Python step."""
    return compress(count(), map(_MAY_ANCHOR.__getitem__, map(token_text, tokens)))


def _may_anchor(text: str) -> bool:
    low = text.lower()
    return low in ANCHORS or text[0].isdigit() or "-" in low


_MAY_ANCHOR = WordMemo(_may_anchor)


def _classify(m: re.Match[str], published: date | None) -> tuple[str, date | None]:
    g = m.groupdict()
    if g["vague"]:
        return "vague", None
    if g["year"]:
        return "year", None
    if g["tomorrow"]:
        return "future", None
    if published is None:
        return "vague", None
    if g["wd"]:
        return _weekday(published, g["wd"], (g["rel"] or "").lower())
    if g["m1"]:
        return _month_day(published, g["m1"], g["d1"], g["y1"])
    if g["m2"]:
        return _month_day(published, g["m2"], g["d2"], g["y2"])
    if g["iso"]:
        try:
            value = date.fromisoformat(g["iso"])
        except ValueError:
            return "vague", None
        return ("future" if value > published else "day"), value
    if g["yesterday"]:
        return "day", published - timedelta(days=1)
    return "day", published

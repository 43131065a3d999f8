"""Time expressions resolved against the publication date.

"on Thursday" is the latest Thursday on or before publication, "yesterday" the day before,
"on March 3" that day of the publication year; "last week" or "in recent years" are vague (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.normalize.domain.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

_MONTH = r"(?:" + "|".join(MONTHS) + r"|(?:" + "|".join(MONTH_ABBREVIATIONS) + r")\.?)"
_WEEKDAY = "|".join(WEEKDAYS)

DATE_RE = re.compile(
    rf"\b(?P<rel>last|next|this|coming|on|later|earlier)?\s?(?:on\s)?(?P<wd>{_WEEKDAY})\b"
    rf"|\b(?P<m1>{_MONTH})\s(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m2>{_MONTH})(?:,?\s(?P<y2>\d{{4}})\b)?"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b"
    r"|\b(?P<yesterday>yesterday|the day before)\b"
    r"|\b(?P<today>today|tonight|this (?:morning|afternoon|evening))\b"
    r"|\b(?P<tomorrow>tomorrow|next (?:week|month|year)|later this (?:week|month|year)|in the coming \w+)\b"
    r"|\b(?P<vague>last (?:week|month|year)|earlier this (?:week|month|year)|this (?:week|month)"
    r"|in recent (?:years|months|weeks)|recently|several times|in the past|previously)\b"
    r"|\b(?P<year>(?:in|since|during|from) (?:early |late |mid-)?(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TimeExpression:
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
    if value > published:
        return "future", value
    return "day", value


def find_times(text: str, published: date | None) -> list[TimeExpression]:
    out = []
    for m in DATE_RE.finditer(text):
        kind, value = _classify(m, published)
        out.append(TimeExpression(m.start(), m.end(), kind, value))
    return out


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

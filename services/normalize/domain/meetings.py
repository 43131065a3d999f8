"""Meetings that took place: a meeting phrase ("met", "held talks with", "received", "spoke by phone")
that is neither planned, denied nor background, with the people around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from services.normalize.domain.people import Entity
from services.normalize.domain.places import find_city
from services.normalize.domain.reading import SentenceReading

PHONE, VIRTUAL, IN_PERSON = "phone_call", "virtual", "in_person"
# Each pattern is a few fixed words with bounded gaps; none nests a repetition.
TRIGGERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), fmt)
    for p, fmt in (
        (
            r"\b(?:tele)?phoned\b|\bphone (?:call|conversation|talks)\b|\btelephone (?:call|conversation|talks)\b"
            r"|\b(?:spoke|talked|conferred) (?:by|over the|on the) (?:tele)?phone\b|\bcall(?:ed)? (?:with|from)\b",
            PHONE,
        ),
        (r"\b(?:spoke|talked) (?:with|to) [^.;]{1,80}? (?:by|over the|on the|via) (?:tele)?phone\b", PHONE),
        (
            r"\bvideo ?(?:call|conference|link|meeting)\b|\bvideoconference\b|\bvideo-conference\b"
            r"|\bvirtual (?:meeting|talks|summit|call)\b|\bvia video\b|\bonline (?:meeting|talks)\b",
            VIRTUAL,
        ),
        (
            r"\bmet\b|\bmeeting (?:with|between)\b|\btalks (?:with|between)\b|\bheld (?:\w+ )?talks\b"
            r"|\bheld (?:a |an )?(?:\w+ )?(?:meeting|consultations|negotiations)\b|\bconferred with\b"
            r"|\bsat down with\b|\bdiscussed [^.;]{1,80}? with\b|\bexchanged views with\b|\bwelcome to\b"
            r"|\b(?:received|hosted|welcomed|greeted)\b|\bsidelines of\b",
            IN_PERSON,
        ),
    )
]
FORMAT_PRIORITY = {VIRTUAL: 0, PHONE: 1, IN_PERSON: 2}  # "a video call with" is not a phone call
GUEST_VERBS = frozenset({"received", "hosted", "welcomed", "greeted"})
FUTURE_OR_DENIED = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|scheduled|expected|set|due|upcoming|next|intends?|"
    r"hopes?|ready|may|might|could|should|invited|invitation|invite|proposed|possible|potential|ahead|prepare|"
    r"preparing|forward|not|never|no|denied|denies|deny|postponed|cancell?ed|called off|refused|rejected|"
    r"failed|unconfirmed|reportedly|rumou?red|declined|without|whether|if|future)\b|n't\b|\bto\s(?:\w+\s){0,2}$",
    re.IGNORECASE,
)
FUTURE_AFTER = re.compile(
    r"^[^,;]{0,60}\b(?:scheduled|planned|expected|is due|next|tomorrow)\b", re.IGNORECASE
)
CALLED_OFF = re.compile(
    r"\b(?:postponed|cancell?ed|called off|denied|did not take place|never took place|fabricated|"
    r"no such meeting|has not met|have not met|did not meet)\b",
    re.IGNORECASE,
)
PERFECT = re.compile(r"\b(?:have|has|had)\s(?:\w+\s)?met\b|\bhave held\b|\bhas held\b", re.IGNORECASE)


@dataclass
class MeetingRead:
    participants: list[Entity]
    countries: set[str]
    day: date | None
    dated: bool  # a time expression placed it (even a vague past one)
    fmt: str
    location: tuple[str, str | None] | None
    sentences: list[int] = field(default_factory=list)


def _trigger(text: str) -> tuple[re.Match[str], str] | None:
    found: tuple[re.Match[str], str] | None = None
    for pattern, fmt in sorted(TRIGGERS, key=lambda t: FORMAT_PRIORITY[t[1]]):
        m = pattern.search(text)
        if m and (found is None or fmt != IN_PERSON):
            return m, fmt
        if m and found is None:
            found = (m, fmt)
    return found


def _blocked(text: str, start: int, end: int) -> bool:
    """Planned, invited, denied or cancelled: a cue in the clause before the phrase or right after."""
    clause_start = max(text.rfind(";", 0, start), text.rfind(":", 0, start), start - 60, 0)
    window = text[clause_start:start]
    if FUTURE_OR_DENIED.search(window) or FUTURE_OR_DENIED.search(text[start:end]):
        return True
    if CALLED_OFF.search(text):
        return True
    return bool(FUTURE_AFTER.search(text[end : end + 80]))


def read_meeting(reading: SentenceReading, published: date | None) -> MeetingRead | None:
    text = reading.sentence.text
    found = _trigger(text)
    if found is None:
        return None
    m, fmt = found
    if _blocked(text, m.start(), m.end()):
        return None
    offset = reading.sentence.start
    people: list[Entity] = []
    for mention in reading.mentions:
        if mention.entity not in people:
            people.append(mention.entity)
    word = m.group().split()[0].lower()
    if word in GUEST_VERBS and not any(
        x.start > 0 and reading.tokens[x.start].start >= offset + m.end() for x in reading.mentions
    ):
        return None
    times = [t for t in reading.times if t.kind != "year"]
    if any(t.kind == "future" for t in times) and not any(t.kind == "day" for t in times):
        return None
    day_time = reading.first_day()
    if day_time is None and (PERFECT.search(text) or any(t.kind == "year" for t in reading.times)):
        return None
    person_tokens = {i for x in reading.mentions for i in range(x.start, x.end)}
    location = None if fmt != IN_PERSON else find_city(reading.tokens, person_tokens)
    countries: set[str] = set()
    if not people:  # "The US, Russia, and Switzerland met yesterday"
        subject = [h for h in reading.countries if reading.tokens[h.start].start < offset + m.start()]
        countries = {h.code for h in subject if h.kind == "name" and not h.possessive}
    elif len(people) == 1:
        return None
    _fill_countries(people, reading, location)
    countries |= {p.country for p in people if p.country}
    if len(countries) < 2:
        return None
    return MeetingRead(
        people, countries, day_time.day if day_time else None, bool(times), fmt, location, [reading.index]
    )


def _fill_countries(
    people: list[Entity], reading: SentenceReading, location: tuple[str, str | None] | None
) -> None:
    """An official with no country of their own is from the host country or the other country named."""
    known = {p.country for p in people if p.country}
    for person in people:
        if person.country:
            continue
        candidates = [location[1]] if location and location[1] else []
        candidates += [h.code for h in reading.countries]
        choice = next((c for c in candidates if c not in known), None)
        if choice and person.title:
            person.country = choice
            known.add(choice)

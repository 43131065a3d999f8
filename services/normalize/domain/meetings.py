"""Meetings that took place: a meeting phrase ("met", "held talks with", "received", "spoke by phone")
that is neither planned, denied nor background, with the people around it."""

from __future__ import annotations

import re
from bisect import bisect_left
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
            r"|\b(?:received|hosted|welcomed|greeted)\b",
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
    return bool(FUTURE_AFTER.search(text[end : end + 80]))


MAX_TRIGGERS = 8
OBJECT_STOP = frozenset(
    {"who", "which", "whose", ";", "said", "says", "told", "saying", "adding", "after", "before"}
)


def _triggers(text: str) -> list[tuple[int, int, str]]:
    """The meeting phrases of the sentence, left to right, overlaps removed (video before phone); at
    most MAX_TRIGGERS, far more than any real sentence holds."""
    matches = sorted(
        (m.start(), FORMAT_PRIORITY[fmt], m.end(), fmt)
        for pattern, fmt in TRIGGERS
        for m in pattern.finditer(text)
    )
    found: list[tuple[int, int, str]] = []
    for start, priority, end, fmt in matches:
        if found and start < found[-1][1]:
            if priority < FORMAT_PRIORITY[found[-1][2]]:
                found[-1] = (start, end, fmt)
            continue
        found.append((start, end, fmt))
        if len(found) == MAX_TRIGGERS:
            break
    return found


def _first_token(reading: SentenceReading, char: int) -> int:
    return bisect_left([t.start for t in reading.tokens], char)


def _object_groups(reading: SentenceReading, lo: int, hi: int) -> list[list[Entity]]:
    """People met after a phrase: "with A and with B" are two meetings, "with A and B" one."""
    groups: list[list[Entity]] = [[]]
    prev_end = lo
    for mention in reading.mentions:
        if mention.start < lo or mention.start >= hi:
            continue
        gap = reading.tokens[prev_end : mention.start]
        if any(t.lower in OBJECT_STOP for t in gap):
            break
        if groups[-1] and any(t.lower == "with" for t in gap):
            groups.append([])
        if mention.entity not in groups[-1]:
            groups[-1].append(mention.entity)
        prev_end = mention.end
    return [g for g in groups if g]


def read_meetings(reading: SentenceReading, published: date | None, home: str | None) -> list[MeetingRead]:
    """The meetings one sentence reports; `home` is the dateline's country."""
    text = reading.sentence.text
    offset = reading.sentence.start
    triggers = [t for t in _triggers(text) if not _blocked(text, t[0], t[1])]
    if not triggers or CALLED_OFF.search(text):
        return []
    times = [t for t in reading.times if t.kind != "year"]
    if any(t.kind == "future" for t in times) and not any(t.kind == "day" for t in times):
        return []
    day_time = reading.first_day()
    if day_time is None and (PERFECT.search(text) or any(t.kind == "year" for t in reading.times)):
        return []
    positions = [_first_token(reading, offset + a) for a, _, _ in triggers] + [len(reading.tokens)]
    before = [x for x in reading.mentions if x.end <= positions[0]]
    subject = before[-1].entity if before else None
    person_tokens = {i for x in reading.mentions for i in range(x.start, x.end)}
    out = []
    met: set[int] = set()
    city: tuple[tuple[str, str | None] | None] | None = None
    for n, (a, b, fmt) in enumerate(triggers):
        groups = _object_groups(reading, positions[n], positions[n + 1])
        if subject is None and n > 0:  # "On the sidelines of the summit, A met B"
            earlier = [
                x.entity for x in reading.mentions if x.end <= positions[n] and id(x.entity) not in met
            ]
            subject = earlier[-1] if earlier else None
        met.update(id(p) for g in groups for p in g)
        word = text[a:b].split()[0].lower()
        if word in GUEST_VERBS and not groups:
            continue
        if fmt == IN_PERSON and city is None:
            city = (find_city(reading.tokens, person_tokens),)
        location = city[0] if fmt == IN_PERSON and city else None
        for group in groups or [[]]:
            people = ([subject] if subject and subject not in group else []) + group
            countries: set[str] = set()
            if not people:  # "The US, Russia, and Switzerland met yesterday"
                subject_hits = [h for h in reading.countries if reading.tokens[h.start].start < offset + a]
                countries = {h.code for h in subject_hits if h.kind == "name" and not h.possessive}
            elif len(people) == 1:
                continue
            _fill_countries(people, reading, location, home)
            countries |= {p.country for p in people if p.country}
            if len(countries) >= 2:
                day = day_time.day if day_time else None
                out.append(MeetingRead(people, countries, day, bool(times), fmt, location, [reading.index]))
    return out


def _fill_countries(
    people: list[Entity], reading: SentenceReading, location: tuple[str, str | None] | None, home: str | None
) -> None:
    """An official with no country of their own is from the host country or the other country named."""
    known = {p.country for p in people if p.country}
    for person in people:
        if person.country:
            continue
        candidates = [location[1]] if location and location[1] else []
        candidates += [h.code for h in reading.countries if h.kind != "adjective" or not h.possessive]
        candidates += [home] if home else []
        choice = next((c for c in candidates if c not in known), None)
        if choice and person.title:
            person.country = choice
            known.add(choice)

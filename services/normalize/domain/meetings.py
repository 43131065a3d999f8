"""Meetings that took place: a meeting phrase ("met", "held talks with", "received", "spoke by phone")
that is neither planned, denied nor background, with the people around it."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

from services.normalize.domain.countries import match_country
from services.normalize.domain.entities import Entity
from services.normalize.domain.lexicon import SAYING_VERBS
from services.normalize.domain.meeting_phrases import (
    CALLED_OFF_CUE,
    CONTINUED_CUE,
    CUE_WORDS,
    DAY_SHIFT_CUE,
    GUEST_VERBS,
    IN_PERSON,
    OBJECT_STOP,
    PERFECT_CUE,
    PHONE,
    PRESENT_PERFECT_CUE,
    SAME_DAY_CUE,
    THE_TWO,
    THE_TWO_CUE,
    VIRTUAL,
    for_a_later_event,
    has_meeting_cue,
    is_blocked,
    meeting_triggers,
)
from services.normalize.domain.places import find_city
from services.normalize.domain.reading import SentenceReading
from services.normalize.domain.titles import HEADS
from services.normalize.domain.tokens import Token

RELATIVE_BEFORE = re.compile(r"\b(?:whose|which|who)\b[^,]*$", re.IGNORECASE)
EARLIER_EVENT = re.compile(
    r"\b(?:following|after|before|ahead of|prior to) (?:the|a|an|their|his|her) $", re.IGNORECASE
)
WRITTEN = re.compile(r" an? (?:\w+ ){0,2}(?:message|letter|cable|invitation|greetings|congratulations)\b")
RECENT_PERIOD = re.compile(r"(?:last|earlier this|this) (?:week|month)\b", re.IGNORECASE)
PHRASE_PREPOSITIONS = frozenset(
    {"as", "while", "amid", "when", "where", "despite", "following", "on", "for", "about", "over"}
    | {"regarding", "during", "ahead", "to", "in", "at"}
)
CLAUSE_OPENERS = frozenset(
    {"the", "a", "an", "which", "where", "as", "while", "amid", "after", "before", "who"}
)

__all__ = ["IN_PERSON", "PHONE", "VIRTUAL", "MeetingRead", "has_meeting_cue", "read_meetings"]


@dataclass
class MeetingRead:
    participants: list[Entity]
    countries: set[str]
    day: date | None
    dated: bool  # a time expression placed it (even a vague past one)
    fmt: str
    location: tuple[str, str | None] | None
    sentences: list[int] = field(default_factory=list)
    follows: MeetingRead | None = None  # "the same day", "later", "also met": on the day of this one


def _possessive_object(reading: SentenceReading, position: int) -> bool:
    """The first person after the phrase is in the possessive ("welcomed Minister X's visit")."""
    after = [m for m in reading.mentions if m.start > position]
    return bool(after) and _possessive_at(reading, after[0].end)


def _of_object(reading: SentenceReading, position: int) -> bool:
    """ "welcomed the election of President X": the person is the object of "of", not of the verb."""
    after = [m for m in reading.mentions if m.start > position]
    if not after or after[0].start < 2:
        return False
    before = reading.tokens[after[0].start - 1].lower, reading.tokens[after[0].start - 2].lower
    return before[0] == "of" and before[1] not in ("honour", "honor", "behalf")  # "in honour of X" is X


def _first_token(reading: SentenceReading, char: int) -> int:
    return bisect_left(reading.starts, char)


def _object_groups(reading: SentenceReading, lo: int, hi: int, has_subject: bool) -> list[list[Entity]]:
    """People met after a phrase: "with A and with B" are two meetings, "with A and B" one."""
    groups: list[list[Entity]] = [[]]
    prev_end = lo
    for mention in reading.mentions:
        if mention.start < lo or mention.start >= hi:
            continue
        gap = reading.tokens[prev_end : mention.start]
        if (
            any(t.lower in OBJECT_STOP for t in gap)
            or _new_phrase(gap)
            or (  # "the prime minister's office" ends the list; "an official of Benin's ministry" does not
                _possessive_at(reading, mention.end)
                and (mention.kind != "description" or reading.tokens[mention.end - 1].lower in HEADS)
            )
        ):
            break  # ", on the agenda for President X's summit with Y": not the people met
        after = reading.tokens[mention.end].lower if mention.end < len(reading.tokens) else ""
        if (
            has_subject and after in SAYING_VERBS and after != "welcomed"
        ):  # ", Misri added": a speaker, not a guest
            break
        if groups[-1] and any(t.lower == "with" for t in gap):
            groups.append([])
        if mention.entity not in groups[-1]:
            groups[-1].append(mention.entity)
        prev_end = mention.end
    return [g for g in groups if g]


def _possessive_at(reading: SentenceReading, end: int) -> bool:
    return end < len(reading.tokens) and reading.tokens[end].lower in ("'s", "’s")


def _new_phrase(gap: list[Token]) -> bool:
    """A comma and then a preposition other than "with", or "to" before a verb ("to prepare a visit
    by President X"): a new phrase, not the list of people met."""
    return any(
        (a.text == "," and b.lower in PHRASE_PREPOSITIONS) or (a.lower == "to" and b.text.islower())
        for a, b in zip(gap, gap[1:], strict=False)
    )


def _subjects(reading: SentenceReading, first: int) -> list[Entity]:
    """The people before the first meeting phrase: the last one, with any joined to it by "and"
    ("Prime Minister X and his Australian counterpart Y held ...")."""
    before = [x for x in reading.mentions if x.end <= first]
    if before and _possessive_at(reading, before[-1].end) and first != before[-1].end + 1:
        before = before[:-1]  # "... Khrenin's visit in a telephone conversation"; not "X's talks with Y"
    if not before:
        return []
    out = [before[-1].entity]
    for prev, cur in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        gap = reading.tokens[prev.end : cur.start]
        listed = _country_between(reading, prev.end, cur.start)  # "of Uruguay, X, and Paraguay, Y"
        paired = prev.start == cur.start or listed  # "the Kyrgyz and Tajik leaders"
        joined = paired or (bool(gap) and gap[0].lower in ("and", ",") and len(gap) <= 3)
        if not joined or (not listed and any(t.is_cap or t.lower in SAYING_VERBS for t in gap[1:])):
            break
        if prev.entity in out:
            break
        out.insert(0, prev.entity)
    return out


def _day_shift(text: str, words: frozenset[str]) -> int | None:
    """+1 for "the next day", -1 for "the day before": days from the meeting reported before."""
    found = DAY_SHIFT_CUE.search(text, words)
    if found is None:
        return None
    return -1 if found.group().lower().endswith(("before", "earlier")) else 1


def _country_between(reading: SentenceReading, lo: int, hi: int) -> bool:
    """The tokens between two people are ", and <Country>," (a list of people by country)."""
    words = [k for k in range(lo, hi) if reading.tokens[k].lower not in (",", "and")]
    if not words:
        return False
    hit = match_country(reading.tokens, words[0])
    return hit is not None and hit.end == words[-1] + 1 and not hit.possessive


def named_people(reading: SentenceReading) -> list[Entity]:
    """The distinct named people of a sentence, in order."""
    out: list[Entity] = []
    for mention in reading.mentions:
        if mention.entity.name and mention.entity not in out:
            out.append(mention.entity)
    return out


def read_meetings(
    reading: SentenceReading,
    published: date | None,
    home: str | None,
    previous: MeetingRead | None = None,
    before: SentenceReading | None = None,
) -> list[MeetingRead]:
    """The meetings one sentence reports; `home` is the dateline's country, `previous` the meeting
    reported before and `before` the sentence before, whose named people are "the two leaders" when
    no meeting was reported before."""
    text = reading.sentence.text
    if CUE_WORDS.isdisjoint(reading.words):
        return []
    offset = reading.sentence.start
    triggers = [t for t in meeting_triggers(text, reading.words) if not is_blocked(text, t[0], t[1])]
    words = reading.words
    if not triggers or CALLED_OFF_CUE.search(text, words):
        return []
    times = [t for t in reading.times if t.kind != "year"]
    if any(t.kind == "future" and not for_a_later_event(text, t.start) for t in times) and not any(
        t.kind == "day" for t in times
    ):
        return []
    day_time = reading.first_day()
    shift = _day_shift(text, words) if day_time is None and previous is not None else None
    placed = day_time is not None or (
        previous is not None
        and previous.day is not None
        and (shift is not None or SAME_DAY_CUE.search(text, words) is not None)  # "Later the same day"
    )
    recent = any(t.kind == "vague" and RECENT_PERIOD.match(text, t.start) for t in reading.times)
    if not placed and (
        (PERFECT_CUE.search(text, words) and not recent) or any(t.kind == "year" for t in reading.times)
    ):
        return []  # "have met several times since 2023"; not "had discussed it by phone earlier this month"
    perfect = PRESENT_PERFECT_CUE.search(text, words)
    if perfect and RELATIVE_BEFORE.search(text, max(0, perfect.start() - 30), perfect.start()):
        perfect = None  # "Aripov, whose country has held observer status since 2020": another clause
    if perfect and not any(
        t.kind == "day" and 0 <= t.start - perfect.end() < 60 and "," not in text[perfect.end() : t.start]
        for t in times
    ):
        return []
    positions = [_first_token(reading, offset + a) for a, _, _ in triggers] + [len(reading.tokens)]
    subjects = _subjects(reading, positions[0])
    if not subjects and THE_TWO_CUE.search(text, words, triggers[0][0]):
        named_before = named_people(before) if previous is None and before is not None else []
        if previous is not None:
            subjects = list(previous.participants)
        elif named_before and len({p.country for p in named_before[:2]}) == 2:
            subjects = named_before[:2]  # "Trump will host Netanyahu ... The two leaders spoke by phone"
    subject = subjects[-1] if subjects else None
    same_place = None
    follows = None
    if day_time is None and previous is not None and SAME_DAY_CUE.search(text, words):
        follows = previous
        same_place = previous.location
    elif day_time is None and previous is not None and reading.index - previous.sentences[-1] <= 4:
        follows = previous if CONTINUED_CUE.search(text, words) else None
    same_day = day_time.day if day_time else (follows.day if follows else None)
    if shift is not None and previous is not None and previous.day is not None:
        same_day = previous.day + timedelta(days=shift)  # "The next day, X was received by Y"
    person_tokens = {i for x in reading.mentions for i in range(x.start, x.end)}
    out: list[MeetingRead] = []
    met: set[int] = set()
    city: tuple[tuple[str, str | None] | None] | None = None
    for n, (a, b, fmt) in enumerate(triggers):
        if EARLIER_EVENT.search(text, max(0, a - 30), a):
            continue  # "Following the video teleconference meeting, X held a telephone talk with Y"
        if text[a:b] == "agreed" and (n > 0 or len(subjects) < 2 or not times):
            continue  # "Turkey and Azerbaijan agreed ..., Fidan said after talks with ...": no pair of people
        groups = _object_groups(reading, positions[n], positions[n + 1], bool(subjects))
        if subject is None and n > 0:  # "On the sidelines of the summit, A met B"
            earlier = [
                x.entity for x in reading.mentions if x.end <= positions[n] and id(x.entity) not in met
            ]
            subject = earlier[-1] if earlier else None
        met.update(id(p) for g in groups for p in g)
        word = text[a:b].split()[0].lower()
        if word in GUEST_VERBS and not groups and previous is not None:
            # "Trump received the two ministers": the guests of the meeting reported before
            after_phrase = text[b : b + 40]
            the_two = THE_TWO.match(after_phrase.lstrip())
            if the_two:
                guests = [p for p in previous.participants if p is not subject]
                kind = the_two.group().split()[-1].rstrip("s")  # "ministers" -> "minister"
                guests = [p for p in guests if kind in (p.title or "").lower()] or guests
                groups = [guests] if len(guests) >= 2 else []
        if word in GUEST_VERBS and (
            not groups
            or _possessive_object(reading, positions[n])
            or _of_object(reading, positions[n])
            or WRITTEN.match(text, b) is not None  # "received a congratulatory message from X"
        ):
            continue  # "welcomed the minister's visit", "welcomed the election of X": no meeting of its own
        if word == "agreed":  # "A and his Danish counterpart B agreed on Tuesday to ...": they met
            groups = []
        if fmt == IN_PERSON and city is None:
            city = (find_city(reading.tokens, person_tokens, _clause_end(reading, positions[n])),)
        location = city[0] if fmt == IN_PERSON and city else None
        if location is None and fmt == IN_PERSON and same_place:
            location = same_place  # "He also met X the same day": where the previous meeting was
        for group in groups or [[]]:
            lead = subjects if n == 0 else ([subject] if subject else [])
            if word == "joined" and out:  # "..., and the two were later joined by X"
                lead = list(out[-1].participants)
            people = [p for p in lead if p not in group] + group
            countries: set[str] = set()
            if not people:  # "The US, Russia, and Switzerland met yesterday"
                subject_hits = [h for h in reading.countries if reading.tokens[h.start].start < offset + a]
                countries = {h.code for h in subject_hits if h.kind == "name" and not h.possessive}
            elif len(people) == 1:
                continue
            _fill_countries(people, reading, location, home, set(map(id, lead)))
            countries |= {p.country for p in people if p.country}
            if len(countries) >= 2:
                out.append(
                    MeetingRead(
                        people, countries, same_day, bool(times), fmt, location, [reading.index], follows
                    )
                )
    return _remote_format(out, triggers)


def _clause_end(reading: SentenceReading, position: int) -> int:
    """The first comma after the meeting phrase that opens a new clause (", the second stop of a
    tour focused on the war in Gaza"), not one inside a name or an apposition of a person."""
    person = {i for x in reading.mentions for i in range(x.start, x.end + 1)}
    for k in range(position, len(reading.tokens) - 1):
        tok = reading.tokens[k]
        if (
            tok.text == ","
            and k not in person
            and k + 1 not in person
            and (reading.tokens[k + 1].lower in CLAUSE_OPENERS or reading.tokens[k + 1].lower.endswith("ing"))
        ):
            return k
    return len(reading.tokens)


def _remote_format(found: list[MeetingRead], triggers: list[tuple[int, int, str]]) -> list[MeetingRead]:
    """ "A and B agreed on Thursday ..., during a video conference": one meeting, held by video. When
    the sentence's only call or video phrase gave no meeting of its own, its format is the meeting's."""
    remote = {fmt for _, _, fmt in triggers if fmt != IN_PERSON}
    if len(found) == 1 and len(remote) == 1 and found[0].fmt == IN_PERSON:
        found[0].fmt, found[0].location = remote.pop(), None
    return found


def _fill_countries(
    people: list[Entity],
    reading: SentenceReading,
    location: tuple[str, str | None] | None,
    home: str | None,
    leads: set[int],
) -> None:
    """An official with no country of their own is from the dateline's country when they lead the
    sentence ("DHAKA - Chief Adviser X met ..."), else from the host country or another one named."""
    known = {p.country for p in people if p.country}
    for person in people:
        if person.country:
            continue
        candidates = [home] if home and id(person) in leads else []
        on_the_sidelines = not {"sidelines", "margins", "forum"}.isdisjoint(reading.words)
        if on_the_sidelines:  # a forum's host country is nobody's country by default
            candidates = [c for c in candidates if c != (location[1] if location else None)]
        else:
            candidates += [location[1]] if location and location[1] else []
            candidates += [h.code for h in reading.countries if h.kind != "adjective" or not h.possessive]
            candidates += [home] if home else []
        choice = next((c for c in candidates if c not in known), None)
        if choice and person.title:
            person.country = choice
            known.add(choice)

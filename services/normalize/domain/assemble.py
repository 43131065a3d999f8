"""Walks the article sentence by sentence and turns what the readers found into event payloads."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from services.normalize.domain.countries import find_countries
from services.normalize.domain.entities import Entity, Registry
from services.normalize.domain.meetings import IN_PERSON, MeetingRead, has_meeting_cue, read_meetings
from services.normalize.domain.places import dateline_city, dateline_end
from services.normalize.domain.reading import SentenceReading, read_sentence
from services.normalize.domain.sentences import find_quotes, split_sentences
from services.normalize.domain.statements import StatementRead, read_statements
from services.normalize.domain.tokens import token_start, tokenize
from services.normalize.domain.topics import ordered_topics, window_topics
from shared.events import Evidence, Location, MeetingFacts, Participant, StatementFacts

# "Congo" and "Congolese" alone mean the larger Democratic Republic of the Congo unless the article
# speaks of Brazzaville or the (non-democratic) Republic of Congo.
BRAZZAVILLE_RE = re.compile(r"Brazzaville|(?<!Democratic )Republic of (?:the )?Congo")
# r"\b(?:also|too) (?:took part|...)\b" case-insensitively, written to begin with a plain character
# set so the regex engine skips ahead to an "a" or "t" (about 1.5x faster on every sentence); "ſ" is
# the long s that IGNORECASE also matches to "s".
TOOK_PART_RE = re.compile(
    r"[aAtT](?<=\b[aAtT])(?:(?<=[aA])[lL][sS\u017f][oO]|(?<=[tT])[oO][oO])"
    r" (?i:took part|participated|attended|joined)\b"
    r"|(?i:\b(?:was|were) also (?:at the table|present)\b)"
)
TOOK_PART_WORDS = frozenset({"took", "participated", "attended", "joined", "present", "table"})
ATTENDED_RE = re.compile(
    r"\b(?:was|were) (?:also )?(?:attended by|present at the (?:meeting|talks))"
    r"|\balso (?:attended|took part in|participated in|joined) the (?:meeting|talks)\b"
)
MEETING_WORD_RE = re.compile(r"\b(?:meeting|talks|met|call|conversation)\b", re.IGNORECASE)


def assemble(
    body: str, published: date | None
) -> tuple[tuple[MeetingFacts, ...], tuple[StatementFacts, ...]]:
    quotes = find_quotes(body)
    sentences = split_sentences(body, quotes)
    registry = Registry(published.year if published else None)
    readings: list[SentenceReading] = []
    statements: list[tuple[StatementRead, SentenceReading]] = []
    meetings: list[MeetingRead] = []
    previous_speaker: Entity | None = None
    dateline = dateline_city(body)
    home = _home_country(dateline)
    registry.home = home
    time_floor = dateline_end(body)
    tokens = tokenize(body)  # once for the article; each sentence takes its slice
    token_starts = list(map(token_start, tokens))
    lo = 0
    before: SentenceReading | None = None
    for index, sentence in enumerate(sentences):
        lo = bisect_left(token_starts, sentence.start, lo)
        hi = bisect_left(token_starts, sentence.end, lo)
        reading = read_sentence(index, sentence, quotes, published, registry, time_floor, tokens[lo:hi])
        readings.append(reading)
        found = read_statements(body, reading, previous_speaker)
        if found:
            statements.extend((s, reading) for s in found)
            previous_speaker = found[-1].speaker
        else:
            previous_speaker = None
        found_meetings = read_meetings(reading, published, home, meetings[-1] if meetings else None, before)
        before = reading
        if found_meetings:
            meetings.extend(found_meetings)
        elif meetings:
            _took_part(meetings, reading)
        if found:
            registry.last_subject = previous_speaker
        else:
            for mention in reading.mentions:
                if mention.kind == "name" and mention.entity.name:
                    registry.last_subject = mention.entity
                    break
    _date_from_next_sentence(meetings, readings)
    _named_after(meetings, readings)
    for meeting in meetings:
        if meeting.day is None and meeting.follows is not None:
            meeting.day = meeting.follows.day
    if "Congo" in body and not BRAZZAVILLE_RE.search(body):
        _congo_is_drc(registry, meetings)
    merged = _merge(meetings)
    people: dict[tuple[str | None, str | None, str | None], Participant] = {}
    meeting_facts = tuple(_meeting_facts(m, body, readings, dateline, merged, people) for m in merged)
    # "Rohan Mehra, a fellow at a think tank": an analyst's words are not an official's statements.
    statement_facts = tuple(_statement_facts(s, r, body, people) for s, r in statements if s.speaker.official)
    return meeting_facts, statement_facts


def _congo_is_drc(registry: Registry, meetings: list[MeetingRead]) -> None:
    for entity in registry.entities:
        if entity.country == "COG":
            entity.country = "COD"
    for meeting in meetings:
        if "COG" in meeting.countries:
            meeting.countries = (meeting.countries - {"COG"}) | {"COD"}


def _home_country(dateline: tuple[str, str | None] | None) -> str | None:
    """The country of a dateline city that is a capital ("BERLIN") or a city-state ("KUWAIT")."""
    if dateline is None:
        return None
    if dateline[1]:
        return dateline[1]
    hits = find_countries(tokenize(dateline[0]))
    return hits[0].code if len(hits) == 1 and hits[0].kind == "name" else None


def _named_after(meetings: list[MeetingRead], readings: list[SentenceReading]) -> None:
    """ "The foreign ministers of Paraguay, Uruguay and Bolivia met ..." and then "Host X said",
    "Bolivia's top diplomat, Y, said": the people of a meeting first given only by its countries are
    the first officials of those countries named in the next few sentences."""
    for meeting in meetings:
        if meeting.participants or len(meeting.countries) < 2:
            continue
        first = meeting.sentences[-1]
        people: dict[str, Entity] = {}
        for reading in readings[first + 1 : first + 6]:
            for mention in reading.mentions:
                person = mention.entity
                if person.name and person.official and person.country in meeting.countries:
                    people.setdefault(person.country, person)
        if len(people) >= 2:
            meeting.participants = list(people.values())


def _date_from_next_sentence(meetings: list[MeetingRead], readings: list[SentenceReading]) -> None:
    """ "X met Y." followed by "In the Thursday meeting, ..." dates the meeting; so does a sentence
    before it that sets the scene ("Ministers signed a deal on Friday. X and Y met with Z before
    the signing.")."""
    starts = {m.sentences[0] for m in meetings}
    for meeting in meetings:
        if meeting.day or meeting.dated:
            continue
        nxt = meeting.sentences[0] + 1
        if nxt < len(readings) and nxt not in starts:
            reading = readings[nxt]
            day = reading.first_day()
            if day and MEETING_WORD_RE.search(reading.sentence.text):
                meeting.day = day.day
                continue
        before = meeting.sentences[0] - 1
        if before >= 0 and before not in starts:
            reading = readings[before]
            day = reading.first_day()
            if day and has_meeting_cue(reading.tokens):
                meeting.day = day.day


def _took_part(meetings: list[MeetingRead], reading: SentenceReading) -> None:
    """ "A representative of the Palestinian Authority also took part": one more state at the table;
    "The meeting was also attended by Fidan": one more person (of the latest of `meetings`, which is
    not empty)."""
    if TOOK_PART_WORDS.isdisjoint(reading.words):
        return
    latest = meetings[-1]
    distance = reading.index - latest.sentences[-1]
    text = reading.sentence.text
    if distance <= 2 and TOOK_PART_RE.search(text):
        latest.countries = latest.countries | {h.code for h in reading.countries}
    if distance <= 8 and ATTENDED_RE.search(text):  # "... was present at the meeting": named outright
        for mention in reading.mentions:
            person = mention.entity
            if person.name and person.country and person not in latest.participants:
                latest.participants.append(person)
                latest.countries = latest.countries | {person.country}


def _merge(meetings: list[MeetingRead]) -> list[MeetingRead]:
    """Sentences that report the same people meeting on the same (or an unknown) day are one meeting."""
    out: list[MeetingRead] = []
    for meeting in meetings:
        key = {id(p) for p in meeting.participants}
        for kept in out:
            if not kept.participants and meeting.participants and kept.countries == _countries_of(meeting):
                # "The ministers of A, B and C met on Monday. X hosted Y and Z ..."
                kept.participants = meeting.participants
                kept.sentences += meeting.sentences
                kept.location = kept.location or meeting.location
                break
            same_people = {id(p) for p in kept.participants} == key and (
                key or kept.countries == meeting.countries
            )
            # "earlier this month" (dated, no day) sets a meeting apart from one on Wednesday
            undated = (kept.day is None and not kept.dated) or (meeting.day is None and not meeting.dated)
            same_day = kept.day == meeting.day or undated
            if same_people and same_day and kept.fmt == meeting.fmt:
                kept.day = kept.day or meeting.day
                kept.location = kept.location or meeting.location
                kept.sentences += meeting.sentences
                break
        else:
            out.append(meeting)
    return out


def _countries_of(meeting: MeetingRead) -> set[str]:
    return set(meeting.countries) | {p.country for p in meeting.participants if p.country}


def _meeting_facts(
    meeting: MeetingRead,
    body: str,
    readings: list[SentenceReading],
    dateline: tuple[str, str | None] | None,
    merged: list[MeetingRead],
    people: dict[tuple[str | None, str | None, str | None], Participant],
) -> MeetingFacts:
    countries = set(meeting.countries) | {p.country for p in meeting.participants if p.country}
    location = meeting.location or (dateline if meeting.fmt == IN_PERSON else None)
    evidence = [readings[i].sentence for i in meeting.sentences]
    following = [m.sentences[0] for m in merged if m.sentences[0] > meeting.sentences[0]]
    stop = min(following, default=min(len(readings), meeting.sentences[0] + 6))
    topics = window_topics([(r.tokens, r.words) for r in readings[meeting.sentences[0] : stop]])
    return MeetingFacts(
        participants=tuple(_participant(people, p) for p in meeting.participants),
        countries=tuple(sorted(countries)),
        date=meeting.day,
        location=Location(name=location[0], country=location[1]) if location else None,
        format=meeting.fmt,  # type: ignore[arg-type]
        topics=ordered_topics(topics),
        evidence=tuple(Evidence(start=s.start, end=s.end, text=body[s.start : s.end]) for s in evidence),
    )


def _statement_facts(
    statement: StatementRead,
    reading: SentenceReading,
    body: str,
    people: dict[tuple[str | None, str | None, str | None], Participant],
) -> StatementFacts:
    speaker = statement.speaker
    tokens = reading.tokens
    about = {h.code for h in reading.countries if statement.start <= tokens[h.start].start < statement.end}
    if speaker.country:
        about.add(speaker.country)
    day = reading.first_day()
    sentence = reading.sentence
    return StatementFacts(
        speaker=_participant(people, speaker),
        mode=statement.mode,  # type: ignore[arg-type]
        text=statement.text,
        date=day.day if day else None,
        about=tuple(sorted(about)),
        evidence=(
            Evidence(start=sentence.start, end=sentence.end, text=body[sentence.start : sentence.end]),
        ),
    )


def _participant(
    people: dict[tuple[str | None, str | None, str | None], Participant], person: Entity
) -> Participant:
    """A person as the facts show them: one (frozen) instance per distinct name, title and country of
    the article, as the same speakers and participants recur in many facts."""
    key = (person.name, person.title, person.country)
    found = people.get(key)
    if found is None:
        found = people[key] = Participant(name=key[0], title=key[1], country=key[2])
    return found

"""Walks the article sentence by sentence and turns what the readers found into event payloads."""

from __future__ import annotations

import re
from datetime import date

from services.normalize.domain.countries import find_countries
from services.normalize.domain.meetings import IN_PERSON, MeetingRead, read_meetings
from services.normalize.domain.people import Entity, Registry
from services.normalize.domain.places import dateline_city, dateline_end
from services.normalize.domain.reading import SentenceReading, read_sentence
from services.normalize.domain.sentences import find_quotes, split_sentences
from services.normalize.domain.statements import StatementRead, read_statements
from services.normalize.domain.tokens import tokenize
from services.normalize.domain.topics import find_topics
from shared.events import Evidence, Location, MeetingFacts, Participant, StatementFacts

MEETING_WORD_RE = re.compile(r"\b(?:meeting|talks|met|call|conversation)\b", re.IGNORECASE)


def assemble(
    body: str, published: date | None
) -> tuple[tuple[MeetingFacts, ...], tuple[StatementFacts, ...]]:
    quotes = find_quotes(body)
    sentences = split_sentences(body, quotes)
    registry = Registry()
    readings: list[SentenceReading] = []
    statements: list[tuple[StatementRead, SentenceReading]] = []
    meetings: list[MeetingRead] = []
    previous_speaker: Entity | None = None
    dateline = dateline_city(body)
    home = _home_country(dateline)
    time_floor = dateline_end(body)
    for index, sentence in enumerate(sentences):
        reading = read_sentence(index, sentence, quotes, published, registry, time_floor)
        readings.append(reading)
        found = read_statements(body, reading, previous_speaker)
        statements.extend((s, reading) for s in found)
        previous_speaker = found[-1].speaker if found else None
        meetings.extend(read_meetings(reading, published, home))
        if found:
            registry.last_subject = found[-1].speaker
        else:
            named = [m.entity for m in reading.mentions if m.entity.name and m.kind == "name"]
            if named:
                registry.last_subject = named[0]
    _date_from_next_sentence(meetings, readings)
    merged = _merge(meetings)
    meeting_facts = tuple(_meeting_facts(m, body, readings, dateline, merged) for m in merged)
    statement_facts = tuple(_statement_facts(s, r, body) for s, r in statements)
    return meeting_facts, statement_facts


def _home_country(dateline: tuple[str, str | None] | None) -> str | None:
    """The country of a dateline city that is a capital ("BERLIN") or a city-state ("KUWAIT")."""
    if dateline is None:
        return None
    if dateline[1]:
        return dateline[1]
    hits = find_countries(tokenize(dateline[0]))
    return hits[0].code if len(hits) == 1 and hits[0].kind == "name" else None


def _date_from_next_sentence(meetings: list[MeetingRead], readings: list[SentenceReading]) -> None:
    """ "X met Y." followed by "In the Thursday meeting, ..." dates the meeting."""
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


def _merge(meetings: list[MeetingRead]) -> list[MeetingRead]:
    """Sentences that report the same people meeting on the same (or an unknown) day are one meeting."""
    out: list[MeetingRead] = []
    for meeting in meetings:
        key = {id(p) for p in meeting.participants}
        for kept in out:
            same_people = {id(p) for p in kept.participants} == key and (
                key or kept.countries == meeting.countries
            )
            if same_people and (kept.day is None or meeting.day is None or kept.day == meeting.day):
                kept.day = kept.day or meeting.day
                kept.location = kept.location or meeting.location
                kept.sentences += meeting.sentences
                break
        else:
            out.append(meeting)
    return out


def _meeting_facts(
    meeting: MeetingRead,
    body: str,
    readings: list[SentenceReading],
    dateline: tuple[str, str | None] | None,
    merged: list[MeetingRead],
) -> MeetingFacts:
    countries = set(meeting.countries) | {p.country for p in meeting.participants if p.country}
    location = meeting.location or (dateline if meeting.fmt == IN_PERSON else None)
    evidence = [readings[i].sentence for i in meeting.sentences]
    following = [m.sentences[0] for m in merged if m.sentences[0] > meeting.sentences[0]]
    stop = min(following, default=min(len(readings), meeting.sentences[0] + 6))
    topic_text = " ".join(r.sentence.text for r in readings[meeting.sentences[0] : stop])
    return MeetingFacts(
        participants=tuple(
            Participant(name=p.name, title=p.title, country=p.country) for p in meeting.participants
        ),
        countries=tuple(sorted(countries)),
        date=meeting.day,
        location=Location(name=location[0], country=location[1]) if location else None,
        format=meeting.fmt,  # type: ignore[arg-type]
        topics=find_topics(topic_text),
        evidence=tuple(Evidence(start=s.start, end=s.end, text=body[s.start : s.end]) for s in evidence),
    )


def _statement_facts(statement: StatementRead, reading: SentenceReading, body: str) -> StatementFacts:
    speaker = statement.speaker
    about = {h.code for h in find_countries(tokenize(statement.text))}
    if speaker.country:
        about.add(speaker.country)
    day = reading.first_day()
    sentence = reading.sentence
    return StatementFacts(
        speaker=Participant(name=speaker.name, title=speaker.title, country=speaker.country),
        mode=statement.mode,  # type: ignore[arg-type]
        text=statement.text,
        date=day.day if day else None,
        about=tuple(sorted(about)),
        evidence=(
            Evidence(start=sentence.start, end=sentence.end, text=body[sentence.start : sentence.end]),
        ),
    )

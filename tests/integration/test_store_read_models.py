"""Read models: one meeting with several sources, schema evolution, time travel."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.normalize.reports import normalized_article
from services.store.postgres import queries
from services.store.postgres.event_store import EventStore
from services.store.projector import project_once
from services.store.relay import relay_once
from services.store.time_travel import relations_at_position
from shared.events import (
    Article,
    ArticleIngested,
    Event,
    MeetingFacts,
    MeetingReported,
    Participant,
    StatementFacts,
    derived_event_id,
)
from shared.streams import EVENTS_MEETINGS

pytestmark = pytest.mark.integration

TOKAYEV = Participant(name="Kassym-Jomart Tokayev", title="President", country="KAZ")
PEZESHKIAN = Participant(name="Masoud Pezeshkian", title="President", country="IRN")


def ingested(article_id: str, day: int = 2) -> ArticleIngested:
    when = datetime(2025, 3, day, 9, tzinfo=UTC)
    return ArticleIngested(
        event_id=derived_event_id(article_id, "ingested"),
        stream_id=f"article-{article_id}",
        occurred_at=when,
        correlation_id=article_id,
        article=Article(article_id=article_id, body=f"Report {article_id}.", published_at=when),
    )


def meeting(day: date, topics: tuple[str, ...] = ("trade",)) -> MeetingFacts:
    return MeetingFacts(participants=(TOKAYEV, PEZESHKIAN), countries=("IRN", "KAZ"), date=day, topics=topics)


def statement(text_: str, day: date) -> StatementFacts:
    return StatementFacts(speaker=TOKAYEV, mode="indirect", text=text_, date=day, about=("IRN", "KAZ"))


def article(article_id: str, meetings: tuple[MeetingFacts, ...], day: date) -> list[Event]:
    source = ingested(article_id)
    normalized = normalized_article(source, meetings, (statement(f"said in {article_id}", day),), "v1")
    return [source, *normalized.events]


async def project_all(engine: AsyncEngine) -> None:
    while await project_once(engine):
        pass


async def test_one_meeting_reported_by_two_articles_has_two_sources(engine: AsyncEngine) -> None:
    store = EventStore(engine)
    day = date(2025, 3, 1)
    await store.append_idempotent(article("a1", (meeting(day, ("trade",)),), day))
    await store.append_idempotent(article("a2", (meeting(day, ("energy",)),), day))
    await project_all(engine)
    async with engine.connect() as conn:
        relations = await queries.relations(conn)
        meetings = (await conn.execute(text("SELECT sources, topics FROM projection.meetings"))).all()
        statements = (await conn.execute(text("SELECT article_id FROM projection.statements"))).scalars()
        statement_articles = sorted(statements)
    assert [(r.pair, r.meeting_count, r.statement_count) for r in relations] == [("IRN–KAZ", 1, 2)]
    assert relations[0].topics == ["energy", "trade"]
    assert [(list(m.sources), list(m.topics)) for m in meetings] == [(["a1", "a2"], ["energy", "trade"])]
    assert statement_articles == ["a1", "a2"]
    meeting_streams = {e.stream_id for e in await store.read_all(0, 100, types=("MeetingReported",))}
    assert len(meeting_streams) == 1


async def test_a_stored_v1_meeting_is_read_as_v2_everywhere(engine: AsyncEngine, redis) -> None:
    """v1 stored the place as `meeting.venue`; v2 has `meeting.location` {name, country}."""
    store = EventStore(engine)
    day = date(2025, 3, 1)
    current = article("a1", (meeting(day),), day)
    v1_meeting = next(e for e in current if isinstance(e, MeetingReported))
    await store.append_idempotent([e for e in current if e is not v1_meeting])
    payload = v1_meeting.payload()
    payload["meeting"].pop("location")
    payload["meeting"]["venue"] = "Astana"
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, data,"
                " correlation_id) VALUES (:id, :stream, 1, 'MeetingReported', 1, CAST(:data AS jsonb), 'a1')"
            ),
            {"id": v1_meeting.event_id, "stream": v1_meeting.stream_id, "data": json.dumps(payload)},
        )

    [read] = await store.read_events(0, 100, types=("MeetingReported",))
    assert isinstance(read, MeetingReported) and read.schema_version == 2
    assert read.meeting.location is not None and read.meeting.location.name == "Astana"

    await project_all(engine)
    async with engine.connect() as conn:
        location = (await conn.execute(text("SELECT location FROM projection.meetings"))).scalar_one()
    assert location == {"name": "Astana", "country": None}

    while await relay_once(engine, redis):
        pass
    [(_, fields)] = await redis.xrange(EVENTS_MEETINGS)
    published = json.loads(fields[b"data"])
    assert published["schema_version"] == 2
    assert published["data"]["meeting"]["location"]["name"] == "Astana"
    assert "venue" not in published["data"]["meeting"]


async def test_time_travel_by_date_and_by_position_uses_the_projection_fold(engine: AsyncEngine) -> None:
    store = EventStore(engine)
    march, april = date(2025, 3, 1), date(2025, 4, 1)
    await store.append_idempotent(article("a1", (meeting(march),), march))
    first_head = await store.head()
    await store.append_idempotent(article("a2", (meeting(april),), april))
    await project_all(engine)

    async with engine.connect() as conn:
        now = await queries.relations(conn)
        as_of_march = await queries.relations_as_of(conn, date(2025, 3, 15))
    at_first = await relations_at_position(engine, first_head)
    at_head = await relations_at_position(engine, await store.head())
    assert [(r.meeting_count, r.last_meeting) for r in now] == [(2, april)]
    assert [(r.meeting_count, r.last_meeting) for r in as_of_march] == [(1, march)]
    assert [(r.meeting_count, r.last_meeting, r.statement_count) for r in at_first] == [(1, march, 1)]
    assert at_head == now
    assert await relations_at_position(engine, 0) == []
    async with engine.connect() as conn:  # the throw-away schema is gone
        leftovers = await conn.execute(
            text("SELECT 1 FROM pg_namespace WHERE nspname LIKE 'projection_at_%'")
        )
        assert leftovers.first() is None

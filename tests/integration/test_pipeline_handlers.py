"""Each service's batch handler against real Redis and PostgreSQL, without FastStream."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.ingest.handlers import handle_raw_batch
from services.ingest.redis_streams import COUNTS_KEY, IntakeStreams
from services.normalize.reports import normalized_article
from services.store.handlers import handle_normalized_batch
from services.store.postgres.event_store import EventStore
from services.store.projector import project_once
from services.store.redis_streams import NormalizedAcks
from shared.events import Article, ArticleIngested, MeetingFacts, Participant, derived_event_id
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_NORMALIZED, ARTICLES_RAW, INGEST_GROUP, STORE_GROUP
from shared.wire import encode, ensure_group

pytestmark = pytest.mark.integration
ARTICLE = {"title": "Talks", "body": "Aref met Bektenov on Thursday.", "published_at": "2025-01-31T20:00:00Z"}


async def read_as_group(
    redis: aioredis.Redis, stream: str, group: str
) -> list[tuple[str, dict[bytes, bytes]]]:
    await ensure_group(redis, stream, group)
    response = await redis.xreadgroup(group, "test", {stream: ">"}, count=100)
    return [(i.decode(), fields) for i, fields in response[0][1]] if response else []


async def test_ingest_commits_outputs_counts_and_acks_together(redis: aioredis.Redis) -> None:
    await redis.xadd(ARTICLES_RAW, {"data": json.dumps(ARTICLE)})
    await redis.xadd(ARTICLES_RAW, {k: v for k, v in ARTICLE.items()})
    await redis.xadd(ARTICLES_RAW, {"data": "[]"})
    entries = await read_as_group(redis, ARTICLES_RAW, INGEST_GROUP)

    plan = await handle_raw_batch(entries, IntakeStreams(redis, dedupe_ttl_s=60), 256 * 1024)

    assert (len(plan.accepted), len(plan.duplicates), len(plan.rejected)) == (1, 1, 1)
    assert await redis.xlen(ARTICLES_ACCEPTED) == 1
    assert await redis.hgetall(COUNTS_KEY) == {b"accepted": b"1", b"duplicate": b"1", b"rejected": b"1"}
    assert (await redis.xpending(ARTICLES_RAW, INGEST_GROUP))["pending"] == 0

    await redis.xadd(ARTICLES_RAW, {"data": json.dumps(ARTICLE)})
    later = await handle_raw_batch(
        await read_as_group(redis, ARTICLES_RAW, INGEST_GROUP), IntakeStreams(redis, 60), 256 * 1024
    )
    assert later.duplicates and not later.accepted, "a later push of the same article is a duplicate"


def sample_normalized(article_id: str, people: tuple[str, str], day: date) -> str:
    article = Article(article_id=article_id, body="...", published_at=datetime(2025, 1, 31, tzinfo=UTC))
    ingested = ArticleIngested(
        event_id=derived_event_id(article_id, "ArticleIngested"),
        stream_id=f"article-{article_id}",
        occurred_at=article.published_at,
        correlation_id=article_id,
        article=article,
    )
    meeting = MeetingFacts(
        participants=(Participant(name=people[0], country="IRN"), Participant(name=people[1], country="KAZ")),
        countries=("IRN", "KAZ"),
        date=day,
        topics=("trade",),
    )
    return encode(normalized_article(ingested, (meeting,), (), "test-1"))["data"].decode()


async def test_store_appends_idempotently_and_projects_one_meeting_with_two_sources(
    redis: aioredis.Redis, engine: AsyncEngine
) -> None:
    for article_id, people in (
        ("a1", ("Muhammad Reza Aref", "Olzhas Bektenov")),
        ("a2", ("Aref", "Bektenov")),
    ):
        await redis.xadd(
            ARTICLES_NORMALIZED, {"data": sample_normalized(article_id, people, date(2025, 1, 30))}
        )
    entries = await read_as_group(redis, ARTICLES_NORMALIZED, STORE_GROUP)
    store = EventStore(engine)

    assert await handle_normalized_batch(entries, store, NormalizedAcks(redis)) == 6
    assert await handle_normalized_batch(entries, store, NormalizedAcks(redis)) == 0, (
        "a redelivery adds nothing"
    )
    assert (await redis.xpending(ARTICLES_NORMALIZED, STORE_GROUP))["pending"] == 0
    while await project_once(engine):
        pass

    async with engine.connect() as conn:
        relation = (await conn.execute(text("SELECT * FROM projection.relations"))).mappings().one()
        meetings = (await conn.execute(text("SELECT sources FROM projection.meetings"))).scalars().all()
        versions = (
            await conn.execute(text("SELECT stream_id, stream_version FROM events ORDER BY global_position"))
        ).all()
    assert (relation["country_a"], relation["country_b"], relation["meeting_count"]) == ("IRN", "KAZ", 1)
    assert relation["last_meeting"] == date(2025, 1, 30) and relation["topics"] == ["trade"]
    assert meetings == [["a1", "a2"]]
    meeting_versions = [v for stream, v in versions if stream.startswith("meeting-")]
    assert meeting_versions == [1, 2], "both reports append to the same meeting stream"

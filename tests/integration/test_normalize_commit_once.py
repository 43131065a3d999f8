"""Normalize publishes an article's result only with its entry's first XACK: a commit retried after
Redis dropped its reply, or a redelivered batch, publishes nothing twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import redis.asyncio as aioredis

from services.ingest.domain import accept
from services.ingest.handlers import article_ingested
from services.normalize.handlers import handle_accepted_batch
from services.normalize.redis_streams import NormalizedStreams
from shared.events import Article
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_NORMALIZED, NORMALIZE_GROUP
from shared.wire import encode, ensure_group

pytestmark = [pytest.mark.integration, pytest.mark.timeout(30)]


async def test_a_repeated_commit_publishes_each_article_once(redis: aioredis.Redis) -> None:
    await ensure_group(redis, ARTICLES_ACCEPTED, NORMALIZE_GROUP)
    fields = {
        b"body": b"Iran's foreign minister met his Omani counterpart in Muscat on Monday.",
        b"published_at": b"2025-01-08T10:00:00Z",
    }
    article = accept(fields, datetime.now(UTC), 10_000)
    assert isinstance(article, Article)
    await redis.xadd(ARTICLES_ACCEPTED, encode(article_ingested(article, "1-0")))
    await redis.xadd(ARTICLES_ACCEPTED, {"data": "not an event"})
    reply = await redis.xreadgroup(NORMALIZE_GROUP, "test", {ARTICLES_ACCEPTED: ">"})
    entries = [(entry_id.decode(), entry) for entry_id, entry in reply[0][1]]
    outbox = NormalizedStreams(redis)

    plan = await handle_accepted_batch(entries, outbox)
    assert (len(plan.done_ids), len(plan.failed_ids)) == (1, 1)
    await outbox.commit(plan)  # the same commit again, as a retry after a lost reply would send it
    assert await redis.xlen(ARTICLES_NORMALIZED) == 1
    pending = await redis.xpending_range(ARTICLES_ACCEPTED, NORMALIZE_GROUP, min="-", max="+", count=10)
    assert [p["message_id"].decode() for p in pending] == plan.failed_ids, "the failed entry stays pending"

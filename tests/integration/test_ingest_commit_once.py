"""A commit retried after Redis dropped its reply (redis-py retries a transaction on a dropped
connection) publishes nothing twice: outputs go out only with an entry's first XACK."""

from __future__ import annotations

import json

import pytest
import redis.asyncio as aioredis

from services.ingest.handlers import handle_raw_batch
from services.ingest.redis_streams import COUNTS_KEY, IntakeStreams
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED, INGEST_GROUP
from shared.wire import dead_letter_exhausted, ensure_group, entries_of

pytestmark = [pytest.mark.integration, pytest.mark.timeout(30)]
REPLY = "bilateral:reply:test-1"


async def lengths(redis: aioredis.Redis) -> tuple[int, ...]:
    return (
        await redis.xlen(ARTICLES_ACCEPTED),
        await redis.xlen(ARTICLES_REJECTED),
        await redis.llen(REPLY),
        int(sum(int(v) for v in (await redis.hgetall(COUNTS_KEY)).values())),
    )


async def test_a_repeated_commit_publishes_nothing_twice(redis: aioredis.Redis) -> None:
    await ensure_group(redis, ARTICLES_RAW, INGEST_GROUP)
    article = {"body": "Iran and Oman met in Muscat.", "published_at": "2025-01-06T10:00:00Z"}
    await redis.xadd(ARTICLES_RAW, {"data": json.dumps(article), "reply_to": REPLY})
    await redis.xadd(ARTICLES_RAW, {"data": "not json"})
    reply = await redis.xreadgroup(INGEST_GROUP, "test", {ARTICLES_RAW: ">"})
    entries = entries_of({"message_ids": [i for i, _ in reply[0][1]], "data": [f for _, f in reply[0][1]]})
    intake = IntakeStreams(redis, 60)

    plan = await handle_raw_batch(entries, intake, 10_000)
    assert await lengths(redis) == (1, 1, 1, 2)
    await intake.commit(plan)  # the same commit again, as a retry after a lost reply would send it
    assert await lengths(redis) == (1, 1, 1, 2)
    assert (await redis.xpending(ARTICLES_RAW, INGEST_GROUP))["pending"] == 0


async def test_a_repeated_dead_lettering_rejects_once(redis: aioredis.Redis) -> None:
    await ensure_group(redis, ARTICLES_RAW, INGEST_GROUP)
    entry_id = (await redis.xadd(ARTICLES_RAW, {"data": "x"})).decode()
    await redis.xreadgroup(INGEST_GROUP, "test", {ARTICLES_RAW: ">"})
    await redis.xclaim(ARTICLES_RAW, INGEST_GROUP, "test", 0, [entry_id])
    entries = [(entry_id, {b"data": b"x"})]
    assert await dead_letter_exhausted(redis, entries, ARTICLES_RAW, INGEST_GROUP, max_deliveries=1) == []
    # the entry is acked now: dead-lettering it again (a retried script) publishes nothing
    await dead_letter_exhausted(redis, entries, ARTICLES_RAW, INGEST_GROUP, max_deliveries=0)
    assert await redis.xlen(ARTICLES_REJECTED) == 1

"""A message that keeps failing is retried a bounded number of times, then dead-lettered with its
reason and delivery count, and the stream moves on."""

from __future__ import annotations

import asyncio
import json

import pytest
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine

from faults.pipeline import Producer, Services, assert_end_to_end, steady_stream, wait_for_stored
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_NORMALIZED, ARTICLES_REJECTED

pytestmark = [pytest.mark.faults, pytest.mark.timeout(150)]
MAX_DELIVERIES = 3  # BILATERAL_MAX_DELIVERIES in the fault suite's environment


async def test_poison_messages_are_dead_lettered_and_the_stream_moves_on(
    services: Services, redis: aioredis.Redis, engine: AsyncEngine
) -> None:
    for name in ("ingest-1", "normalize-1", "store-1"):
        services.start(name)
    poison = {
        ARTICLES_ACCEPTED: await redis.xadd(ARTICLES_ACCEPTED, {"data": '{"kind": "ArticleIngested"}'}),
        ARTICLES_NORMALIZED: await redis.xadd(ARTICLES_NORMALIZED, {"data": "not a normalized article"}),
    }
    async with steady_stream(Producer(redis)) as producer:
        await wait_for_stored(engine, services)
        await asyncio.sleep(2)
    await assert_end_to_end(redis, engine, services, producer)
    records = [json.loads(fields[b"data"]) for _, fields in await redis.xrange(ARTICLES_REJECTED)]
    dead = {r["source_stream"]: r for r in records if r["reason"] == "delivery_limit"}
    assert set(dead) == set(poison)
    for stream, entry_id in poison.items():
        assert dead[stream]["source_id"] == entry_id.decode()
        assert dead[stream]["delivery_count"] == MAX_DELIVERIES + 1
    services.assert_alive()

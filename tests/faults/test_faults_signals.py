"""SIGTERM finishes and acks what was fetched (SIGKILL is in test_faults_everything.py)."""

from __future__ import annotations

import asyncio

import pytest
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine

from faults.pipeline import Producer, Services, assert_end_to_end, pending_of, steady_stream, wait_for_pending
from shared.streams import (
    ARTICLES_ACCEPTED,
    ARTICLES_RAW,
    ARTICLES_REJECTED,
    CONSUMER_GROUPS,
    INGEST_GROUP,
)

pytestmark = [pytest.mark.faults, pytest.mark.timeout(150)]

CONSUMED = {f"{service}-1": consumed for service, consumed in CONSUMER_GROUPS.items()}


async def test_sigterm_finishes_and_acks_in_flight_work(
    services: Services, redis: aioredis.Redis, engine: AsyncEngine
) -> None:
    for name in CONSUMED:
        services.start(name)
    async with steady_stream(Producer(redis)) as producer:
        for name, (stream, group) in CONSUMED.items():
            await wait_for_pending(redis, services, stream, group, name)
            assert services.terminate(name) == 0
            # alone in its group and stopped: nobody could have reclaimed for it
            assert await pending_of(redis, stream, group, name) == 0, services.logs()
            services.start(name)
        await asyncio.sleep(1)
    await assert_end_to_end(redis, engine, services, producer)
    services.assert_alive()


async def test_sigterm_handles_what_was_fetched_but_not_started(
    services: Services, redis: aioredis.Redis
) -> None:
    """Entries this consumer fetched and never handled (FastStream drops a batch read at the moment
    it stops) are handled before the process exits, not left for a reclaimer's idle time."""
    producer = Producer(redis)
    await producer.push(30)
    await redis.xgroup_create(ARTICLES_RAW, INGEST_GROUP, id="0")
    held = await redis.xreadgroup(INGEST_GROUP, "ingest-1", {ARTICLES_RAW: ">"}, count=10)
    assert len(held[0][1]) == 10
    services.start("ingest-1", BILATERAL_RECLAIM_IDLE_MS="600000")
    while await redis.xlen(ARTICLES_ACCEPTED) + await redis.xlen(ARTICLES_REJECTED) < 20:
        services.assert_alive()
        await asyncio.sleep(0.1)
    assert await pending_of(redis, ARTICLES_RAW, INGEST_GROUP, "ingest-1") == 10
    assert services.terminate("ingest-1") == 0
    assert await pending_of(redis, ARTICLES_RAW, INGEST_GROUP, "ingest-1") == 0
    assert await redis.xlen(ARTICLES_ACCEPTED) + await redis.xlen(ARTICLES_REJECTED) == 30
    assert '"held_entries_handled": 10' in services.logs()

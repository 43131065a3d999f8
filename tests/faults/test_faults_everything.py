"""One steady stream of articles while each service in turn is killed and restarted, then Redis and
PostgreSQL are restarted: every article is counted end to end."""

from __future__ import annotations

import asyncio

import pytest
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine

from faults.pipeline import (
    Producer,
    Services,
    assert_end_to_end,
    steady_stream,
    wait_for_pending,
    wait_for_stored,
)
from faults.servers import PostgresServer, RedisServer
from shared.streams import (
    ARTICLES_ACCEPTED,
    ARTICLES_NORMALIZED,
    ARTICLES_RAW,
    INGEST_GROUP,
    NORMALIZE_GROUP,
    STORE_GROUP,
)

pytestmark = [pytest.mark.faults, pytest.mark.timeout(180)]
CONSUMED = {
    "ingest-1": (ARTICLES_RAW, INGEST_GROUP),
    "normalize-1": (ARTICLES_ACCEPTED, NORMALIZE_GROUP),
    "store-1": (ARTICLES_NORMALIZED, STORE_GROUP),
}


async def test_everything_killed_and_restarted_under_a_steady_stream(
    services: Services,
    redis_server: RedisServer,
    fault_postgres: PostgresServer,
    redis: aioredis.Redis,
    engine: AsyncEngine,
) -> None:
    for name in CONSUMED:
        services.start(name)
    async with steady_stream(Producer(redis)) as producer:
        await wait_for_stored(engine, services)
        for name, (stream, group) in CONSUMED.items():
            await wait_for_pending(redis, services, stream, group, name)
            services.kill(name)
            services.start(name)
            await wait_for_stored(engine, services, articles=len(producer.pushed) // 2)
        await asyncio.to_thread(redis_server.restart, keep_data=True)
        await asyncio.sleep(2)
        await asyncio.to_thread(fault_postgres.restart, down_s=2)
        await asyncio.sleep(2)
    await assert_end_to_end(redis, engine, services, producer)
    services.assert_alive()
    print(f"\n{len(producer.pushed)} articles pushed, every one stored or rejected once")

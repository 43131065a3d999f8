"""One steady stream of articles while each service in turn is killed (SIGKILL) mid-batch and
restarted (normalize only once its entries were reclaimed by the other consumer in its group; ingest
and store, alone in theirs, reclaim their own), then Redis (with its data) and PostgreSQL are
restarted: every article is counted end to end."""

from __future__ import annotations

import asyncio

import pytest
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine

from faults.pipeline import (
    Producer,
    Services,
    assert_end_to_end,
    pending_of,
    steady_stream,
    wait_for_pending,
    wait_for_stored,
)
from faults.servers import PostgresServer, RedisServer
from shared.streams import CONSUMER_GROUPS

pytestmark = [pytest.mark.faults, pytest.mark.timeout(180)]
CONSUMED = {f"{service}-1": consumed for service, consumed in CONSUMER_GROUPS.items()}


async def test_everything_killed_and_restarted_under_a_steady_stream(
    services: Services,
    redis_server: RedisServer,
    fault_postgres: PostgresServer,
    redis: aioredis.Redis,
    engine: AsyncEngine,
) -> None:
    for name in (*CONSUMED, "normalize-2"):
        services.start(name)
    async with steady_stream(Producer(redis)) as producer:
        await wait_for_stored(engine, services)
        # normalize-1 dies mid-batch: normalize-2, in the same group, must reclaim what it held
        assert await wait_for_pending(redis, services, *CONSUMED["normalize-1"], "normalize-1")
        services.kill("normalize-1")
        while await pending_of(redis, *CONSUMED["normalize-1"], "normalize-1"):
            services.assert_alive()
            await asyncio.sleep(0.2)
        services.start("normalize-1")
        # ingest and store are alone in their groups: they reclaim their own entries once restarted
        for name in ("ingest-1", "store-1"):
            await wait_for_pending(redis, services, *CONSUMED[name], name)
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

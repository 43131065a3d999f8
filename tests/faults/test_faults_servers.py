"""Redis restarted without its data, PostgreSQL down for a while and dropped connections (a Redis
restart keeping its data is in test_faults_everything.py)."""

from __future__ import annotations

import asyncio

import pytest
import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from faults.pipeline import (
    Producer,
    Services,
    assert_end_to_end,
    steady_stream,
    wait_drained,
    wait_for_stored,
)
from faults.servers import PostgresServer, RedisServer

pytestmark = [pytest.mark.faults, pytest.mark.timeout(150)]
SERVICES = ("ingest-1", "normalize-1", "store-1")


async def test_redis_restart_without_its_data(
    services: Services, redis_server: RedisServer, redis: aioredis.Redis, engine: AsyncEngine
) -> None:
    """What Redis held is gone with it; every service must re-create its stream and group and go on."""
    for name in SERVICES:
        services.start(name)
    producer = Producer(redis, bad_every=0)
    await producer.push(40)
    await wait_drained(redis, engine, services, timeout_s=60)
    await asyncio.to_thread(redis_server.restart, keep_data=False)
    assert await redis.dbsize() == 0
    async with steady_stream(producer):
        await asyncio.sleep(4)
    await assert_end_to_end(redis, engine, services, producer)
    services.assert_alive()


async def test_postgres_restart_and_dropped_connections(
    services: Services, fault_postgres: PostgresServer, redis: aioredis.Redis, engine: AsyncEngine
) -> None:
    for name in SERVICES:
        services.start(name)
    async with steady_stream(Producer(redis)) as producer:
        await wait_for_stored(engine, services)
        async with engine.connect() as conn:
            dropped = await conn.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE application_name = 'bilateral' AND datname = current_database()"
                )
            )
        assert dropped
        await asyncio.sleep(2)
        # down for longer than the reclaimers' retries last (3 deliveries, 1 s idle): the store
        # must wait the outage out rather than let good articles be dead-lettered
        await asyncio.to_thread(fault_postgres.restart, down_s=5)
        await asyncio.sleep(3)
    await assert_end_to_end(redis, engine, services, producer)
    services.assert_alive()

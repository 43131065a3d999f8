"""Fixtures of the fault suite: a Redis and a PostgreSQL of its own (never the shared ones), a fresh
database per test, and the services as real processes pointed at them."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from faults.pipeline import Services
from faults.servers import PostgresServer, RedisServer
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import async_url
from shared.redis_connection import RETRY_ON, retry_policy

ROOT = Path(__file__).resolve().parents[2]
_databases = itertools.count(1)


def run_sync(coroutine):  # type: ignore[no-untyped-def]
    """Run a coroutine from synchronous code, away from pytest-asyncio's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def service_env(redis_url: str, database_url: str, data_dir: Path) -> dict[str, str]:
    return {
        "REDIS_URL": redis_url,
        "DATABASE_URL": database_url,
        "BILATERAL_DATA_DIR": str(data_dir),
        "BILATERAL_RECLAIM_IDLE_MS": "1000",
        "BILATERAL_MAX_DELIVERIES": "3",
        "BILATERAL_BATCH_SIZE": "20",
        "BILATERAL_LOG_LEVEL": "INFO",
    }


@pytest.fixture(scope="session")
def fault_postgres() -> Iterator[PostgresServer]:
    """In the project's data folder (the `pgserver` user must reach it; pytest's tmp folders are
    private to root), kept between runs so that only the first one pays for initdb."""
    server = PostgresServer(ROOT / ".data" / "faults" / "pg")
    yield server
    server.pg_ctl("-m", "fast", "stop")


async def _fresh_database(server: PostgresServer, name: str) -> str:
    admin = create_async_engine(async_url(server.uri()), isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    url = server.uri(name)
    await upgrade_to_head(url)
    return url


@pytest.fixture
def database_url(fault_postgres: PostgresServer) -> str:
    return run_sync(_fresh_database(fault_postgres, f"faults_{next(_databases)}"))


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def redis(redis_server: RedisServer) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_server.url, retry=retry_policy(), retry_on_error=list(RETRY_ON))
    yield client
    await client.aclose()


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_url(database_url), pool_pre_ping=True)
    yield engine
    await engine.dispose()


@pytest.fixture
def services(redis_server: RedisServer, database_url: str, tmp_path: Path) -> Iterator[Services]:
    running = Services(tmp_path / "logs", service_env(redis_server.url, database_url, tmp_path))
    yield running
    running.stop_all()

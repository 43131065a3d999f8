"""Fixtures for tests that need real servers.

With `REDIS_URL` and `DATABASE_URL` set, tests use those servers (a test database is created beside
the given one). Otherwise the project's embedded Redis and PostgreSQL are started in `.data/test`.
Each test that asks for `clean_servers` starts from empty streams and an empty event store.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis.asyncio as aioredis
from read_models import TABLE_KEYS
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bilateral.embedded import embedded_servers
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import async_url
from shared.settings import Settings


def run_sync(coroutine: Any) -> Any:
    """Run a coroutine to completion from synchronous code, away from pytest-asyncio's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


ROOT = Path(__file__).resolve().parent.parent
TEST_DATABASE = os.environ.get("BILATERAL_TEST_DB", "bilateral_test")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


async def _create_database(url: str, name: str) -> None:
    engine = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            exists = await conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not exists:
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def server_urls() -> Iterator[tuple[str, str]]:
    """(REDIS_URL, DATABASE_URL) for the tests, exported so that child processes use them too."""
    given_redis, given_db = os.environ.get("REDIS_URL"), os.environ.get("DATABASE_URL")
    if given_redis and given_db:
        urls = given_redis, given_db
        yield _prepare(*urls)
        return
    with embedded_servers(ROOT / ".data" / "test") as urls:
        yield _prepare(*urls)


def _prepare(redis_url: str, database_url: str) -> tuple[str, str]:
    run_sync(_create_database(database_url, TEST_DATABASE))
    database_url = _with_database(database_url, TEST_DATABASE)
    run_sync(upgrade_to_head(database_url))
    os.environ["REDIS_URL"], os.environ["DATABASE_URL"] = redis_url, database_url
    return redis_url, database_url


@pytest.fixture
def settings(server_urls: tuple[str, str], tmp_path: Path) -> Settings:
    return Settings(
        REDIS_URL=server_urls[0],
        DATABASE_URL=server_urls[1],
        BILATERAL_DATA_DIR=tmp_path,
        BILATERAL_CONSUMER=f"test-{uuid.uuid4().hex[:8]}",
    )


async def _reset(redis_url: str, database_url: str) -> None:
    redis = aioredis.Redis.from_url(redis_url)
    await redis.flushdb()
    await redis.aclose()
    engine = create_async_engine(async_url(database_url))
    async with engine.begin() as conn:
        schemas = (
            (
                await conn.execute(
                    text(
                        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'projection%' AND nspname <> 'projection'"
                    )
                )
            )
            .scalars()
            .all()
        )
        for schema in schemas:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await conn.execute(
            text(
                "TRUNCATE events, checkpoints, "
                + ", ".join(f"projection.{table}" for table in TABLE_KEYS)
                + " RESTART IDENTITY"
            )
        )
    await engine.dispose()


@pytest.fixture
def clean_servers(server_urls: tuple[str, str]) -> tuple[str, str]:
    run_sync(_reset(*server_urls))
    return server_urls


@pytest.fixture
async def redis(clean_servers: tuple[str, str]) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(clean_servers[0])
    yield client
    await client.aclose()


@pytest.fixture
async def engine(clean_servers: tuple[str, str]) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_url(clean_servers[1]), connect_args={"statement_cache_size": 0})
    yield engine
    await engine.dispose()

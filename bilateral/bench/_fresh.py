"""Servers for a benchmark, empty at the start.

By default a benchmark starts its own embedded Redis and PostgreSQL in a temporary folder and
deletes the folder afterwards (the services' logs are kept in another one), so it never touches anybody's data. With `REDIS_URL` and
`DATABASE_URL` set it runs on those servers instead, but only when given `--fresh`: it then empties
that Redis database (FLUSHDB) and the event store and read models of that PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bilateral.embedded import embedded_servers
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import async_url
from shared.settings import Settings

READ_MODEL_TABLES = (
    "projection.article_extractions, projection.meeting_reports, projection.statements,"
    " projection.meetings, projection.relations, projection.meeting_pairs, projection.statement_pairs"
)


@dataclass(frozen=True)
class BenchServers:
    settings: Settings
    logs: Path  # kept after the run
    embedded: Path | None  # the embedded servers' folder, None on servers given by URL


class NotFresh(RuntimeError):
    """The user pointed the benchmark at servers without allowing it to empty them."""


async def empty_servers(redis_url: str, database_url: str) -> None:
    """FLUSHDB the Redis database, and empty the event store, checkpoints and read models."""
    redis = aioredis.Redis.from_url(redis_url)
    try:
        await redis.flushdb()
    finally:
        await redis.aclose()
    engine = create_async_engine(async_url(database_url))
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(f"TRUNCATE events, checkpoints, {READ_MODEL_TABLES} RESTART IDENTITY CASCADE")
            )
    finally:
        await engine.dispose()


@contextmanager
def temporary_embedded_servers(name: str) -> Iterator[Path]:
    """Embedded Redis and PostgreSQL in a new temporary folder, their URLs in the environment while
    they run; the folder is deleted afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=f"bilateral-{name}-"))
    saved = {key: os.environ.get(key) for key in ("REDIS_URL", "DATABASE_URL")}
    try:
        with embedded_servers(folder) as (redis_url, database_url):
            os.environ["REDIS_URL"], os.environ["DATABASE_URL"] = redis_url, database_url
            yield folder
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_servers(allow_emptying: bool, name: str) -> Iterator[BenchServers]:
    """Empty, migrated servers, their URLs exported to the environment so that the services started
    as child processes use the same ones."""
    logs = Path(tempfile.mkdtemp(prefix=f"bilateral-{name}-logs-"))
    given = Settings()
    if given.redis_url is not None and given.database_url is not None:
        if not allow_emptying:
            raise NotFresh(
                "REDIS_URL and DATABASE_URL are set: the benchmark would empty that Redis database and the"
                " event store in that PostgreSQL database. Pass --fresh to allow it, or unset them to run"
                " on temporary embedded servers."
            )
        redis_url, database_url = given.require_urls()
        asyncio.run(upgrade_to_head(database_url))
        asyncio.run(empty_servers(redis_url, database_url))
        yield BenchServers(given, logs, None)
        return
    with temporary_embedded_servers(name) as folder:
        settings = Settings(BILATERAL_DATA_DIR=folder)
        asyncio.run(upgrade_to_head(settings.require_urls()[1]))
        yield BenchServers(settings, logs, folder)

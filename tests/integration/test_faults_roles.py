"""Least privilege in PostgreSQL (migration 0002): a user in `bilateral_writer` appends and projects
but cannot rewrite history; a user in `bilateral_reader` can only read."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bilateral.commands.relations import fetch
from services.store.postgres import queries
from services.store.postgres.engine import async_url
from services.store.postgres.event_store import EventStore
from services.store.projector import project_once
from shared.events import Article, ArticleIngested, article_stream, derived_event_id
from shared.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]

UserEngine = Callable[[str], AbstractAsyncContextManager[AsyncEngine]]


def as_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}"))


@pytest.fixture
def login_in(engine: AsyncEngine, clean_servers: tuple[str, str]) -> UserEngine:
    """`login_in(role)`: an engine for a fresh LOGIN user that is a member of `role` (dropped after)."""

    @asynccontextmanager
    async def connect(role: str) -> AsyncIterator[AsyncEngine]:
        user = f"test_{role}_{uuid.uuid4().hex[:8]}"
        async with engine.begin() as conn:
            await conn.execute(text(f"CREATE ROLE {user} LOGIN IN ROLE {role}"))
        user_engine = create_async_engine(async_url(as_user(clean_servers[1], user)))
        try:
            yield user_engine
        finally:
            await user_engine.dispose()
            async with engine.begin() as conn:
                await conn.execute(text(f"DROP ROLE {user}"))

    return connect


def ingested(n: int) -> ArticleIngested:
    article = Article(article_id=f"a{n}", body=f"Body {n}", published_at=datetime(2025, 1, 1, tzinfo=UTC))
    return ArticleIngested(
        event_id=derived_event_id(article.article_id, "ArticleIngested"),
        stream_id=article_stream(article.article_id),
        occurred_at=article.published_at,
        correlation_id=article.article_id,
        article=article,
    )


async def assert_denied(engine: AsyncEngine, sql: str) -> None:
    with pytest.raises(DBAPIError, match="permission denied|must be owner"):
        async with engine.begin() as conn:
            await conn.execute(text(sql))


async def test_the_writer_appends_and_projects_but_cannot_rewrite_events(login_in: UserEngine) -> None:
    async with login_in("bilateral_writer") as writer:
        assert await EventStore(writer).append_idempotent([ingested(1), ingested(2)]) == 2
        await project_once(writer)
        for sql in (
            "UPDATE events SET data = '{}'::jsonb",
            "DELETE FROM events",
            "TRUNCATE events",
            "ALTER TABLE events DROP CONSTRAINT events_event_id_key",
        ):
            await assert_denied(writer, sql)
        assert await EventStore(writer).head() == 2


async def test_the_reader_reads_and_cannot_write(login_in: UserEngine) -> None:
    async with login_in("bilateral_reader") as reader:
        async with reader.connect() as conn:
            assert await queries.relations(conn) == []
            assert await conn.scalar(text("SELECT count(*) FROM events")) == 0
        for sql in (
            "INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, data)"
            " VALUES (gen_random_uuid(), 's', 1, 'X', 1, '{}')",
            "UPDATE checkpoints SET position = 0",
            "DELETE FROM projection.relations",
        ):
            await assert_denied(reader, sql)


async def test_the_relations_command_reads_as_the_reader(
    login_in: UserEngine, clean_servers: tuple[str, str]
) -> None:
    """With DATABASE_READ_URL set, `bilateral relations` needs nothing else (DATABASE_URL is unusable)."""
    async with login_in("bilateral_reader") as reader:
        settings = Settings(
            REDIS_URL=clean_servers[0],
            DATABASE_URL="postgresql://nobody@127.0.0.1:1/none",
            DATABASE_READ_URL=reader.url.render_as_string(hide_password=False),
        )
        args = argparse.Namespace(at_position=None, as_of=None, country=None)
        assert await fetch(settings, args) == []

"""Running the HTTP API on a real port inside a test's event loop, and the seed data it reads."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine

from services.api.app import build_app
from services.ingest.canonical import article_id_for
from services.normalize.handlers import normalize
from services.store.postgres.event_store import EventStore
from services.store.projector import project_once
from shared.events import Article, ArticleIngested, derived_event_id
from shared.settings import Settings

SAMPLE = Path(__file__).resolve().parents[2] / "bilateral" / "samples" / "eaeu-iran.json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sample_article() -> dict[str, str]:
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return {k: document[k] for k in ("title", "body", "published_at", "source")}


@asynccontextmanager
async def api_client(settings: Settings, reply_timeout_s: float = 10.0) -> AsyncIterator[httpx.AsyncClient]:
    """The API served by uvicorn on a free port; a client pointed at it over real HTTP."""
    port = free_port()
    config = uvicorn.Config(
        build_app(settings, reply_timeout_s), host="127.0.0.1", port=port, log_config=None, lifespan="on"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            serving.result()
        await asyncio.sleep(0.02)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            yield client
    finally:
        server.should_exit = True
        await serving


async def store_sample(engine: AsyncEngine, project: bool = True) -> ArticleIngested:
    """The sample article through the real extractor into the event store (and the read models)."""
    raw = sample_article()
    article = Article(
        article_id=article_id_for(raw["title"], raw["body"]),
        title=raw["title"],
        body=raw["body"],
        published_at=datetime.fromisoformat(raw["published_at"].replace("Z", "+00:00")),
        source=raw["source"],
    )
    ingested = ArticleIngested(
        event_id=derived_event_id(article.article_id, "ArticleIngested"),
        stream_id=f"article-{article.article_id}",
        occurred_at=article.published_at,
        correlation_id=article.article_id,
        article=article,
    )
    normalized = normalize(ingested)
    await EventStore(engine).append_idempotent([normalized.article, *normalized.events])
    while project and await project_once(engine):
        pass
    return ingested

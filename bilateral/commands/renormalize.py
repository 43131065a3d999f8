"""`bilateral renormalize`: run the current extractor over every stored article again.

Reads the `ArticleIngested` events, extracts each article with the extractor of this build and
appends the new extraction (an `ArticleNormalized` marker and its reports) idempotently. The
projections count only each article's latest extractor version, so after the projector (or a
`bilateral replay`) has caught up, `relations` reflects the new extractor with no duplicates.
Articles already extracted by this version are skipped.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from tqdm import tqdm

from bilateral.runtime import servers
from services.normalize.domain import EXTRACTOR_VERSION, Extraction, extract
from services.normalize.reports import normalized_article
from services.store.migrate import upgrade_to_head
from services.store.postgres.engine import database_url, engine_for
from services.store.postgres.event_store import EventStore, as_event
from shared.events import ArticleIngested, Event

Extractor = Callable[[str, datetime | None, str | None], Extraction]


async def _already_extracted(engine: AsyncEngine, version: str) -> set[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT data->>'article_id' FROM events"
                " WHERE event_type = 'ArticleNormalized' AND data->>'extractor_version' = :v"
            ),
            {"v": version},
        )
        return set(rows.scalars())


async def _count_articles(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        query = text("SELECT count(*) FROM events WHERE event_type = 'ArticleIngested'")
        return int((await conn.execute(query)).scalar_one())


def extraction_events(ingested: ArticleIngested, extractor: Extractor, version: str) -> list[Event]:
    article = ingested.article
    extraction = extractor(article.body, article.published_at, article.title)
    normalized = normalized_article(ingested, extraction.meetings, extraction.statements, version)
    return list(normalized.events)


async def renormalize(
    engine: AsyncEngine,
    extractor: Extractor = extract,
    version: str = EXTRACTOR_VERSION,
    batch_size: int = 200,
    progress: bool = False,
) -> tuple[int, int]:
    """Returns (articles extracted, events appended)."""
    store, done = EventStore(engine), await _already_extracted(engine, version)
    extracted = appended = after = 0
    total = await _count_articles(engine)
    with tqdm(total=total, unit="article", disable=not progress, file=sys.stderr) as bar:
        while stored := await store.read_all(after, batch_size, types=("ArticleIngested",)):
            after = stored[-1].global_position
            events: list[Event] = []
            for row in stored:
                ingested = as_event(row)
                if isinstance(ingested, ArticleIngested) and ingested.article.article_id not in done:
                    events += extraction_events(ingested, extractor, version)
                    extracted += 1
            appended += await store.append_idempotent(events) if events else 0
            bar.update(len(stored))
    return extracted, appended


async def _run() -> tuple[int, int]:
    with servers() as settings:
        await upgrade_to_head(database_url(settings))
        engine = engine_for(settings, pool_size=1)
        try:
            return await renormalize(engine, progress=sys.stderr.isatty())
        finally:
            await engine.dispose()


def run(args: argparse.Namespace) -> int:
    extracted, appended = asyncio.run(_run())
    print(
        f"renormalized {extracted} article(s) with extractor {EXTRACTOR_VERSION}: {appended} event(s) appended"
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "renormalize", help="extract every stored article again with the current extractor"
    )
    parser.set_defaults(run=run)

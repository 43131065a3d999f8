"""`bilateral replay` and `bilateral renormalize` against a real PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from read_models import TABLE_KEYS, snapshot
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.bench.replay import synthetic_events
from bilateral.commands.renormalize import renormalize
from services.normalize.domain import EXTRACTOR_VERSION, Extraction, extract
from services.normalize.reports import normalized_article
from services.store.postgres import queries
from services.store.postgres.event_store import EventStore
from services.store.postgres.projection import read_checkpoint
from services.store.projector import CHECKPOINT, project_once
from services.store.replay import replay
from shared.events import Article, ArticleIngested, derived_event_id

pytestmark = pytest.mark.integration
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


async def project_all(engine: AsyncEngine) -> None:
    while await project_once(engine, batch_size=300):
        pass


def reextracted(events: list, version: str) -> list:
    """A second extraction of every third article: a new marker and about half of its reports."""

    def again(event: Any) -> Any:
        new_id = derived_event_id(str(event.event_id), version)
        return event.model_copy(update={"extractor_version": version, "event_id": new_id})

    markers = [e for e in events if e.event_type == "ArticleNormalized" and int(e.article_id[-1]) % 3 == 0]
    chosen = {e.article_id for e in markers}
    reports = [
        e
        for e in events
        if e.event_type in ("MeetingReported", "StatementReported")
        and e.article_id in chosen
        and e.event_id.int % 2 == 0
    ]
    return [again(e) for e in markers + reports]


@pytest.mark.timeout(120)
async def test_replay_equals_the_live_projection_while_queries_and_appends_go_on(engine: AsyncEngine) -> None:
    store = EventStore(engine)
    events = synthetic_events(300)
    await store.append_idempotent(events)
    await store.append_idempotent(reextracted(events, "second"))
    await project_all(engine)
    live = await snapshot(engine)
    async with engine.connect() as conn:
        before = await queries.relations(conn)
    assert before and live["meetings"]

    late = synthetic_events(320)[len(events) :]
    seen_during_rebuild = []

    async def meanwhile(position: int, _: int) -> None:
        async with engine.connect() as conn:
            seen_during_rebuild.append(await queries.relations(conn))
        if len(seen_during_rebuild) == 1:  # appends and the live projector carry on meanwhile
            await store.append_idempotent(late)
            await project_all(engine)

    result = await replay(engine, range_size=700, on_range=meanwhile)
    assert len(seen_during_rebuild) > 1
    assert seen_during_rebuild[0] == before
    rebuilt = await snapshot(engine)
    await project_all(engine)
    assert await snapshot(engine) == rebuilt  # the live projector had nothing left to do

    # The never-replayed answer: the live projector's fold of the same events, from scratch.
    async with engine.begin() as conn:
        await conn.execute(text("TRUNCATE events RESTART IDENTITY"))
        assert await read_checkpoint(conn, CHECKPOINT) == result.position
        await conn.execute(text("TRUNCATE checkpoints"))
        for table in TABLE_KEYS:
            await conn.execute(text(f"TRUNCATE projection.{table} CASCADE"))
    await store.append_idempotent(events)
    await store.append_idempotent(reextracted(events, "second"))
    await store.append_idempotent(late)
    await project_all(engine)
    assert await snapshot(engine) == rebuilt


def corpus_article(path: Path) -> ArticleIngested:
    document = json.loads(path.read_text(encoding="utf-8"))
    published = datetime.fromisoformat(document["published_at"].replace("Z", "+00:00"))
    article = Article(article_id=document["id"], body=document["body"], published_at=published)
    return ArticleIngested(
        event_id=derived_event_id(article.article_id, "ingested"),
        stream_id=f"article-{article.article_id}",
        occurred_at=published,
        correlation_id=article.article_id,
        article=article,
    )


def extractor_with_new_topic(body: str, published_at: datetime | None, title: str | None) -> Extraction:
    """A changed extractor: the same meetings, each with one more topic."""
    found = extract(body, published_at, title)
    meetings = tuple(m.model_copy(update={"topics": (*m.topics, "renormalized")}) for m in found.meetings)
    return Extraction(meetings, found.statements)


@pytest.mark.timeout(120)
async def test_renormalize_makes_an_extractor_change_visible_without_duplicates(engine: AsyncEngine) -> None:
    store = EventStore(engine)
    for path in sorted(CORPUS.glob("d0*.json")):
        ingested = corpus_article(path)
        first = extract(ingested.article.body, ingested.article.published_at)
        normalized = normalized_article(ingested, first.meetings, first.statements, EXTRACTOR_VERSION)
        await store.append_idempotent([ingested, *normalized.events])
    await project_all(engine)
    async with engine.connect() as conn:
        before = await queries.relations(conn)
    assert before and all("renormalized" not in r.topics for r in before)

    extracted, appended = await renormalize(engine, extractor_with_new_topic, "changed")
    assert extracted == 9 and appended > 0
    assert await renormalize(engine, extractor_with_new_topic, "changed") == (0, 0)  # idempotent
    await project_all(engine)
    async with engine.connect() as conn:
        after = await queries.relations(conn)
    counts = [(r.pair, r.meeting_count, r.statement_count) for r in after]
    assert counts == [(r.pair, r.meeting_count, r.statement_count) for r in before]
    assert all("renormalized" in r.topics for r in after if r.meeting_count)
    live = await snapshot(engine)
    assert {row[2] for row in live["meeting_reports"]} == {json.dumps("changed")}
    await replay(engine)
    assert await snapshot(engine) == live

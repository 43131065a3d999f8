"""The acceptance run: two producers push at once, the store is SIGKILLed mid-way and restarted, a
replay runs, and `relations` equals a fold of the stored events computed here, outside the service."""

from __future__ import annotations

import asyncio
import json
import signal
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.bench.extract import generated_articles
from bilateral.drain import wait_until_drained
from bilateral.processes import start_service, stop_process
from services.store.postgres import queries
from services.store.replay import replay
from shared.streams import ARTICLES_RAW

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(300)]
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_articles() -> list[dict[str, str]]:
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]
    return [{k: d[k] for k in ("title", "body", "published_at", "source") if d.get(k)} for d in documents]


async def produce_json(redis: Any, articles: list[dict[str, str]]) -> None:
    for article in articles:
        await redis.xadd(ARTICLES_RAW, {"data": json.dumps(article)})
        await asyncio.sleep(0)


async def produce_fields(redis: Any, bodies: list[str]) -> None:
    for i, body in enumerate(bodies):
        await redis.xadd(ARTICLES_RAW, {"body": body, "published_at": f"2025-02-{1 + i % 27:02d}T08:00:00Z"})
        await asyncio.sleep(0)


def pairs(countries: list[str]) -> list[tuple[str, str]]:
    return list(combinations(sorted(set(countries)), 2))


async def fold_outside(engine: AsyncEngine) -> dict[tuple[str, str], tuple[int, int, str | None]]:
    """Each article's latest extraction counts; one meeting per meeting key; per pair:
    (meetings, statements, last meeting date)."""
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT event_type, data FROM events WHERE event_type IN"
                    " ('ArticleNormalized', 'MeetingReported', 'StatementReported') ORDER BY global_position"
                )
            )
        ).all()
    current = {d["article_id"]: d["extractor_version"] for t, d in rows if t == "ArticleNormalized"}
    meetings: dict[str, dict[str, Any]] = {}
    statements: dict[tuple[str, str], int] = defaultdict(int)
    for event_type, data in rows:
        if current.get(data["article_id"]) != data["extractor_version"]:
            continue
        if event_type == "MeetingReported":
            meetings[data["meeting_key"]] = data["meeting"]
        elif event_type == "StatementReported":
            for pair in pairs(data["statement"]["about"]):
                statements[pair] += 1
    counts: dict[tuple[str, str], int] = defaultdict(int)
    last: dict[tuple[str, str], str | None] = {}
    for meeting in meetings.values():
        for pair in pairs(meeting["countries"]):
            counts[pair] += 1
            if meeting["date"] and (last.get(pair) is None or meeting["date"] > str(last[pair])):
                last[pair] = meeting["date"]
    return {p: (counts[p], statements[p], last.get(p)) for p in set(counts) | set(statements)}


async def test_two_producers_a_killed_store_and_a_replay_agree_with_an_outside_fold(
    engine: AsyncEngine, redis: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BILATERAL_RECLAIM_IDLE_MS", "1000")
    logs = tmp_path / "logs"
    workers = [start_service("ingest", logs), start_service("normalize", logs)]
    store = start_service("store", logs)
    try:
        corpus, generated = corpus_articles(), generated_articles(60)
        pushed = len(corpus) + len(generated)
        await asyncio.gather(produce_json(redis, corpus), produce_fields(redis, generated))
        while not await _articles_stored(engine):
            await asyncio.sleep(0.01)
        store.send_signal(signal.SIGKILL)
        store.wait()
        assert await _articles_stored(engine) < pushed, "killed too late to be mid-way"
        store = start_service("store", logs)
        await wait_until_drained(redis, engine, timeout_s=200)
        assert all(p.poll() is None for p in [*workers, store]), f"a service died; logs in {logs}"
    finally:
        for process in [*workers, store]:
            stop_process(process)

    await replay(engine)
    async with engine.connect() as conn:
        relations = await queries.relations(conn)
        duplicates = await conn.execute(
            text("SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1")
        )
        assert duplicates.first() is None
    got = {
        (r.country_a, r.country_b): (
            r.meeting_count,
            r.statement_count,
            r.last_meeting and str(r.last_meeting),
        )
        for r in relations
    }
    expected = await fold_outside(engine)
    assert got == expected
    assert sum(count for count, _, _ in got.values()) > 10


async def _articles_stored(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        query = text("SELECT count(*) FROM events WHERE event_type = 'ArticleIngested'")
        return int((await conn.execute(query)).scalar_one())

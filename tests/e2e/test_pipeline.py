"""The three services as real processes carry articles from a raw XADD to the relations table."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.drain import wait_until_drained
from bilateral.processes import running_services
from services.store.postgres import queries
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

SAMPLE = Path(__file__).resolve().parents[2] / "bilateral" / "samples" / "eaeu-iran.json"
EXPECTED = {("IRN", "KAZ"): "2025-01-30", ("BLR", "IRN"): "2025-01-30", ("IRN", "KGZ"): "2025-01-31"}


@pytest.fixture
def services(
    clean_servers: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("BILATERAL_RECLAIM_IDLE_MS", "2000")
    with running_services(tmp_path / "logs") as processes:
        yield
        dead = [name for name, process in processes.items() if process.poll() is not None]
        assert not dead, f"services died: {dead}; logs in {tmp_path / 'logs'}"


@pytest.fixture
async def seed() -> AsyncIterator[dict[str, str]]:
    article = json.loads(SAMPLE.read_text(encoding="utf-8"))
    yield {k: article[k] for k in ("title", "body", "published_at", "source")}


async def relations_by_pair(engine: AsyncEngine) -> dict[tuple[str, str], queries.RelationRow]:
    async with engine.connect() as conn:
        return {(r.country_a, r.country_b): r for r in await queries.relations(conn)}


async def test_both_producer_formats_reach_the_relations_table(
    services: None, redis: aioredis.Redis, engine: AsyncEngine, seed: dict[str, str]
) -> None:
    await redis.xadd(ARTICLES_RAW, {"data": json.dumps(seed)})
    second = {**seed, "title": "Iran pushes for Eurasia ties (field format)"}
    await redis.xadd(ARTICLES_RAW, second)
    await wait_until_drained(redis, engine, timeout_s=90)

    relations = await relations_by_pair(engine)
    assert {pair: str(row.last_meeting) for pair, row in relations.items() if row.meeting_count} == EXPECTED
    assert all(relations[pair].meeting_count == 1 for pair in EXPECTED), (
        "the two articles report the same meetings"
    )
    async with engine.connect() as conn:
        sources = (await conn.execute(text("SELECT sources FROM projection.meetings"))).scalars().all()
    assert sorted(len(s) for s in sources) == [2, 2, 2], "each meeting has both articles as sources"


async def test_the_same_article_pushed_twice_is_stored_once(
    services: None, redis: aioredis.Redis, engine: AsyncEngine, seed: dict[str, str]
) -> None:
    await redis.xadd(ARTICLES_RAW, {"data": json.dumps(seed)})
    await redis.xadd(ARTICLES_RAW, {"data": json.dumps({**seed, "body": "  " + seed["body"] + "\n\n"})})
    await redis.xadd(ARTICLES_RAW, seed)
    await wait_until_drained(redis, engine, timeout_s=90)

    async with engine.connect() as conn:
        counts = dict(
            (await conn.execute(text("SELECT event_type, count(*) FROM events GROUP BY event_type"))).all()
        )
    assert counts["ArticleIngested"] == 1
    assert counts["ArticleNormalized"] == 1
    relations = await relations_by_pair(engine)
    assert all(relations[pair].meeting_count == 1 for pair in EXPECTED)
    assert await redis.hget("bilateral:ingest:counts", "duplicate") == b"2"


BAD_INPUTS = [
    ({"data": b"{not json"}, "not_json"),
    ({"data": b"[1, 2, 3]"}, "not_object"),
    ({"title": b"no body", "published_at": b"2025-01-31T00:00:00Z"}, "missing_body"),
    ({"body": b"   <p> </p>  ", "published_at": b"2025-01-31T00:00:00Z"}, "empty_body"),
    ({"body": b"x" * (256 * 1024 + 1), "published_at": b"2025-01-31T00:00:00Z"}, "body_too_large"),
    ({"body": b"caf\xe9 talks", "published_at": b"2025-01-31T00:00:00Z"}, "invalid_utf8"),
    ({"body": b"Talks were held.", "published_at": b"last Thursday"}, "bad_published_at"),
    ({"body": b"Talks were held.", "published_at": b"2999-01-01T00:00:00Z"}, "published_in_future"),
    ({"data": json.dumps({"body": 42, "published_at": "2025-01-31T00:00:00Z"}).encode()}, "invalid_field"),
]


async def test_bad_input_is_rejected_with_its_reason_and_nothing_is_dropped(
    services: None, redis: aioredis.Redis, engine: AsyncEngine, seed: dict[str, str]
) -> None:
    for fields, _ in BAD_INPUTS:
        await redis.xadd(ARTICLES_RAW, fields)
    await redis.xadd(ARTICLES_RAW, {"data": json.dumps(seed)})
    await wait_until_drained(redis, engine, timeout_s=90)

    rejected = [json.loads(fields[b"data"]) for _, fields in await redis.xrange(ARTICLES_REJECTED)]
    assert [r["reason"] for r in rejected] == [reason for _, reason in BAD_INPUTS]
    assert all(r["detail"] and r["original"] and r["source_stream"] == ARTICLES_RAW for r in rejected)
    pushed = await redis.xlen(ARTICLES_RAW)
    assert pushed == await redis.xlen(ARTICLES_ACCEPTED) + len(rejected)
    relations = await relations_by_pair(engine)
    assert {pair for pair, row in relations.items() if row.meeting_count} == set(EXPECTED)

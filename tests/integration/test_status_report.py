"""`bilateral status` against real Redis and PostgreSQL: lag and pending follow the load."""

from __future__ import annotations

import json

import pytest
import redis.asyncio as aioredis
from api_server import store_sample
from sqlalchemy.ext.asyncio import AsyncEngine

from bilateral.cli import main
from bilateral.commands.status import as_table, gather
from services.store.postgres.projection import read_checkpoint
from shared.messages import ArticleRejected
from shared.metrics import ServiceMetrics, Telemetry
from shared.settings import Settings
from shared.stream_stats import group_stats
from shared.streams import ARTICLES_RAW, ARTICLES_REJECTED, INGEST_GROUP
from shared.wire import encode, ensure_group

pytestmark = pytest.mark.integration


def ingest_group(report_streams: list, stream: str = ARTICLES_RAW) -> dict:
    found = next(s for s in report_streams if s.stream == stream)
    group = next(g for g in found.groups if g.group == INGEST_GROUP)
    return {
        "length": found.length,
        "lag": group.lag,
        "pending": group.pending,
        "age": group.oldest_pending_age_s,
    }


async def test_lag_and_pending_rise_and_fall(settings: Settings, redis: aioredis.Redis) -> None:
    await ensure_group(redis, ARTICLES_RAW, INGEST_GROUP)
    assert ingest_group((await gather(settings)).streams) == {
        "length": 0,
        "lag": 0,
        "pending": 0,
        "age": None,
    }

    for n in range(10):
        await redis.xadd(ARTICLES_RAW, {"data": json.dumps({"n": n})})
    loaded = ingest_group((await gather(settings)).streams)
    assert (loaded["length"], loaded["lag"], loaded["pending"]) == (10, 10, 0)

    delivered = await redis.xreadgroup(INGEST_GROUP, "worker", {ARTICLES_RAW: ">"}, count=4)
    reading = ingest_group((await gather(settings)).streams)
    assert (reading["lag"], reading["pending"]) == (6, 4)
    assert reading["age"] is not None and reading["age"] >= 0

    [row] = await redis.xinfo_groups(ARTICLES_RAW)
    without_lag = {k: v for k, v in row.items() if k not in ("lag", b"lag")}
    counted = await group_stats(redis, ARTICLES_RAW, INGEST_GROUP, without_lag)
    assert counted.lag == 6, "Redis 6.2 reports no lag: it is counted from the last-delivered id"

    await redis.xack(ARTICLES_RAW, INGEST_GROUP, *(entry_id for entry_id, _ in delivered[0][1]))
    await redis.xreadgroup(INGEST_GROUP, "worker", {ARTICLES_RAW: ">"}, count=100)
    await redis.xack(ARTICLES_RAW, INGEST_GROUP, *[i for i, _ in (await redis.xrange(ARTICLES_RAW))])
    drained = ingest_group((await gather(settings)).streams)
    assert (drained["length"], drained["lag"], drained["pending"], drained["age"]) == (10, 0, 0, None)


async def test_rejections_checkpoints_and_live_services(
    settings: Settings, redis: aioredis.Redis, engine: AsyncEngine
) -> None:
    for reason in ("not_json", "missing_body", "not_json"):
        record = ArticleRejected(
            reason=reason, detail="", source_stream=ARTICLES_RAW, source_id="1-0", original={}
        )
        await redis.xadd(ARTICLES_REJECTED, encode(record))
    await store_sample(engine, project=False)
    async with engine.begin() as conn:
        await read_checkpoint(conn, "relations")
    telemetry = Telemetry(ServiceMetrics("api", ()), settings)
    await telemetry.start()
    try:
        report = await gather(settings)
    finally:
        await telemetry.stop()

    assert report.rejected_by_reason == {"not_json": 2, "missing_body": 1}
    relations = next(c for c in report.checkpoints if c.name == "relations")
    assert relations.position == 0 and relations.head == report.store_head > 0
    assert 0 < relations.behind < report.store_head, "ArticleIngested events are not the projection's to read"
    alive = {s.service: s.alive for s in report.services}
    assert alive == {"ingest": False, "normalize": False, "store": False, "api": True}
    table = as_table(report)
    assert "not_json" in table and "relations" in table


def test_status_command_prints_json(
    clean_servers: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {s["stream"] for s in document["streams"]} >= {ARTICLES_RAW, ARTICLES_REJECTED}
    assert main(["status", "--check", "ingest"]) == 1

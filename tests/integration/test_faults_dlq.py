"""`bilateral dlq list|redrive` against a real Redis and the real ingest handler: a message rejected
before a fix is re-submitted after it, once, and goes through."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import redis.asyncio as aioredis

from bilateral.cli import main
from bilateral.commands.dlq import REDRIVEN_FROM, redrive, rejected_entries
from services.ingest.handlers import handle_raw_batch
from services.ingest.redis_streams import IntakeStreams
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED, INGEST_GROUP
from shared.wire import dead_letter_exhausted, ensure_group, entries_of

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]
LONG_BODY = "Iran and Oman held talks in Muscat on Monday. " * 10


async def ingest_pending(redis: aioredis.Redis, max_body_bytes: int) -> None:
    """What the ingest service does with the entries waiting on the raw stream."""
    reply = await redis.xreadgroup(INGEST_GROUP, "test", {ARTICLES_RAW: ">"}, count=100)
    entries = entries_of({"message_ids": [i for i, _ in reply[0][1]], "data": [f for _, f in reply[0][1]]})
    await handle_raw_batch(entries, IntakeStreams(redis, 60), max_body_bytes)


async def reasons(redis: aioredis.Redis) -> list[str]:
    return [entry.record.reason async for entry in rejected_entries(redis)]


async def accepted_articles(redis: aioredis.Redis) -> list[dict[str, Any]]:
    return [json.loads(fields[b"data"])["article"] for _, fields in await redis.xrange(ARTICLES_ACCEPTED)]


async def test_redrive_resubmits_each_rejected_message_once(redis: aioredis.Redis) -> None:
    await ensure_group(redis, ARTICLES_RAW, INGEST_GROUP)
    await redis.xadd(ARTICLES_RAW, {"data": json.dumps({"body": LONG_BODY, "published_at": "2025-01-06"})})
    await redis.xadd(ARTICLES_RAW, {"data": "{not json"})
    await ingest_pending(redis, max_body_bytes=100)
    assert await reasons(redis) == ["body_too_large", "not_json"]

    # the fix: a larger body limit; only the messages rejected for that reason go back
    assert await redrive(redis, "body_too_large", dry_run=True) == {ARTICLES_RAW: 1}
    assert await reasons(redis) == ["body_too_large", "not_json"]
    assert await redrive(redis, "body_too_large") == {ARTICLES_RAW: 1}
    assert await redrive(redis, "body_too_large") == {}
    await ingest_pending(redis, max_body_bytes=10_000)

    [article] = await accepted_articles(redis)
    assert article["body"] == LONG_BODY.strip()
    assert REDRIVEN_FROM in article["metadata"]
    assert await reasons(redis) == ["not_json"]


async def test_a_dead_lettered_message_goes_back_to_the_stream_it_came_from(redis: aioredis.Redis) -> None:
    await ensure_group(redis, ARTICLES_ACCEPTED, "normalize")
    entry_id = (await redis.xadd(ARTICLES_ACCEPTED, {"data": "poison"})).decode()
    await redis.xreadgroup("normalize", "test", {ARTICLES_ACCEPTED: ">"})
    for _ in range(2):  # two reclaims after failures: three deliveries
        await redis.xclaim(ARTICLES_ACCEPTED, "normalize", "test", 0, [entry_id])
    entries = [(entry_id, {b"data": b"poison"})]
    assert await dead_letter_exhausted(redis, entries, ARTICLES_ACCEPTED, "normalize", max_deliveries=2) == []
    [dead] = [entry async for entry in rejected_entries(redis, "delivery_limit")]
    assert (dead.record.source_stream, dead.record.source_id, dead.record.delivery_count) == (
        ARTICLES_ACCEPTED,
        entry_id,
        3,
    )

    assert await redrive(redis) == {ARTICLES_ACCEPTED: 1}
    [(_, fields)] = await redis.xrange(ARTICLES_ACCEPTED, min=f"({entry_id}")
    assert fields == {b"data": b"poison", REDRIVEN_FROM.encode(): dead.entry_id.encode()}
    assert await redis.xlen(ARTICLES_REJECTED) == 0


async def test_the_commands(redis: aioredis.Redis, capsys: pytest.CaptureFixture[str]) -> None:
    await ensure_group(redis, ARTICLES_RAW, INGEST_GROUP)
    await redis.xadd(ARTICLES_RAW, {"data": "[1, 2]"})
    await ingest_pending(redis, max_body_bytes=100)

    assert await asyncio.to_thread(main, ["dlq", "list"]) == 0
    listed = capsys.readouterr().out
    assert "not_object" in listed and f"{ARTICLES_RAW}/" in listed
    assert listed.rstrip().endswith("1 rejected (not_object: 1)")

    assert await asyncio.to_thread(main, ["dlq", "list", "--json"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (record["reason"], record["original"], record["delivery_count"]) == (
        "not_object",
        {"data": "[1, 2]"},
        1,
    )

    assert await asyncio.to_thread(main, ["dlq", "redrive", "--reason", "not_json"]) == 0
    assert capsys.readouterr().out.strip() == "re-submitted 0 message(s): nothing"
    assert await asyncio.to_thread(main, ["dlq", "redrive", "--reason", "not_object"]) == 0
    assert capsys.readouterr().out.strip() == f"re-submitted 1 message(s): 1 to {ARTICLES_RAW}"
    assert await redis.xlen(ARTICLES_REJECTED) == 0

"""The issue's hostile inputs, in one batch with good articles, through ingest's real Redis commit:
each bad one is rejected with its reason, each good one accepted, every entry acked, nothing else
disturbed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import redis.asyncio as aioredis

from services.ingest.handlers import handle_raw_batch
from services.ingest.redis_streams import IntakeStreams
from shared.streams import ARTICLES_ACCEPTED, ARTICLES_RAW, ARTICLES_REJECTED, INGEST_GROUP
from shared.wire import ensure_group, entries_of

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]
WHEN = "2025-01-06T10:00:00Z"
LIMIT = 256 * 1024


def article(**fields: object) -> dict[str, str]:
    return {
        "data": json.dumps({"body": "Iran and Oman held talks in Muscat.", "published_at": WHEN, **fields})
    }


HOSTILE: list[tuple[dict[str, str | bytes], str]] = [
    ({"data": "this is not JSON"}, "not_json"),
    ({"data": json.dumps(["a", "list"])}, "not_object"),
    ({"data": json.dumps({"title": "no body", "published_at": WHEN})}, "missing_body"),
    (article(body=""), "empty_body"),
    (article(body="x" * (LIMIT + 1)), "body_too_large"),
    ({"body": b"caf\xe9 \xff", "published_at": WHEN}, "invalid_utf8"),
    (article(published_at="31/01/2025"), "bad_published_at"),
    (article(published_at=(datetime.now(UTC) + timedelta(days=400)).isoformat()), "published_in_future"),
    (article(body="p\n" * 1_000_000), "body_too_large"),
]
GOOD = [
    article(title="Script", body="<p>Iran and Oman met.</p><script>document.cookie</script>"),
    article(title="Control", body="Iran\x00 and Oman\x1b met\x7f in Muscat."),
    article(title="Quotes", body="Iran and Oman met. " + '"' * 10_000),
]


async def test_hostile_input_in_one_batch(redis: aioredis.Redis) -> None:
    await ensure_group(redis, ARTICLES_RAW, INGEST_GROUP)
    for fields in [GOOD[0], *(f for f, _ in HOSTILE[:5]), GOOD[1], *(f for f, _ in HOSTILE[5:]), GOOD[2]]:
        await redis.xadd(ARTICLES_RAW, fields)  # type: ignore[arg-type]
    reply = await redis.xreadgroup(INGEST_GROUP, "test", {ARTICLES_RAW: ">"}, count=100)
    raw = reply[0][1]
    await handle_raw_batch(
        entries_of({"message_ids": [i for i, _ in raw], "data": [f for _, f in raw]}),
        IntakeStreams(redis, 60),
        LIMIT,
    )

    rejected = [json.loads(f[b"data"]) for _, f in await redis.xrange(ARTICLES_REJECTED)]
    assert [r["reason"] for r in rejected] == [reason for _, reason in HOSTILE]
    assert all(r["detail"] and r["source_stream"] == ARTICLES_RAW for r in rejected)
    accepted = [json.loads(f[b"data"])["article"] for _, f in await redis.xrange(ARTICLES_ACCEPTED)]
    assert [a["title"] for a in accepted] == ["Script", "Control", "Quotes"]
    assert accepted[0]["body"] == "Iran and Oman met."
    assert accepted[1]["body"] == "Iran and Oman met in Muscat."
    assert (await redis.xpending(ARTICLES_RAW, INGEST_GROUP))["pending"] == 0
